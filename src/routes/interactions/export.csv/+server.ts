// Every row the interaction list selects (all pages), as CSV, with the same filters and sort.
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { csvResponse, toCsv, type CsvColumn } from '$lib/server/dashboard/csv.ts';
import type { InteractionRow, SurveyRow } from '$lib/server/dashboard/interactions.ts';
import { auditListView, runList } from '$lib/server/dashboard/lists.ts';
import { readDrill, readFilter } from '$lib/server/dashboard/request.ts';
import { agentNames, type AgentNames } from '$lib/server/roster.ts';

const INTERACTION_COLUMNS = (names: AgentNames): CsvColumn<InteractionRow>[] => [
	{ header: 'interaction_id', value: (r) => r.interactionId },
	{ header: 'started_at', value: (r) => r.startedAt },
	{ header: 'channel', value: (r) => r.channel },
	{ header: 'direction', value: (r) => r.direction },
	{ header: 'patient_id', value: (r) => r.patientId },
	{ header: 'agent_id', value: (r) => r.agentId },
	{ header: 'agent_name', value: (r) => (r.agentId ? (names[r.agentId] ?? null) : null) },
	{ header: 'team', value: (r) => r.team },
	{ header: 'reason', value: (r) => r.reason },
	{ header: 'disposition', value: (r) => r.disposition },
	{ header: 'queue_seconds', value: (r) => r.queueSeconds },
	{ header: 'handle_seconds', value: (r) => r.handleSeconds },
	{ header: 'surveys', value: (r) => r.surveys },
	{ header: 'csat', value: (r) => r.csat }
];

const SURVEY_COLUMNS = (names: AgentNames): CsvColumn<SurveyRow>[] => [
	{ header: 'survey_id', value: (r) => r.surveyId },
	{ header: 'submitted_at', value: (r) => r.submittedAt },
	{ header: 'interaction_id', value: (r) => r.interactionId },
	{ header: 'patient_id', value: (r) => r.patientId },
	{ header: 'agent_id', value: (r) => r.agentId },
	{ header: 'agent_name', value: (r) => (r.agentId ? (names[r.agentId] ?? null) : null) },
	{ header: 'team', value: (r) => r.team },
	{ header: 'channel', value: (r) => r.channel },
	{ header: 'reason', value: (r) => r.reason },
	{ header: 'csat', value: (r) => r.csat },
	{ header: 'nps', value: (r) => r.nps },
	{ header: 'ces', value: (r) => r.ces },
	{ header: 'resolved', value: (r) => r.resolved },
	{ header: 'comment', value: (r) => r.comment }
];

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const db = await getDb();
	const { filter } = await readFilter(db, event.url);
	const list = await runList(db, filter, readDrill(event.url), true);
	await auditListView(db, user, event.getClientAddress(), 'patient.export', list, event.url.search);
	const name = `${list.view}_${filter.fromDate}_${filter.toDate}.csv`;
	const names = await agentNames(
		db,
		list.rows.map((r) => r.agentId)
	);
	const body =
		list.view === 'surveys'
			? toCsv(SURVEY_COLUMNS(names), list.rows as SurveyRow[])
			: toCsv(INTERACTION_COLUMNS(names), list.rows as InteractionRow[]);
	return csvResponse(body, name);
};
