// computeKpis: runs the one contact-KPI statement and turns its counts into the contract's
// figures. Rates are computed here as (100 × numerator) / denominator in double precision, as
// the contract words it, so JSON, CSV, pages and tiles all share the exact same arithmetic.
import { timestampValue } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { buildContactSql, type GroupBy, type GroupSet } from './contact-sql.ts';
import { getSettings, type KpiSettings } from './settings.ts';
import { formatInstant } from './timestamp.ts';

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

/** Contract fields first, then the counts behind them (for intervals and drill-downs). */
export interface KpiFigures {
	contacts: number;
	handled_inbound: number;
	surveys: number;
	csat: number | null;
	nps: number | null;
	ces: number | null;
	aht_seconds: number | null;
	asa_seconds: number | null;
	abandon_rate: number | null;
	fcr: number | null;
	response_rate: number | null;
	inbound: number;
	abandoned: number;
	csat_responses: number;
	csat_satisfied: number;
	nps_responses: number;
	promoters: number;
	detractors: number;
	ces_responses: number;
	ces_stddev: number | null;
	aht_stddev: number | null;
	asa_count: number;
	asa_stddev: number | null;
	fcr_eligible: number;
	fcr_resolved: number;
	responded: number;
}

export interface KpiRow extends KpiFigures {
	key: string | null;
}

export interface KpiResult {
	from: string;
	to: string;
	by: GroupBy | null;
	total: KpiFigures;
	rows: KpiRow[];
}

interface RawRow {
	grp: string;
	key: string | null;
	[name: string]: unknown;
}

/** 100 × k / n in double precision; null when n is 0. */
export function rate(k: number, n: number): number | null {
	return n > 0 ? (100 * k) / n : null;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
const maybe = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toFigures(r: Record<string, unknown>): KpiFigures {
	const c = (name: string) => num(r[name]);
	const promoters = c('promoters');
	const detractors = c('detractors');
	const npsN = c('nps_responses');
	return {
		contacts: c('contacts'),
		handled_inbound: c('handled_inbound'),
		surveys: c('surveys'),
		csat: rate(c('csat_satisfied'), c('csat_responses')),
		nps: npsN > 0 ? (100 * (promoters - detractors)) / npsN : null,
		ces: maybe(r.ces),
		aht_seconds: maybe(r.aht_seconds),
		asa_seconds: maybe(r.asa_seconds),
		abandon_rate: rate(c('abandoned'), c('inbound')),
		fcr: rate(c('fcr_resolved'), c('fcr_eligible')),
		response_rate: rate(c('responded'), c('handled_inbound')),
		inbound: c('inbound'),
		abandoned: c('abandoned'),
		csat_responses: c('csat_responses'),
		csat_satisfied: c('csat_satisfied'),
		nps_responses: npsN,
		promoters,
		detractors,
		ces_responses: c('ces_responses'),
		ces_stddev: maybe(r.ces_stddev),
		aht_stddev: maybe(r.aht_stddev),
		asa_count: c('asa_count'),
		asa_stddev: maybe(r.asa_stddev),
		fcr_eligible: c('fcr_eligible'),
		fcr_resolved: c('fcr_resolved'),
		responded: c('responded')
	};
}

export const EMPTY_FIGURES: KpiFigures = toFigures({});

function toMicros(date: Date) {
	return timestampValue(BigInt(date.getTime()) * 1000n);
}

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
	const params: Record<string, ReturnType<typeof toMicros> | string | number | null> = {
		from: toMicros(filter.from),
		to: toMicros(filter.to),
		team: filter.team ?? null,
		channel: filter.channel ?? null,
		reason: filter.reason ?? null,
		agent: filter.agent ?? null,
		window_hours: s.fcrRepeatWindowHours,
		csat_min: s.csatSatisfiedMin,
		promoter_min: s.npsPromoterMin,
		detractor_max: s.npsDetractorMax
	};
	if (!utc) params.tz = s.siteTimeZone;
	const raw = await db.all<RawRow>(buildContactSql(sets, utc), params);
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
export async function computeKpis(db: Db, query: KpiQuery): Promise<KpiResult> {
	const by = query.by ?? null;
	const sets: GroupSet[] = by ? ['total', by] : ['total'];
	const result = await computeKpiSets(db, query, sets);
	const { key: _key, ...total } = (result.get('total') as KpiRow[])[0];
	return {
		from: formatInstant(query.from),
		to: formatInstant(query.to),
		by,
		total,
		rows: by ? (result.get(by) ?? []) : []
	};
}
