// Live progress of imports and their background jobs, polled by the Import page (JSON).
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { importStatus } from '../status.ts';

export const GET = (async (event) => {
	guard(event);
	return json(await importStatus(await getDb()), { headers: { 'cache-control': 'no-store' } });
}) satisfies RequestHandler;
