// The follow-up loop over time: per day or week, the complaint follow-ups opened then, stacked by
// where they stand now, with SLA compliance in the table and the tooltips. Pure: rows → spec.
import * as Plot from '@observablehq/plot';
import { PALETTE, day, round, type ChartSpec } from './spec.ts';

export interface LoopTrendRow {
	bucket: string;
	opened: number;
	onTime: number;
	late: number;
	overdue: number;
	pending: number;
	sla: number | null;
}

const STATES = [
	{ key: 'onTime', name: 'closed on time', colour: PALETTE[2] },
	{ key: 'late', name: 'closed late', colour: PALETTE[1] },
	{ key: 'overdue', name: 'open, past due', colour: '#cf222e' },
	{ key: 'pending', name: 'open, not due yet', colour: PALETTE[4] }
] as const;

export function loopTrendChart(rows: LoopTrendRow[], unit: 'day' | 'week'): ChartSpec {
	const pct = (v: number | null) => (v === null ? 'no SLA figure yet' : `SLA ${round(v, 1)} %`);
	const data = rows.flatMap((r) =>
		STATES.map((s) => ({
			when: day(r.bucket),
			bucket: r.bucket,
			state: s.name,
			count: r[s.key],
			sla: r.sla
		}))
	);
	const per = unit === 'day' ? 'day' : 'week';
	const total = rows.reduce((n, r) => n + r.opened, 0);
	return {
		title: `Complaint follow-ups opened per ${per}, by where they stand now (tasks)`,
		summary: `${total} follow-ups over ${rows.length} ${per}s; ${rows
			.map(
				(r) =>
					`${r.bucket}: ${r.onTime} on time, ${r.late} late, ${r.overdue} past due, ${r.pending} not due`
			)
			.join('; ')}.`,
		options: {
			height: 220,
			marginLeft: 40,
			x: { type: 'band', label: null, tickFormat: (d: Date) => d.toISOString().slice(5, 10) },
			y: { label: 'follow-ups', grid: true },
			color: {
				domain: STATES.map((s) => s.name),
				range: STATES.map((s) => s.colour),
				legend: true
			},
			marks: [
				Plot.barY(data, {
					x: 'when',
					y: 'count',
					fill: 'state',
					order: STATES.map((s) => s.name),
					tip: true,
					title: (d: (typeof data)[number]) => `${d.bucket}: ${d.count} ${d.state} · ${pct(d.sla)}`
				}),
				Plot.ruleY([0])
			]
		},
		table: {
			columns: [per, 'opened', 'on time', 'late', 'open past due', 'open not due', 'SLA (%)'],
			rows: rows.map((r) => [
				r.bucket,
				r.opened,
				r.onTime,
				r.late,
				r.overdue,
				r.pending,
				round(r.sla, 1)
			])
		}
	};
}
