// The admin's landing page: where users, the audit log and KPI settings live.
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { countUsers } from '$lib/server/auth/users.ts';

export const load = (async (event) => {
	guard(event);
	return { users: await countUsers(await getDb()) };
}) satisfies PageServerLoad;
