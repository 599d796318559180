import { describe, expect, it } from 'vitest';
import type { Markish } from '@observablehq/plot';
import { calibrationHeatmap } from './calibration-charts.ts';

type AnyMark = { constructor: { name: string }; data: unknown[] };
const marks = (o: { marks?: Markish[] }) => (o.marks ?? []).flat() as unknown as AnyMark[];

describe('calibrationHeatmap', () => {
	const spec = calibrationHeatmap([
		{ grader: 'G1', item: 'Greeting', deviation: 0, keyAgreement: 1 },
		{ grader: 'G1', item: 'Closing', deviation: 66.666, keyAgreement: 1 / 3 },
		{ grader: 'G2', item: 'Greeting', deviation: null, keyAgreement: 0 },
		{ grader: 'G2', item: 'Closing', deviation: 25, keyAgreement: 0.75 }
	]);

	it('draws one cell per grader and item with the rounded deviation printed in it', () => {
		const cell = marks(spec.options).find((m) => m.constructor.name === 'Cell');
		expect(cell?.data).toHaveLength(4);
		const text = marks(spec.options).find((m) => m.constructor.name === 'Text');
		// 66.666 → 67 points; a subject with N/A against an answer has no deviation: "–".
		expect((text?.data as { text: string }[]).map((d) => d.text)).toEqual(['0', '67', '–', '25']);
		expect(spec.options.y?.domain).toEqual(['G1', 'G2']);
		expect(spec.options.x?.domain).toEqual(['Greeting', 'Closing']);
	});

	it('has a table of the same figures: deviation to 0.1, agreement with the key in %', () => {
		// 1/3 → 33 %; 0.75 → 75 %.
		expect(spec.table.rows).toEqual([
			['G1', 'Greeting', 0, 100],
			['G1', 'Closing', 66.7, 33],
			['G2', 'Greeting', null, 0],
			['G2', 'Closing', 25, 75]
		]);
	});
});
