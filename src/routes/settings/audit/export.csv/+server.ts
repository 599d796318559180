// CSV of every audit record matching the page's filter (all pages). The export is logged.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit, auditToCsv, listAudit } from '$lib/server/auth/audit.ts';
import { readAuditQuery } from '$lib/server/auth/audit-filter.ts';

export const GET = (async (event) => {
	const user = guard(event);
	const parsed = readAuditQuery(event.url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const db = await getDb();
	const { rows } = await listAudit(db, { ...parsed.filter, page: 1, pageSize: 0 });
	await audit(db, {
		actor: user.email,
		action: 'audit.export',
		patientId: parsed.query.patient || null,
		ip: event.getClientAddress(),
		detail: { rows: rows.length, filter: { ...parsed.query, page: undefined } }
	});
	const stamp = new Date().toISOString().slice(0, 10);
	return new Response(auditToCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="careloop-audit-${stamp}.csv"`,
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
