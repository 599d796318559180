// Builders are pure: inspect the options and the text-alternative table, no DOM needed.
import { describe, expect, it } from 'vitest';
import type { Markish } from '@observablehq/plot';
import { breakdownChart, funnelChart, trendChart } from './kpi-charts.ts';

type AnyMark = {
	constructor: { name: string };
	data: unknown[];
	channels: Record<string, unknown>;
};
const marks = (o: { marks?: Markish[] }) => (o.marks ?? []).flat() as unknown as AnyMark[];
const byType = (o: { marks?: Markish[] }, name: string) =>
	marks(o).filter((m) => m.constructor.name === name);

describe('trendChart', () => {
	const spec = trendChart({
		label: 'CSAT',
		unit: '%',
		bucket: 'week',
		target: 80,
		points: [
			{
				date: '2026-03-02',
				value: 81.234,
				n: 40,
				href: '/interactions?from=2026-03-02&to=2026-03-08'
			},
			{ date: '2026-03-09', value: null, n: 0 },
			{ date: '2026-03-16', value: 75, n: 12, href: '/interactions?from=2026-03-16&to=2026-03-22' }
		]
	});

	it('titles the chart with subject, bucket and unit', () => {
		expect(spec.title).toBe('CSAT, weekly (%)');
	});

	it('drops empty buckets, rounds to 2 digits and keeps n in the table', () => {
		// 81.234 → 81.23; the null week is not a point.
		expect(spec.table.rows).toEqual([
			['CSAT', '2026-03-02', 81.23, 40],
			['CSAT', '2026-03-16', 75, 12]
		]);
	});

	it('draws the target as a rule and links every dot to its rows', () => {
		const rules = byType(spec.options, 'RuleY').map((m) => m.data);
		expect(rules).toContainEqual([80]);
		const [dots] = byType(spec.options, 'Dot');
		expect(dots.channels).toHaveProperty('href');
		expect(dots.data).toHaveLength(2);
	});

	it('has no target rule when there is no target', () => {
		const plain = trendChart({ label: 'AHT', unit: 's', bucket: 'day', points: [] });
		expect(byType(plain.options, 'RuleY').map((m) => m.data)).toEqual([[0]]);
		expect(plain.title).toBe('AHT, daily (s)');
	});
});

describe('breakdownChart', () => {
	it('orders groups as given, names the null group and marks too-few rows', () => {
		const spec = breakdownChart({
			label: 'FCR',
			unit: '%',
			by: 'channel',
			target: 70,
			rows: [
				{ key: 'chat', value: 66.666, n: 30 },
				{ key: null, value: 50, n: 4, tooFew: true },
				{ key: 'sms', value: null, n: 0 }
			]
		});
		expect(spec.title).toBe('FCR by channel (%)');
		expect(spec.options.y?.domain).toEqual(['chat', '(none)']);
		expect(spec.table.rows).toEqual([
			['chat', 66.67, 30],
			['(none)', 50, 4]
		]);
		const [bars] = byType(spec.options, 'BarX');
		expect((bars.data as { state: string }[]).map((d) => d.state)).toEqual(['enough', 'too few']);
		expect(byType(spec.options, 'RuleX').map((m) => m.data)).toContainEqual([70]);
	});
});

describe('funnelChart', () => {
	it('gives each stage its share of the reminders', () => {
		// 40 reached of 80 reminded = 50 %; 10 of 80 = 12.5 %; 5 of 80 = 6.25 → 6.3 (1 digit).
		const spec = funnelChart([
			{ stage: 'reminded', count: 80 },
			{ stage: 'reached', count: 40 },
			{ stage: 'refill requested', count: 10 },
			{ stage: 'refilled', count: 5 }
		]);
		expect(spec.table.rows.map((r) => r[2])).toEqual([100, 50, 12.5, 6.3]);
	});

	it('has null shares when nothing was reminded', () => {
		const spec = funnelChart([{ stage: 'reminded', count: 0 }]);
		expect(spec.table.rows).toEqual([['reminded', 0, null]]);
	});
});
