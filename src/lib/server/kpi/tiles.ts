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
	listTargets,
	targetStatus,
	type Status,
	type Target,
	type TargetKpi
} from './targets.ts';
import { addDays, localDate } from '../time/index.ts';
import { KPIS, type ContactKpi, type KpiDef, type Unit } from './registry.ts';

export interface KpiTile {
	kpi: TargetKpi;
	label: string;
	unit: Unit;
	value: number | null;
	n: number;
	interval: Interval | null;
	target: { comparison: 'min' | 'max'; value: number } | null;
	status: Status | null;
	previous: number | null;
	change: number | null;
	significant: boolean;
	tooFew: boolean;
	/**
	 * What an adherence figure covers: every patient (no team/channel filter applies to fills) over
	 * the window [from, to) of dates; `previousTo` ends the window it is compared with.
	 */
	coverage: { from: string; to: string; previousTo: string } | null;
}

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

/**
 * Adherence runs on whole local dates [from, to): from the window's first day through the local day
 * in which `to` falls (a period ending at local midnight ends on the day before).
 */
export function adherenceDates(filter: KpiFilter, tz = 'UTC'): { from: string; to: string } {
	const last = localDate(new Date(filter.to.getTime() - 1), tz);
	const to = addDays(last, 1);
	const first = localDate(filter.from, tz);
	const windowStart = addDays(to, -ADHERENCE_WINDOW_DAYS);
	return { from: first < windowStart ? first : windowStart, to };
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
		computeAdherence(db, { ...adherenceDates(filter, s.siteTimeZone), patients: false }, s)
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

function nps(value: number | null, promoters: number, detractors: number, n: number): Part {
	const est = npsInterval(promoters, detractors, n);
	return {
		value,
		n,
		se: est?.se ?? null,
		interval: est && { low: est.low, high: est.high },
		compare: (prev) =>
			est === null || prev.value === null || prev.se == null
				? null
				: compareEstimates(est.nps, est.se, prev.value, prev.se)
	};
}

/** A contact KPI's tile maths from its registry entry: a proportion, NPS or a mean. */
function contactPart(kpi: ContactKpi, f: KpiFigures): Part {
	const get = (field: string) => (f as Record<string, number | null>)[field] ?? null;
	const c = (field: string) => get(field) ?? 0;
	if (kpi.kind === 'rate') return proportion(c(kpi.k.field), c(kpi.n.field), 100);
	if (kpi.kind === 'nps')
		return nps(get(kpi.field), c(kpi.promoters.field), c(kpi.detractors.field), c(kpi.n.field));
	return mean(get(kpi.field), get(kpi.stddevField), c(kpi.n.field));
}

/** The adherence figures' successes and trials. */
const ADHERENCE_COUNTS: Record<string, (a: AdherenceResult) => [number, number]> = {
	pdc_adherent_share: (a) => [a.overall.adherent, a.overall.eligible],
	refill_on_time: (a) => [a.refill_on_time.on_time, a.refill_on_time.pairs]
};

function part(kpi: KpiDef, f: KpiFigures, a: AdherenceResult): Part {
	if (kpi.kind !== 'adherence') return contactPart(kpi, f);
	const [k, n] = ADHERENCE_COUNTS[kpi.id](a);
	return proportion(k, n, 1);
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
		computeAdherence(
			db,
			{ ...adherenceDates(filter, settings.siteTimeZone), patients: false, funnel },
			settings
		)
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
	const previous = previousPeriod(filter);
	const [targets, cur, prev] = await Promise.all([
		given.targets ?? listTargets(db),
		given.current ?? period(db, filter, settings, true),
		period(db, previous, settings, false)
	]);
	const window = adherenceDates(filter, settings.siteTimeZone);
	const previousWindow = adherenceDates(previous, settings.siteTimeZone);
	return KPIS.map((kpi: KpiDef) => {
		const p = part(kpi, cur.total, cur.adherence);
		const q = part(kpi, prev.total, prev.adherence);
		const target = findTarget(targets, kpi.id as TargetKpi, filter);
		const cmp = p.value !== null && q.value !== null ? p.compare(q) : null;
		return {
			kpi: kpi.id as TargetKpi,
			label: kpi.label,
			unit: kpi.unit,
			value: p.value,
			n: p.n,
			interval: p.interval,
			target: target && { comparison: target.comparison, value: target.value },
			status: targetStatus(p.value, target, settings.targetNearPct),
			previous: q.value,
			change: cmp?.change ?? null,
			significant: cmp?.significant ?? false,
			tooFew: p.n < settings.minSample,
			coverage: kpi.kind === 'adherence' ? { ...window, previousTo: previousWindow.to } : null
		};
	});
}
