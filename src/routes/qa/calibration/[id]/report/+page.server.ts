// The calibration report: per grader and per item, deviation from the key, percent agreement and
// Fleiss' kappa, as a heat map and tables. Members read it once they have submitted.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { sessionFromParam } from '$lib/server/qa/calibration/page.ts';
import { readableReport } from '$lib/server/qa/calibration/report-page.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const session = await sessionFromParam(db, event.params.id);
	return { session, report: await readableReport(db, session, user.id) };
}) satisfies PageServerLoad;
