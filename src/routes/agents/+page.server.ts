// Agents: the sortable scorecard. Each figure against the agent's team target; too-few samples say so.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { listAgentScorecards, readSort, sortScorecards } from '$lib/server/dashboard/agents.ts';
import { filterChoices } from '$lib/server/dashboard/context.ts';
import { filterQuery } from '$lib/server/dashboard/filters.ts';
import { METRICS } from '$lib/server/dashboard/metrics.ts';
import { filterState, readFilter } from '$lib/server/dashboard/request.ts';
import { agentNames } from '$lib/server/roster.ts';

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const { asOf, filter } = await readFilter(db, event.url);
	const { sort, dir } = readSort(event.url);
	const [choices, rows] = await Promise.all([filterChoices(db), listAgentScorecards(db, filter)]);
	return {
		asOf,
		filter: filterState(filter),
		query: filterQuery(filter),
		choices,
		rows: sortScorecards(rows, sort, dir),
		kpiColumns: METRICS.filter((m) => m.scorecard).map((m) => ({
			kpi: m.kpi,
			label: m.unit === 'pts' || m.unit === 'score' ? m.short : `${m.short} (${m.unit})`
		})),
		paging: { total: rows.length, page: 1, pages: 1, sort, dir },
		names: await agentNames(
			db,
			rows.map((r) => r.agentId)
		)
	};
}) satisfies PageServerLoad;
