// The Overview's data: tiles, trends, breakdowns, funnel, adherence, follow-ups and sentiment,
// every figure from the KPI engine and already shaped into chart-ready rows with drill-down links.
import type { Db } from '../db/index.ts';
import {
	computeAdherence,
	computeKpiSets,
	getSettings,
	findTarget,
	listTargets,
	adherenceDates,
	kpiTiles
} from '../kpi/index.ts';
import type { KpiRow, GroupSet } from '../kpi/index.ts';
import type { TileView } from '../../components/types.ts';
import { hrefWith, drillHref } from '../../components/links.ts';
import { cached } from './cache.ts';
import { lastDataDay } from './context.ts';
import { countOpenComplaints } from '../loop/reads.ts';
import {
	bucketRange,
	filterQuery,
	parseFilter,
	type Bucket,
	type DashboardFilter
} from './filters.ts';
import { addDays, daysBetween } from '../time/index.ts';
import { scaled, tileView } from './format.ts';
import { METRICS, METRIC_BY_KPI, cell, type Cell } from './metrics.ts';
import { sentimentMix, type SentimentMixPoint } from './sentiment.ts';

export type { Bucket };

export interface TrendSeries {
	kpi: string;
	label: string;
	unit: string;
	target: number | null;
	points: { date: string; value: number | null; n: number; href: string }[];
}

export interface BreakdownRow {
	key: string | null;
	href: string | null;
	contacts: number;
	cells: Record<string, Cell & { href: string | null }>;
}

export interface FollowUpSummary {
	open: number;
	overdue: number;
}

/** Days for charts up to a month, weeks up to half a year, months beyond (local days). */
export function bucketFor(f: DashboardFilter): Bucket {
	const days = daysBetween(f.fromDate, f.toDate) + 1;
	return days <= 31 ? 'day' : days <= 186 ? 'week' : 'month';
}

/** Open complaint follow-ups and how many are past due: the loop's answer. */
export function openFollowUps(db: Db): Promise<FollowUpSummary> {
	return countOpenComplaints(db);
}

export async function loadOverview(db: Db, f: DashboardFilter) {
	const settings = await getSettings(db);
	const bucket = bucketFor(f);
	const base = filterQuery(f, true);
	const kpiFilter = {
		from: f.from,
		to: f.to,
		team: f.team,
		channel: f.channel,
		reason: f.reason,
		agent: f.agent
	};
	const sets: GroupSet[] = ['total', 'channel', 'team', bucket];
	const targetList = listTargets(db);
	// Each figure once per load: the tiles' current period is the breakdowns' total and the chart's
	// adherence, so only the previous period is computed on top (all statements run concurrently).
	const engine = cached(db, `overview ${JSON.stringify(kpiFilter)} ${sets.join()}`, () => {
		const groupedP = computeKpiSets(db, kpiFilter, sets, settings);
		const adherenceP = computeAdherence(
			db,
			{ ...adherenceDates(kpiFilter, settings.siteTimeZone), patients: false },
			settings
		);
		const current = Promise.all([groupedP, adherenceP]).then(([g, adherence]) => ({
			total: (g.get('total') as KpiRow[])[0],
			adherence
		}));
		return Promise.all([
			kpiTiles(db, kpiFilter, { settings, targets: targetList, current }),
			groupedP,
			adherenceP
		]);
	});
	const [[tiles, grouped, adherence], targets, followUps, mix] = await Promise.all([
		engine,
		targetList,
		openFollowUps(db),
		sentimentMix(db, f, bucket)
	]);
	const timeRows = grouped.get(bucket) ?? [];
	const days = daysBetween(f.fromDate, f.toDate) + 1;
	// The adherence page takes inclusive dates; the Overview measures PDC over adherenceDates' window.
	const window = adherenceDates(kpiFilter, settings.siteTimeZone);
	const windowTo = addDays(window.to, -1);
	const adherenceHref = hrefWith('/adherence', { from: window.from, to: windowTo });

	const tileViews: TileView[] = tiles.map((t) => {
		const m = METRIC_BY_KPI.get(t.kpi);
		const href = m
			? drillHref(base, m.drill)
			: t.kpi === 'refill_on_time'
				? `${adherenceHref}#refill`
				: adherenceHref;
		const spark = m ? timeRows.map((r) => r[m.field] ?? null) : undefined;
		return tileView(t, href, days, spark, Boolean(f.team || f.channel || f.reason || f.agent));
	});

	const trends: TrendSeries[] = METRICS.filter((m) => m.trend).map((m) => {
		const target = findTarget(targets, m.kpi, f);
		return {
			kpi: m.kpi,
			label: m.short,
			unit: m.unit === 'score' ? '' : m.unit,
			target: target ? scaled(target.value, m.unit) : null,
			points: timeRows.map((r) => ({
				date: String(r.key),
				value: r[m.field] ?? null,
				n: r[m.n] ?? 0,
				href: drillHref({ ...base, ...bucketRange(String(r.key), bucket, f) }, m.drill)
			}))
		};
	});

	const breakdown = (by: 'channel' | 'team'): BreakdownRow[] =>
		(grouped.get(by) ?? []).map((r: KpiRow) => {
			const scope = {
				team: by === 'team' ? r.key : f.team,
				channel: by === 'channel' ? r.key : f.channel
			};
			const rowQuery = r.key === null ? null : { ...base, [by]: r.key };
			const cells: BreakdownRow['cells'] = {};
			for (const m of METRICS) {
				const c = cell(
					r,
					m,
					findTarget(targets, m.kpi, scope),
					settings.minSample,
					settings.targetNearPct
				);
				cells[m.kpi] = { ...c, href: rowQuery && drillHref(rowQuery, m.drill) };
			}
			return { key: r.key, href: rowQuery && drillHref(rowQuery), contacts: r.contacts, cells };
		});

	const reminders = { ...base, direction: 'outbound', campaign: 'refill_reminder' };
	const fn = adherence.reminder_funnel;
	const funnel = [
		{ stage: 'reminded', count: fn.reminded, href: drillHref(reminders) },
		{ stage: 'reached', count: fn.reached, href: drillHref(reminders, { outcome: 'reached_any' }) },
		{
			stage: 'refill requested',
			count: fn.refill_requested,
			href: drillHref(reminders, { outcome: 'refill_requested' })
		},
		{ stage: 'refilled', count: fn.refilled, href: drillHref(reminders) }
	];

	return {
		bucket,
		tiles: tileViews,
		trends,
		byChannel: breakdown('channel'),
		byTeam: breakdown('team'),
		funnel,
		funnelHref: drillHref(reminders),
		adherence: {
			href: adherenceHref,
			window: { from: window.from, to: windowTo },
			threshold: settings.pdcAdherentThreshold,
			bandLow: settings.pdcBandLow,
			classes: adherence.classes.map((c) => ({
				class: c.class,
				eligible: c.eligible,
				adherent: c.adherent,
				band: c.band,
				href: hrefWith('/adherence', { from: window.from, to: windowTo, class: c.class })
			}))
		},
		followUps,
		sentiment: mix as SentimentMixPoint[] | null
	};
}

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

/**
 * Computes the default Overview (last 30 days up to the last day with data) into the cache, so the
 * first manager after an import does not wait for the engine. Call after an import or at start.
 */
export async function warmOverview(db: Db, asOf?: string): Promise<void> {
	const { siteTimeZone: tz } = await getSettings(db);
	const day = asOf ?? (await lastDataDay(db, tz));
	await loadOverview(db, parseFilter(new URL('http://warm/overview'), day, tz));
}
