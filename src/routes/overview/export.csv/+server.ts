// The Overview's breakdown tables as CSV, with the page's filters: ?table=channel|team|tiles.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { csvResponse, toCsv, type CsvColumn } from '$lib/server/dashboard/csv.ts';
import { METRICS } from '$lib/server/dashboard/metrics.ts';
import { loadOverview, type BreakdownRow } from '$lib/server/dashboard/overview.ts';
import { readFilter } from '$lib/server/dashboard/request.ts';
import type { TileView } from '$lib/components/types.ts';

export const GET: RequestHandler = async (event) => {
	guard(event);
	const table = event.url.searchParams.get('table') ?? 'tiles';
	if (!['channel', 'team', 'tiles'].includes(table))
		error(400, 'table is one of tiles, channel, team.');
	const db = await getDb();
	const { filter } = await readFilter(db, event.url);
	const data = await loadOverview(db, filter);
	const stamp = `${filter.fromDate}_${filter.toDate}`;
	if (table === 'tiles') {
		const cols: CsvColumn<TileView>[] = [
			{ header: 'kpi', value: (t) => t.key },
			{ header: 'label', value: (t) => t.label },
			{ header: 'value', value: (t) => t.value },
			{ header: 'unit', value: (t) => t.unit },
			{ header: 'n', value: (t) => t.n },
			{ header: 'too_few', value: (t) => t.tooFew },
			{ header: 'target', value: (t) => t.target },
			{ header: 'status', value: (t) => t.status },
			{ header: 'interval', value: (t) => t.interval },
			{ header: 'change', value: (t) => t.change },
			{ header: 'significant', value: (t) => t.significant }
		];
		return csvResponse(toCsv(cols, data.tiles), `overview-kpis_${stamp}.csv`);
	}
	const rows = table === 'channel' ? data.byChannel : data.byTeam;
	const cols: CsvColumn<BreakdownRow>[] = [
		{ header: table, value: (r) => r.key },
		{ header: 'contacts', value: (r) => r.contacts },
		...METRICS.flatMap((m) => [
			{ header: m.kpi, value: (r: BreakdownRow) => r.cells[m.kpi].value },
			{ header: `${m.kpi}_n`, value: (r: BreakdownRow) => r.cells[m.kpi].n },
			{
				header: `${m.kpi}_status`,
				value: (r: BreakdownRow) => (r.cells[m.kpi].tooFew ? 'too few' : r.cells[m.kpi].status)
			}
		])
	];
	return csvResponse(toCsv(cols, rows), `overview-by-${table}_${stamp}.csv`);
};
