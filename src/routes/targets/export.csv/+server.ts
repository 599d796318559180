// CSV of every target, as the Targets page lists them.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { csvResponse } from '$lib/server/dashboard/csv.ts';
import { listTargets, targetsToCsv } from '$lib/server/kpi/index.ts';

export const GET = (async (event) => {
	guard(event);
	const targets = await listTargets(await getDb());
	return csvResponse(targetsToCsv(targets), 'careloop-targets.csv');
}) satisfies RequestHandler;
