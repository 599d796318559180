// Overview: are we on target, where not, and which rows show why. Figures from the KPI engine only.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filterChoices } from '$lib/server/dashboard/context.ts';
import { filterQuery } from '$lib/server/dashboard/filters.ts';
import { METRICS } from '$lib/server/dashboard/metrics.ts';
import { loadOverview } from '$lib/server/dashboard/overview.ts';
import { filterState, readFilter } from '$lib/server/dashboard/request.ts';
import { summarizeData } from '$lib/server/data-summary.ts';

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const { asOf, filter, generatedAt } = await readFilter(db, event.url);
	const [choices, overview, onFile] = await Promise.all([
		filterChoices(db),
		loadOverview(db, filter),
		summarizeData(db)
	]);
	return {
		asOf,
		generatedAt,
		filter: filterState(filter),
		query: filterQuery(filter),
		choices,
		hasData: choices.channels.length > 0,
		onFile,
		metrics: METRICS.map(({ kpi, short }) => ({ kpi, short })),
		...overview
	};
}) satisfies PageServerLoad;
