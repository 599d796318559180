// The queue as CSV: exactly the rows the filters show (all of them, not one page), audited.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { actorFor, listTasks } from '$lib/server/loop/index.ts';
import { filterFromUrl, tasksToCsv } from '$lib/server/loop/web.ts';
import { now } from '$lib/server/time/index.ts';

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	const { filter, raw } = filterFromUrl(event.url);
	const { rows } = await listTasks(db, actor, { ...filter, limit: 1_000_000 });
	await audit(db, {
		actor: user.email,
		action: 'follow_up.export',
		subjectType: 'follow_up_queue',
		ip: event.getClientAddress(),
		detail: { rows: rows.length, filter: raw }
	});
	return new Response(tasksToCsv(rows, now()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="follow-ups.csv"'
		}
	});
};
