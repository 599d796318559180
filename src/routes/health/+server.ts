// Liveness for Playwright's webServer and monitors: answers once the database is open.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';

export const GET = (async () => {
	const db = await getDb();
	await db.one('SELECT 1 AS ok');
	return json({ ok: true });
}) satisfies RequestHandler;
