// Interactions: the rows behind every figure. Filters and search in the URL; patient ids shown,
// so every view is audited.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filterChoices } from '$lib/server/dashboard/context.ts';
import { filterQuery } from '$lib/server/dashboard/filters.ts';
import { auditListView, runList } from '$lib/server/dashboard/lists.ts';
import { filterState, readDrill, readFilter } from '$lib/server/dashboard/request.ts';
import { agentNames } from '$lib/server/roster.ts';
import { CONTACT_KPIS } from '$lib/server/kpi/index.ts';
import { drillChoices, drillQuery } from '$lib/server/kpi/drill.ts';

function chipWords(kpiId: string | undefined, part: string | undefined): Record<string, string> {
	const kpi = kpiId ? CONTACT_KPIS.find((k) => k.id === kpiId) : undefined;
	if (!kpi) return {};
	const choice = drillChoices(kpi).find((c) => c.part === (part ?? 'all'));
	return { [kpi.id]: kpi.short, ...(part && choice ? { [part]: choice.label } : {}) };
}

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const { asOf, filter } = await readFilter(db, event.url);
	const drill = readDrill(event.url);
	const [choices, list] = await Promise.all([filterChoices(db), runList(db, filter, drill)]);
	await auditListView(db, user, event.getClientAddress(), 'patient.list', list, event.url.search);
	const { page: _page, sort: _sort, dir: _dir, ...drillKept } = drill;
	return {
		asOf,
		filter: filterState(filter),
		choices,
		/** Filters + drill params without paging/sort: what sort and page links keep. */
		query: { ...filterQuery(filter), ...drillKept },
		drill,
		list,
		names: await agentNames(
			db,
			list.rows.map((r) => r.agentId)
		),
		/** Words for codes in the active-filter chips: the KPI and its part as the registry names them. */
		valueLabels: chipWords(drill.kpi, drill.part),
		/** One-click refinements: every KPI's parts, from the registry. */
		refine: CONTACT_KPIS.flatMap((k) =>
			drillChoices(k)
				.filter((c) => c.part !== 'all')
				.map((c) => ({ label: c.label, stream: k.stream, q: drillQuery(k, c.part) }))
		)
	};
}) satisfies PageServerLoad;
