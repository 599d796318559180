// The Overview's tile set: one entry per KPI with value, sample size, 95% interval, target and
// status, the previous equal-length period and whether the change is beyond noise. Built from
// the same computeKpiSets / computeAdherence as every other figure.
import type { Db } from '../db/index.ts';
import { computeAdherence, type AdherenceResult } from './adherence.ts';
import { computeKpiSets, type KpiFigures, type KpiFilter, type KpiRow } from './contact.ts';
import type { GroupSet } from './contact-sql.ts';
import { getSettings, type KpiSettings } from './settings.ts';
import {
	compareEstimates,
	compareMeans,
	compareProportions,
	meanInterval,
	npsInterval,
	wilson,
	type Comparison as Change,
	type Interval
} from './stats.ts';
import {
	findTarget,
	KPI_LABELS,
	KPI_UNITS,
	listTargets,
	targetStatus,
	TARGET_KPIS,
	type Status,
	type Target,
	type TargetKpi
} from './targets.ts';
import { formatDate } from './timestamp.ts';

export interface KpiTile {
	kpi: TargetKpi;
	label: string;
	/** '%' rates 0–100, 'pts' NPS −100…100, 's' seconds, 'score' CES 1–7, 'share' fractions 0–1. */
	unit: '%' | 'pts' | 's' | 'score' | 'share';
	value: number | null;
	n: number;
	interval: Interval | null;
	target: { comparison: 'min' | 'max'; value: number } | null;
	status: Status | null;
	previous: number | null;
	change: number | null;
	significant: boolean;
	tooFew: boolean;
}

const DAY = 86_400_000;

/** The previous equal-length period: [from − (to − from), from). */
export function previousPeriod(filter: KpiFilter): KpiFilter {
	const span = filter.to.getTime() - filter.from.getTime();
	return { ...filter, from: new Date(filter.from.getTime() - span), to: filter.from };
}

/**
 * PDC needs a long measurement period (PQA measures a calendar year; a 30-day window would call
 * nearly everyone adherent). Dashboards therefore measure adherence and refill timeliness over
 * the ADHERENCE_WINDOW_DAYS ending where the chosen period ends, or over the period when longer.
 */
export const ADHERENCE_WINDOW_DAYS = 365;

/** Adherence runs on whole UTC dates [from, to): from the window's first day through the day `to` ends. */
export function adherenceDates(filter: KpiFilter): { from: string; to: string } {
	const toMs = Math.ceil(filter.to.getTime() / DAY) * DAY;
	const fromMs = Math.min(
		Math.floor(filter.from.getTime() / DAY) * DAY,
		toMs - ADHERENCE_WINDOW_DAYS * DAY
	);
	return { from: formatDate(new Date(fromMs)), to: formatDate(new Date(toMs)) };
}

/** The Overview's full set in one contact statement plus adherence by class (no patient list). */
export async function overviewFigures(
	db: Db,
	filter: KpiFilter,
	settings?: KpiSettings
): Promise<{ sets: Map<GroupSet, KpiRow[]>; adherence: AdherenceResult }> {
	const s = settings ?? (await getSettings(db));
	const [sets, adherence] = await Promise.all([
		computeKpiSets(db, filter, ['total', 'channel', 'agent', 'day'], s),
		computeAdherence(db, { ...adherenceDates(filter), patients: false }, s)
	]);
	return { sets, adherence };
}

interface Part {
	value: number | null;
	n: number;
	interval: Interval | null;
	/** Successes (proportions), standard deviation (means) or standard error (NPS). */
	k?: number;
	stddev?: number | null;
	se?: number | null;
	compare: (prev: Part) => Change | null;
}

function proportion(k: number, n: number, scale: number): Part {
	const ci = wilson(k, n);
	return {
		value: n > 0 ? (scale * k) / n : null,
		n,
		k,
		interval: ci && { low: scale * ci.low, high: scale * ci.high },
		compare: (prev) => compareProportions(k, n, prev.k ?? 0, prev.n, scale)
	};
}

function mean(value: number | null, stddev: number | null, n: number): Part {
	const sample = { mean: value, stddev, n };
	return {
		value,
		n,
		stddev,
		interval: meanInterval(sample),
		compare: (prev) =>
			compareMeans(sample, { mean: prev.value, stddev: prev.stddev ?? null, n: prev.n })
	};
}

function nps(f: KpiFigures): Part {
	const est = npsInterval(f.promoters, f.detractors, f.nps_responses);
	return {
		value: f.nps,
		n: f.nps_responses,
		se: est?.se ?? null,
		interval: est && { low: est.low, high: est.high },
		compare: (prev) =>
			est === null || prev.value === null || prev.se == null
				? null
				: compareEstimates(est.nps, est.se, prev.value, prev.se)
	};
}

function parts(f: KpiFigures, a: AdherenceResult): Record<TargetKpi, Part> {
	const share = (k: number, n: number) => proportion(k, n, 1);
	const pct = (k: number, n: number) => proportion(k, n, 100);
	return {
		csat: pct(f.csat_satisfied, f.csat_responses),
		nps: nps(f),
		ces: mean(f.ces, f.ces_stddev, f.ces_responses),
		fcr: pct(f.fcr_resolved, f.fcr_eligible),
		aht: mean(f.aht_seconds, f.aht_stddev, f.handled_inbound),
		asa: mean(f.asa_seconds, f.asa_stddev, f.asa_count),
		abandon: pct(f.abandoned, f.inbound),
		response: pct(f.responded, f.handled_inbound),
		pdc_adherent_share: share(a.overall.adherent, a.overall.eligible),
		refill_on_time: share(a.refill_on_time.on_time, a.refill_on_time.pairs)
	};
}

/** A period's figures as the tiles read them: the contact total and adherence over its window. */
export interface TilePeriod {
	total: KpiFigures;
	adherence: AdherenceResult;
}

/** What kpiTiles would otherwise fetch itself; a caller that already has them passes them in. */
export interface TileInputs {
	settings?: KpiSettings;
	targets?: Target[] | Promise<Target[]>;
	/** The filter's own period: the caller's computeKpiSets 'total' row and computeAdherence. */
	current?: TilePeriod | Promise<TilePeriod>;
}

/** A period's contact total and adherence; the previous period's tiles need no reminder funnel. */
async function period(
	db: Db,
	filter: KpiFilter,
	settings: KpiSettings,
	funnel: boolean
): Promise<TilePeriod> {
	const [sets, adherence] = await Promise.all([
		computeKpiSets(db, filter, ['total'], settings),
		computeAdherence(db, { ...adherenceDates(filter), patients: false, funnel }, settings)
	]);
	return { total: (sets.get('total') as KpiRow[])[0], adherence };
}

/**
 * One tile per KPI for the filter, compared with the previous equal-length period. Figures the
 * caller already computed for the filter's own period (`given.current`) are reused, not re-run.
 */
export async function kpiTiles(
	db: Db,
	filter: KpiFilter,
	given: TileInputs = {}
): Promise<KpiTile[]> {
	const settings = given.settings ?? (await getSettings(db));
	const [targets, cur, prev] = await Promise.all([
		given.targets ?? listTargets(db),
		given.current ?? period(db, filter, settings, true),
		period(db, previousPeriod(filter), settings, false)
	]);
	const now = parts(cur.total, cur.adherence);
	const before = parts(prev.total, prev.adherence);
	return TARGET_KPIS.map((kpi) => {
		const p = now[kpi];
		const q = before[kpi];
		const target = findTarget(targets, kpi, filter);
		const cmp = p.value !== null && q.value !== null ? p.compare(q) : null;
		return {
			kpi,
			label: KPI_LABELS[kpi],
			unit: KPI_UNITS[kpi],
			value: p.value,
			n: p.n,
			interval: p.interval,
			target: target && { comparison: target.comparison, value: target.value },
			status: targetStatus(p.value, target, settings.targetNearPct),
			previous: q.value,
			change: cmp?.change ?? null,
			significant: cmp?.significant ?? false,
			tooFew: p.n < settings.minSample
		};
	});
}
