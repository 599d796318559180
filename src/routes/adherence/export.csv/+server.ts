// The adherence patient list as CSV: every row the filters select (all pages). Audited.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	loadAdherence,
	parseAdherenceParams,
	type PatientRow
} from '$lib/server/dashboard/adherence.ts';
import { csvResponse, toCsv, type CsvColumn } from '$lib/server/dashboard/csv.ts';
import { adherenceUrl, readFilter } from '$lib/server/dashboard/request.ts';

const COLUMNS: CsvColumn<PatientRow>[] = [
	{ header: 'patient_id', value: (r) => r.patient_id },
	{ header: 'class', value: (r) => r.class },
	{ header: 'index_date', value: (r) => r.index_date },
	{ header: 'treatment_days', value: (r) => r.treatment_days },
	{ header: 'covered_days', value: (r) => r.covered_days },
	{ header: 'pdc', value: (r) => r.pdc },
	{ header: 'adherent', value: (r) => r.adherent },
	{ header: 'group', value: (r) => r.group }
];

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const db = await getDb();
	const url = await adherenceUrl(db, event.url);
	const { filter } = await readFilter(db, url);
	const params = parseAdherenceParams(url);
	if (!params) error(400, 'This link has an adherence filter we cannot read.');
	const data = await loadAdherence(db, filter, params, true);
	await audit(db, {
		actor: user.email,
		action: 'patient.export',
		subjectType: 'adherence',
		ip: event.getClientAddress(),
		detail: { query: event.url.search, rows: data.patients.length },
		patientIds: data.patients.map((p) => p.patient_id)
	});
	return csvResponse(
		toCsv(COLUMNS, data.patients),
		`adherence_${filter.fromDate}_${filter.toDate}.csv`
	);
};
