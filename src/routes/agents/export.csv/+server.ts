// The agent scorecard as CSV, same filters and sort as the page.
import type { RequestHandler } from './$types';
import { agentNames } from '$lib/server/roster.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	SCORECARD_KPIS,
	listAgentScorecards,
	readSort,
	sortScorecards,
	type ScorecardRow
} from '$lib/server/dashboard/agents.ts';
import { csvResponse, toCsv, type CsvColumn } from '$lib/server/dashboard/csv.ts';
import { readFilter } from '$lib/server/dashboard/request.ts';

export const GET: RequestHandler = async (event) => {
	guard(event);
	const db = await getDb();
	const { filter } = await readFilter(db, event.url);
	const { sort, dir } = readSort(event.url);
	const rows = sortScorecards(await listAgentScorecards(db, filter), sort, dir);
	const names = await agentNames(
		db,
		rows.map((r) => r.agentId)
	);
	const cols: CsvColumn<ScorecardRow>[] = [
		{ header: 'agent_id', value: (r) => r.agentId },
		{ header: 'agent_name', value: (r) => names[r.agentId] ?? null },
		{ header: 'team', value: (r) => r.team },
		{ header: 'contacts', value: (r) => r.contacts },
		...SCORECARD_KPIS.flatMap((k) => [
			{ header: k, value: (r: ScorecardRow) => r.cells[k].value },
			{ header: `${k}_n`, value: (r: ScorecardRow) => r.cells[k].n },
			{
				header: `${k}_status`,
				value: (r: ScorecardRow) => (r.cells[k].tooFew ? 'too few' : r.cells[k].status)
			}
		]),
		{ header: 'qa_score', value: (r) => r.qa?.score ?? null },
		{ header: 'qa_n', value: (r) => r.qa?.n ?? null },
		{ header: 'negative_share', value: (r) => r.negative?.share ?? null },
		{ header: 'negative_n', value: (r) => r.negative?.n ?? null }
	];
	return csvResponse(toCsv(cols, rows), `agents_${filter.fromDate}_${filter.toDate}.csv`);
};
