// The audit log for admins: search by actor, action, patient and dates, paged, with CSV export.
// A search by patient is itself logged: looking up who saw a patient is a patient-level view.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit, listAudit } from '$lib/server/auth/audit.ts';
import { AUDIT_PAGE_SIZE, readAuditQuery } from '$lib/server/auth/audit-filter.ts';

export const load = (async (event) => {
	const user = guard(event);
	const parsed = readAuditQuery(event.url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const db = await getDb();
	if (parsed.query.patient)
		await audit(db, {
			actor: user.email,
			action: 'audit.search',
			patientId: parsed.query.patient,
			ip: event.getClientAddress()
		});
	const { rows, total } = await listAudit(db, parsed.filter);
	const pageHref = (page: number) => {
		const params = new URLSearchParams(event.url.searchParams);
		params.set('page', String(page));
		return `?${params}`;
	};
	const { page } = parsed.query;
	return {
		prevHref: page > 1 ? pageHref(page - 1) : null,
		nextHref: page * AUDIT_PAGE_SIZE < total ? pageHref(page + 1) : null,
		query: parsed.query,
		total,
		pageSize: AUDIT_PAGE_SIZE,
		exportQuery: event.url.searchParams.toString(),
		rows: rows.map((r) => ({
			id: r.id,
			at: r.at.toISOString().replace('T', ' ').slice(0, 19),
			actor: r.actor,
			action: r.action,
			subject: r.subjectType ? `${r.subjectType}: ${r.subjectId ?? ''}` : (r.subjectId ?? ''),
			patientId: r.patientId,
			ip: r.ip,
			detail: r.detail === null ? '' : JSON.stringify(r.detail)
		}))
	};
}) satisfies PageServerLoad;
