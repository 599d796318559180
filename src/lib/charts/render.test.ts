// Every chart builder's output, drawn by Plot in a server-side DOM: the figure is hidden from
// assistive technology, so nothing in it may be tabbable, and no text in it is under 12 px.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { adherenceChart, sentimentArcChart, sentimentMixChart } from './care-charts.ts';
import { breakdownChart, funnelChart, trendChart } from './kpi-charts.ts';
import { CHART_FONT_PX, renderChart } from './render.ts';
import type { ChartSpec } from './spec.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as Document;

const SPECS: [string, ChartSpec][] = [
	[
		'trend, two series with a target',
		trendChart({
			label: 'CSAT',
			unit: '%',
			bucket: 'day',
			target: 80,
			points: [
				{ date: '2026-03-01', value: 81, n: 40, href: '/interactions?a=1' },
				{ date: '2026-03-02', value: 77, n: 35, href: '/interactions?a=2' },
				{ date: '2026-03-01', value: 79, n: 400, series: 'team', href: '/interactions?t=1' }
			]
		})
	],
	[
		'breakdown',
		breakdownChart({
			label: 'CSAT',
			unit: '%',
			by: 'channel',
			target: 80,
			rows: [
				{ key: 'voice', value: 82, n: 120, href: '/interactions?channel=voice' },
				{ key: 'sms', value: 70, n: 12, tooFew: true, href: '/interactions?channel=sms' }
			]
		})
	],
	[
		'funnel',
		funnelChart([
			{ stage: 'reminded', count: 100, href: '/interactions?part=all' },
			{ stage: 'reached', count: 60, href: '/interactions?part=num' }
		])
	],
	[
		'adherence',
		adherenceChart(
			[{ class: 'statin', eligible: 10, adherent: 6, band: 2, href: '/adherence?class=statin' }],
			0.8,
			0.6
		)
	],
	[
		'sentiment mix',
		sentimentMixChart(
			[
				{ date: '2026-03-01', label: 'negative', count: 2, href: '/interactions?s=neg' },
				{ date: '2026-03-01', label: 'positive', count: 5, href: '/interactions?s=pos' }
			],
			'day'
		)
	],
	[
		'sentiment arc',
		sentimentArcChart([
			{ turn: 0, speaker: 'patient', score: -0.5, label: 'negative' },
			{ turn: 2, speaker: 'patient', score: 0.6, label: 'positive' }
		])
	]
];

/** Elements a keyboard could reach: links with an href, form controls, a non-negative tabindex. */
const tabbable = (root: Element) =>
	[...root.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter(
		(el) => el.getAttribute('tabindex') !== '-1'
	);

describe('renderChart', () => {
	it('plain Plot output holds tabbable links (what the renderer must neutralise)', () => {
		const [, spec] = SPECS[0];
		const raw = Plot.plot({ ...spec.options, width: 600, document: doc() });
		expect(tabbable(raw).length).toBeGreaterThan(0);
	});

	it.each(SPECS)('%s: hidden, nothing tabbable, text at least 12 px', (_name, spec) => {
		const figure = renderChart(Plot, spec.options, 600, doc());
		expect(figure.getAttribute('aria-hidden')).toBe('true');
		expect(tabbable(figure)).toEqual([]);
		const svgs =
			figure.tagName.toLowerCase() === 'svg' ? [figure] : [...figure.querySelectorAll('svg')];
		const plotSvg = svgs.find((s) => /^plot-[0-9a-f]+$/.test(s.getAttribute('class') ?? ''));
		expect(plotSvg?.getAttribute('style')).toContain(`font-size:${CHART_FONT_PX}px`);
		for (const el of figure.querySelectorAll('[font-size]'))
			expect(Number(el.getAttribute('font-size'))).toBeGreaterThanOrEqual(CHART_FONT_PX);
		for (const legend of figure.querySelectorAll('[class*="-swatches"]'))
			expect(legend.getAttribute('style')).toContain(`font-size:${CHART_FONT_PX}px`);
	});

	it('a legend is drawn at 12 px, and its wrapping figure has no margin to squeeze the drawing', () => {
		const [, spec] = SPECS[0];
		const figure = renderChart(Plot, spec.options, 600, doc());
		expect(figure.querySelectorAll('[class*="-swatches"]').length).toBe(1);
		expect(figure.tagName.toLowerCase()).toBe('figure');
		expect(figure.getAttribute('style')).toContain('margin:0');
	});
});

describe('chart data tables link each row to the rows behind it', () => {
	it.each([
		// trend: four points' buckets link (the date column), in the points' order
		[SPECS[0][1], 1, ['/interactions?a=1', '/interactions?a=2', '/interactions?t=1']],
		[SPECS[1][1], 0, ['/interactions?channel=voice', '/interactions?channel=sms']],
		[SPECS[2][1], 0, ['/interactions?part=all', '/interactions?part=num']],
		[SPECS[3][1], 0, ['/adherence?class=statin']]
	])('%#', (spec, column, hrefs) => {
		expect(spec.table.linkColumn ?? 0).toBe(column);
		expect(spec.table.hrefs).toEqual(hrefs);
		expect(spec.table.hrefs).toHaveLength(spec.table.rows.length);
	});
});
