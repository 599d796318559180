// Every failure the list selects (all pages), as CSV, with the same filters and sort.
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { csvResponse, toCsv, type CsvColumn } from '$lib/server/dashboard/csv.ts';
import type { FailureRow } from '$lib/server/qa/autoqa/index.ts';
import { auditFailureList, loadFailureList } from '$lib/server/qa/autoqa/failure-page.ts';

const COLUMNS: CsvColumn<FailureRow>[] = [
	{ header: 'interaction_id', value: (r) => r.interactionId },
	{ header: 'started_at', value: (r) => r.startedAt },
	{ header: 'agent_id', value: (r) => r.agentId },
	{ header: 'team', value: (r) => r.team },
	{ header: 'channel', value: (r) => r.channel },
	{ header: 'reason', value: (r) => r.reason },
	{ header: 'patient_id', value: (r) => r.patientId },
	{ header: 'finding', value: (r) => r.detail },
	{ header: 'turn', value: (r) => r.turn },
	{ header: 'turn_text', value: (r) => r.turnText }
];

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const db = await getDb();
	const list = await loadFailureList(db, event.url, event.params.rule, { all: true });
	await auditFailureList(
		db,
		user,
		event.getClientAddress(),
		'patient.export',
		list,
		event.url.search
	);
	return csvResponse(
		toCsv(COLUMNS, list.rows),
		`autoqa_${list.rule.key}_failures_${list.filter.fromDate}_${list.filter.toDate}.csv`
	);
};
