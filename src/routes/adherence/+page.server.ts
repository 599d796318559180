// Adherence: PDC by class with the 60–79 % band, and the patients behind it (audited).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import { loadAdherence, parseAdherenceParams } from '$lib/server/dashboard/adherence.ts';
import { filterQuery } from '$lib/server/dashboard/filters.ts';
import { adherenceUrl, filterState, readFilter } from '$lib/server/dashboard/request.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const url = await adherenceUrl(db, event.url);
	const { asOf, filter } = await readFilter(db, url);
	const params = parseAdherenceParams(url);
	if (!params)
		error(400, 'This link has an adherence filter we cannot read. Pick the class and group again.');
	const data = await loadAdherence(db, filter, params);
	if (data.patients.length > 0) {
		await audit(db, {
			actor: user.email,
			action: 'patient.list',
			subjectType: 'adherence',
			ip: event.getClientAddress(),
			detail: { query: event.url.search, rows: data.patients.length },
			patientIds: data.patients.map((p) => p.patient_id)
		});
	}
	const { page: _p, sort: _s, dir: _d, ...kept } = params;
	return {
		asOf,
		filter: filterState(filter),
		query: { from: filter.fromDate, to: filter.toDate, ...kept },
		params,
		...data,
		periodQuery: filterQuery(filter, true)
	};
}) satisfies PageServerLoad;
