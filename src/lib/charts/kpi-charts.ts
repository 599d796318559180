// KPI charts: trends over time with the target line, and breakdowns by a group. Every mark links
// (href channel) to the interactions behind it, so a click drills down.
import * as Plot from '@observablehq/plot';
import { PALETTE, TARGET_COLOUR, day, round, withUnit, type ChartSpec } from './spec.ts';

export interface TrendPoint {
	/** Bucket start, YYYY-MM-DD. */
	date: string;
	value: number | null;
	n: number;
	/** A second series (e.g. "team" vs the agent); one line per series. */
	series?: string;
	href?: string;
}

export interface TrendInput {
	label: string;
	unit: string;
	points: TrendPoint[];
	target?: number | null;
	bucket: 'day' | 'week' | 'month';
	rowsHref?: string;
}

/** A line per series over time, dots that link to each bucket's rows, the target as a dashed rule. */
export function trendChart(input: TrendInput): ChartSpec {
	const data = input.points
		.filter((p) => p.value !== null)
		.map((p) => ({
			...p,
			when: day(p.date),
			value: round(p.value, 2),
			series: p.series ?? input.label
		}));
	const series = [...new Set(data.map((d) => d.series))];
	const marks: Plot.Markish[] = [
		Plot.ruleY([0], { stroke: '#d8dde3' }),
		Plot.lineY(data, { x: 'when', y: 'value', stroke: 'series', strokeWidth: 2 }),
		Plot.dot(data, {
			x: 'when',
			y: 'value',
			fill: 'series',
			r: 3.5,
			href: 'href',
			tip: true,
			title: (d: (typeof data)[number]) =>
				`${d.series} · ${d.date}: ${d.value}${input.unit === '%' ? ' %' : ` ${input.unit}`} (n = ${d.n})`
		})
	];
	if (input.target !== undefined && input.target !== null) {
		marks.push(
			Plot.ruleY([input.target], { stroke: TARGET_COLOUR, strokeDasharray: '6,4', strokeWidth: 2 })
		);
		marks.push(
			Plot.text([input.target], {
				y: (t: number) => t,
				frameAnchor: 'right',
				dy: -7,
				text: () => `target ${input.target}`,
				fill: TARGET_COLOUR
			})
		);
	}
	const per = input.bucket === 'day' ? 'daily' : input.bucket === 'week' ? 'weekly' : 'monthly';
	return {
		title: `${input.label}, ${per}${input.unit ? ` (${input.unit})` : ''}`,
		summary: `${input.label} per ${input.bucket} for ${series.join(' and ')}${input.target != null ? `, against a target of ${input.target}` : ''}; ${data.length} points.`,
		options: {
			height: 220,
			marginLeft: 48,
			x: { type: 'utc', label: null },
			y: { label: withUnit(input.label, input.unit), grid: true, zero: input.unit === '%' },
			color: { domain: series, range: PALETTE, legend: series.length > 1 },
			marks
		},
		table: {
			columns: ['series', input.bucket, input.label, 'n'],
			rows: data.map((d) => [d.series, d.date, d.value, d.n]),
			hrefs: data.map((d) => d.href),
			linkColumn: 1
		},
		rowsHref: input.rowsHref
	};
}

export interface BreakdownRow {
	key: string | null;
	value: number | null;
	n: number;
	tooFew?: boolean;
	href?: string;
}

export interface BreakdownInput {
	label: string;
	unit: string;
	/** "channel", "team", … */
	by: string;
	rows: BreakdownRow[];
	target?: number | null;
	rowsHref?: string;
}

/** Horizontal bars per group; groups with too few responses are drawn pale and say so. */
export function breakdownChart(input: BreakdownInput): ChartSpec {
	const data = input.rows
		.filter((r) => r.value !== null)
		.map((r) => ({
			...r,
			key: r.key ?? '(none)',
			value: round(r.value, 2),
			state: r.tooFew ? 'too few' : 'enough'
		}));
	const marks: Plot.Markish[] = [
		Plot.barX(data, {
			y: 'key',
			x: 'value',
			fill: 'state',
			href: 'href',
			tip: true,
			title: (d: (typeof data)[number]) =>
				`${d.key}: ${d.value} (n = ${d.n}${d.tooFew ? ', too few' : ''})`
		}),
		Plot.ruleX([0])
	];
	if (input.target !== undefined && input.target !== null) {
		marks.push(
			Plot.ruleX([input.target], { stroke: TARGET_COLOUR, strokeDasharray: '6,4', strokeWidth: 2 })
		);
	}
	return {
		title: `${input.label} by ${input.by}${input.unit ? ` (${input.unit})` : ''}`,
		summary: `${input.label} for each ${input.by}${input.target != null ? `, target ${input.target}` : ''}.`,
		options: {
			height: Math.max(120, 34 * data.length + 50),
			marginLeft: 110,
			x: { label: withUnit(input.label, input.unit), grid: true },
			y: { label: null, domain: data.map((d) => d.key) },
			color: { domain: ['enough', 'too few'], range: [PALETTE[0], '#b6c2cf'] },
			marks
		},
		table: {
			columns: [input.by, input.label, 'n'],
			rows: data.map((d) => [d.key, d.value, d.n]),
			hrefs: data.map((d) => d.href)
		},
		rowsHref: input.rowsHref
	};
}

export interface FunnelStage {
	stage: string;
	count: number;
	href?: string;
}

/** The refill-reminder funnel: stages are not nested (contract), so each bar is its own count. */
export function funnelChart(stages: FunnelStage[], rowsHref?: string): ChartSpec {
	const first = stages[0]?.count ?? 0;
	const data = stages.map((s) => ({
		...s,
		share: first > 0 ? round((100 * s.count) / first, 1) : null
	}));
	return {
		title: 'Refill reminders: reached, requested, refilled (count)',
		summary: `Refill-reminder funnel: ${data.map((d) => `${d.stage} ${d.count}`).join(', ')}.`,
		options: {
			height: 40 * data.length + 50,
			marginLeft: 120,
			marginRight: 48,
			x: { label: 'reminders', grid: true },
			y: { label: null, domain: data.map((d) => d.stage) },
			marks: [
				Plot.barX(data, {
					y: 'stage',
					x: 'count',
					fill: PALETTE[2],
					href: 'href',
					tip: true,
					title: (d: (typeof data)[number]) =>
						`${d.stage}: ${d.count}${d.share !== null ? ` (${d.share} % of reminded)` : ''}`
				}),
				Plot.text(data, {
					y: 'stage',
					x: 'count',
					text: (d: (typeof data)[number]) => String(d.count),
					dx: 4,
					textAnchor: 'start'
				}),
				Plot.ruleX([0])
			]
		},
		table: {
			columns: ['stage', 'reminders', '% of reminded'],
			rows: data.map((d) => [d.stage, d.count, d.share]),
			hrefs: data.map((d) => d.href)
		},
		rowsHref
	};
}
