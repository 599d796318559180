// The audit log for admins: search by actor, action, patient and dates, paged, with CSV export.
// A search by patient is itself logged: looking up who saw a patient is a patient-level view.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit, listAudit } from '$lib/server/auth/audit.ts';
import { AUDIT_PAGE_SIZE, readAuditQuery } from '$lib/server/auth/audit-filter.ts';
import { actionText, actorText, detailText } from '$lib/server/auth/audit-view.ts';
import { listUsers } from '$lib/server/auth/users.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { formatLocal } from '$lib/server/time/index.ts';
import { words } from '$lib/messages.ts';

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
	const [{ rows, total }, users, settings] = await Promise.all([
		listAudit(db, parsed.filter),
		listUsers(db),
		getSettings(db)
	]);
	// People by name: actors are stored by email, users as subjects by id.
	const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.name]));
	const byId = new Map(users.map((u) => [u.id, u.name]));
	const subject = (type: string | null, id: string | null) => {
		if (type === 'user' && id && byId.has(id)) return `user ${byId.get(id)}`;
		return [type ? words(type) : null, id].filter(Boolean).join(' ');
	};
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
		timeZone: settings.siteTimeZone,
		total,
		pageSize: AUDIT_PAGE_SIZE,
		exportQuery: event.url.searchParams.toString(),
		rows: rows.map((r) => ({
			id: r.id,
			at: formatLocal(r.at, settings.siteTimeZone, true),
			actor: actorText(r.actor, byEmail),
			action: r.action,
			actionText: actionText(r.action),
			subject: subject(r.subjectType, r.subjectId),
			patientId: r.patientId,
			ip: r.ip,
			detail: detailText(r.detail)
		}))
	};
}) satisfies PageServerLoad;
