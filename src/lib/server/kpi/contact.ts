// computeKpis: runs the one contact-KPI statement and turns its counts into the contract's
// figures. Rates are computed here as (100 × numerator) / denominator in double precision, as
// the contract words it, so JSON, CSV, pages and tiles all share the exact same arithmetic.
import type { Db } from '../db/index.ts';
import { formatInstant, tsParam } from '../time/index.ts';
import { buildContactSql, streamColumns, type GroupBy, type GroupSet } from './contact-sql.ts';
import {
	CONTACT_KPIS,
	RESULT_FIELDS,
	settingParams,
	type ContactKpi,
	type FigureField
} from './registry.ts';
import { getSettings, type KpiSettings } from './settings.ts';
import { derivedReady } from './derived.ts';

export interface KpiFilter {
	from: Date;
	to: Date;
	team?: string | null;
	channel?: string | null;
	reason?: string | null;
	agent?: string | null;
}

export interface KpiQuery extends KpiFilter {
	by?: GroupBy | null;
}

/**
 * A row's figures by field name: the registry's volumes and counts (numbers), and each KPI's
 * figure and standard deviations (null without data). The contract's fields are among them.
 */
export type KpiFigures = Record<FigureField, number | null> & {
	contacts: number;
	handled_inbound: number;
	surveys: number;
};

export type KpiRow = KpiFigures & { key: string | null };

export interface KpiResult {
	from: string;
	to: string;
	by: GroupBy | null;
	total: KpiFigures;
	rows: KpiRow[];
}

/** 100 × k / n in double precision; null when n is 0. */
export function rate(k: number, n: number): number | null {
	return n > 0 ? (100 * k) / n : null;
}

/** The figure a contact KPI takes from a row of counts. */
export function figureOf(kpi: ContactKpi, counts: Record<string, number | null>): number | null {
	const c = (field: string) => counts[field] ?? 0;
	if (kpi.kind === 'rate') return rate(c(kpi.k.field), c(kpi.n.field));
	if (kpi.kind === 'nps') {
		const n = c(kpi.n.field);
		return n > 0 ? (100 * (c(kpi.promoters.field) - c(kpi.detractors.field))) / n : null;
	}
	return counts[kpi.field] ?? null;
}

const COLUMNS = streamColumns();
const COUNT_FIELDS = [
	...new Set([...COLUMNS.interactions.counts.keys(), ...COLUMNS.surveys.counts.keys()])
];
const MEAN_FIELDS = [...COLUMNS.interactions.means, ...COLUMNS.surveys.means].flatMap(
	([field, m]) => [field, m.stddev]
);

function toFigures(r: Record<string, unknown>): KpiFigures {
	// Figure fields first, in registry order (the contract's order), then the counts behind them.
	const out: Record<string, number | null> = Object.fromEntries(
		RESULT_FIELDS.map((f) => [f, null])
	);
	for (const f of COUNT_FIELDS) out[f] = Number(r[f] ?? 0);
	for (const f of MEAN_FIELDS) out[f] = r[f] === null || r[f] === undefined ? null : Number(r[f]);
	for (const kpi of CONTACT_KPIS) out[kpi.field] = figureOf(kpi, out);
	return out as KpiFigures;
}

export const EMPTY_FIGURES: KpiFigures = toFigures({});

/**
 * Runs several groupings in one statement. Returns, per requested set, its rows in contract
 * order (ascending key, null key last); 'total' holds exactly one row.
 */
export async function computeKpiSets(
	db: Db,
	filter: KpiFilter,
	sets: readonly GroupSet[],
	settings?: KpiSettings
): Promise<Map<GroupSet, KpiRow[]>> {
	const s = settings ?? (await getSettings(db));
	const utc = s.siteTimeZone === 'UTC';
	const sql = buildContactSql(sets, utc, await derivedReady(db, s));
	const params = {
		from: tsParam(filter.from),
		to: tsParam(filter.to),
		team: filter.team ?? null,
		channel: filter.channel ?? null,
		reason: filter.reason ?? null,
		agent: filter.agent ?? null,
		...settingParams(sql, s),
		...(utc ? {} : { tz: s.siteTimeZone })
	};
	const raw = await db.all<{ grp: string; key: string | null }>(sql, params);
	const out = new Map<GroupSet, KpiRow[]>(sets.map((set) => [set, []]));
	for (const r of raw) {
		const list = out.get(r.grp as GroupSet);
		if (list) list.push({ key: r.key, ...toFigures(r) });
	}
	// An empty period still has a total (of zeros and nulls).
	const total = out.get('total');
	if (total && total.length === 0) total.push({ key: null, ...EMPTY_FIGURES });
	return out;
}

/** The contract's `kpis` shape: {from, to, by, total, rows}. */
export async function computeKpis(
	db: Db,
	query: KpiQuery,
	settings?: KpiSettings
): Promise<KpiResult> {
	const by = query.by ?? null;
	const sets: GroupSet[] = by ? ['total', by] : ['total'];
	const result = await computeKpiSets(db, query, sets, settings);
	const { key: _key, ...total } = (result.get('total') as KpiRow[])[0];
	return {
		from: formatInstant(query.from),
		to: formatInstant(query.to),
		by,
		total: total as KpiFigures,
		rows: by ? (result.get(by) ?? []) : []
	};
}
