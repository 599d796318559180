import { describe, expect, it } from 'vitest';
import {
	FilterError,
	bucketRange,
	filterQuery,
	parseDrill,
	parseFilter,
	presetRange
} from './filters.ts';
import { canonicalUrl } from './request.ts';

const url = (q: string) => new URL(`http://x/overview${q}`);

describe('parseFilter', () => {
	it.each([
		// asOf 2026-03-15: last 7 days inclusive = 9th..15th; last 30 = Feb 14..Mar 15 (14 Feb + 29 days).
		['last7', '2026-03-09', '2026-03-15'],
		['last30', '2026-02-14', '2026-03-15'],
		['this_month', '2026-03-01', '2026-03-15'],
		['last_month', '2026-02-01', '2026-02-28']
	] as const)('preset %s covers %s..%s', (preset, from, to) => {
		expect(presetRange(preset, '2026-03-15')).toEqual([from, to]);
	});

	it('defaults to the last 30 days and gives the engine a half-open range', () => {
		const f = parseFilter(url(''), '2026-03-15');
		expect(f.preset).toBe('last30');
		expect(f.from.toISOString()).toBe('2026-02-14T00:00:00.000Z');
		expect(f.to.toISOString()).toBe('2026-03-16T00:00:00.000Z');
	});

	it('reads a custom range, group filters and ignores empty selects', () => {
		const f = parseFilter(
			url('?from=2026-01-01&to=2026-01-31&team=north&channel=&reason=Refill'),
			'2026-03-15'
		);
		expect(f).toMatchObject({
			preset: 'custom',
			fromDate: '2026-01-01',
			toDate: '2026-01-31',
			team: 'north',
			reason: 'refill'
		});
		expect(f.channel).toBeUndefined();
		expect(filterQuery(f)).toEqual({
			from: '2026-01-01',
			to: '2026-01-31',
			team: 'north',
			reason: 'refill'
		});
	});

	it('lets explicit From/To win over a preset, so a shared link shows what it says', () => {
		// the URL of a page showing the last 30 days where someone typed 1–15 October
		const f = parseFilter(url('?period=last30&from=2026-10-01&to=2026-10-15'), '2026-11-20');
		expect([f.preset, f.fromDate, f.toDate]).toEqual(['custom', '2026-10-01', '2026-10-15']);
		expect(filterQuery(f)).toEqual({ from: '2026-10-01', to: '2026-10-15' });
	});

	it('tells a chosen preset from typed dates by the range the bar showed', () => {
		const shown = '&shown=2026-02-14..2026-03-15';
		// dates left as shown: the newly chosen preset wins (last 7 days = 9–15 March)
		const preset = parseFilter(
			url(`?period=last7&from=2026-02-14&to=2026-03-15${shown}`),
			'2026-03-15'
		);
		expect([preset.preset, preset.fromDate, preset.toDate]).toEqual([
			'last7',
			'2026-03-09',
			'2026-03-15'
		]);
		// a typed From: the dates win
		const typed = parseFilter(
			url(`?period=last30&from=2026-03-01&to=2026-03-15${shown}`),
			'2026-03-15'
		);
		expect([typed.preset, typed.fromDate, typed.toDate]).toEqual([
			'custom',
			'2026-03-01',
			'2026-03-15'
		]);
	});

	it('redirects a filter-bar submission to the canonical link', () => {
		const u = new URL(
			'http://x/overview?period=last7&from=2026-02-14&to=2026-03-15&shown=2026-02-14..2026-03-15&team=north&sort=csat'
		);
		const f = parseFilter(u, '2026-03-15');
		expect(canonicalUrl(u, f).search).toBe('?sort=csat&period=last7&team=north');
	});

	it('treats date= as a one-day range', () => {
		const f = parseFilter(url('?date=2026-02-29'.replace('29', '28')), '2026-03-15');
		expect([f.fromDate, f.toDate]).toEqual(['2026-02-28', '2026-02-28']);
	});

	it.each([
		'?period=forever',
		'?from=2026-02-30',
		'?from=2026-03-10&to=2026-03-01',
		'?channel=fax',
		'?from=0000-01-01',
		'?to=9999-12-31',
		'?date=2026-02-31'
	])('rejects %s with a readable message', (q) => {
		expect(() => parseFilter(url(q), '2026-03-15')).toThrow(FilterError);
	});
});

describe('parseDrill', () => {
	it('keeps known drill params and validates them', () => {
		expect(parseDrill(url('?kpi=fcr&part=rest&page=2&period=last7'))).toEqual({
			kpi: 'fcr',
			part: 'rest',
			page: '2'
		});
		// adherence figures drill down on the Adherence page, not in this list
		expect(() => parseDrill(url('?kpi=pdc_adherent_share'))).toThrow(FilterError);
		expect(() => parseDrill(url('?kpi=drop'))).toThrow(FilterError);
		expect(() => parseDrill(url('?page=0'))).toThrow(FilterError);
		expect(() => parseDrill(url('?disposition=lost'))).toThrow(FilterError);
	});
});

describe('bucketRange', () => {
	const f = { fromDate: '2026-03-04', toDate: '2026-03-20' };
	it.each([
		// Week of Monday 2 March starts before the period (4 March): cut to 4..8 March.
		['2026-03-02', 'week', '2026-03-04', '2026-03-08'],
		['2026-03-09', 'week', '2026-03-09', '2026-03-15'],
		// Week of 16 March ends on 22 March, after the period's last day (20th).
		['2026-03-16', 'week', '2026-03-16', '2026-03-20'],
		['2026-03-01', 'month', '2026-03-04', '2026-03-20'],
		['2026-03-05', 'day', '2026-03-05', '2026-03-05']
	] as const)('%s (%s) covers %s..%s', (start, bucket, from, to) => {
		expect(bucketRange(start, bucket, f)).toEqual({ from, to });
	});
});
