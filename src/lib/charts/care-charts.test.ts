import { describe, expect, it } from 'vitest';
import type { Markish } from '@observablehq/plot';
import { adherenceChart, sentimentArcChart, sentimentMixChart } from './care-charts.ts';
import { SENTIMENT_COLOURS } from './spec.ts';

type AnyMark = { constructor: { name: string }; data: unknown[] };
const marks = (o: { marks?: Markish[] }) => (o.marks ?? []).flat() as unknown as AnyMark[];

describe('adherenceChart', () => {
	const spec = adherenceChart(
		[
			{ class: 'statin', eligible: 40, adherent: 30, band: 6 },
			{ class: 'ras', eligible: 0, adherent: 0, band: 0 }
		],
		0.8,
		0.6
	);

	it('splits eligible patients into adherent, the 60–79 % band and below', () => {
		// statin: below = 40 − 30 − 6 = 4.
		expect(spec.table.rows).toEqual([
			['statin', 40, 30, 6, 4],
			['ras', 0, 0, 0, 0]
		]);
		const bars = marks(spec.options).find((m) => m.constructor.name === 'BarX');
		// Shares: 30/40 = 75 %, 6/40 = 15 %, 4/40 = 10 %; an empty class draws zeros.
		expect((bars?.data as { share: number }[]).map((d) => d.share)).toEqual([75, 15, 10, 0, 0, 0]);
		expect(spec.options.color?.domain).toEqual([
			'adherent (PDC ≥ 80 %)',
			'band (60–79 %)',
			'below 60 %'
		]);
	});

	it('draws the adherence threshold at 80 %', () => {
		expect(marks(spec.options).find((m) => m.constructor.name === 'RuleX')?.data).toEqual([80]);
	});
});

describe('sentimentMixChart', () => {
	it('turns counts into shares per bucket and uses the one diverging scale', () => {
		// 2026-03-02: 1 + 3 = 4 texts → 25 % negative, 75 % positive.
		const spec = sentimentMixChart(
			[
				{ date: '2026-03-02', label: 'negative', count: 1 },
				{ date: '2026-03-02', label: 'positive', count: 3 },
				{ date: '2026-03-09', label: 'neutral', count: 2 }
			],
			'week'
		);
		expect(spec.table.rows).toEqual([
			['2026-03-02', 1, 0, 3],
			['2026-03-09', 0, 2, 0]
		]);
		const bars = marks(spec.options).find((m) => m.constructor.name === 'BarY');
		expect((bars?.data as { share: number }[]).map((d) => d.share)).toEqual([25, 75, 100]);
		expect(spec.options.color?.range).toEqual([
			SENTIMENT_COLOURS.negative,
			SENTIMENT_COLOURS.neutral,
			SENTIMENT_COLOURS.positive
		]);
	});
});

describe('sentimentArcChart', () => {
	it('summarises where the call started and ended', () => {
		const spec = sentimentArcChart([
			{ turn: 0, speaker: 'patient', score: -0.612, label: 'negative' },
			{ turn: 2, speaker: 'patient', score: 0.5, label: 'positive' }
		]);
		expect(spec.summary).toBe(
			'Sentiment from -0.61 at the first scored turn to 0.5 at the last, over 2 turns.'
		);
		expect(spec.options.y?.domain).toEqual([-1, 1]);
	});

	it('says so when nothing is scored', () => {
		expect(sentimentArcChart([]).summary).toBe('No scored turns.');
	});
});
