import { describe, expect, it } from 'vitest';
import { IDF_STEPS, withNaiveBayesRatios } from './features.ts';

// Three rows, IDF 1 each; labels 0 negative, 1 neutral, 2 positive.
const idf = Uint8Array.of(IDF_STEPS, IDF_STEPS, IDF_STEPS);
const docs = [Int32Array.of(0), Int32Array.of(0, 1, 1), Int32Array.of(2)];
const labels = Uint8Array.of(2, 0, 1);
const classes = { positive: 2, negative: 0 };

describe('withNaiveBayesRatios', () => {
	it('scales each row by |ln(p / q)| of presence counts plus α, neutral texts ignored', () => {
		// Positive counts + 1: 2, 1, 1 (total 4); negative: 2, 2, 1 (total 5; row 1 counts once).
		// Row 0: |ln(2/4 · 5/2)| = ln 1.25 = 0.223 → 0.223 · 16 = 3.6 → 4.
		// Row 1: |ln(1/4 · 5/2)| = 0.470 → 7.5 → 8. Row 2: ln 1.25 again → 4.
		const out = withNaiveBayesRatios(idf, docs, labels, classes, { mix: 1, alpha: 1, scale: 1 });
		expect([...out]).toEqual([4, 8, 4]);
	});

	it('interpolates with plain TF-IDF, and leaves it alone at mix 0', () => {
		// Row 0: 0.5 + 0.5 · 0.223 = 0.612 → 9.8 → 10; row 1: 0.5 + 0.235 = 0.735 → 11.8 → 12.
		const half = withNaiveBayesRatios(idf, docs, labels, classes, { mix: 0.5, alpha: 1, scale: 1 });
		expect([...half]).toEqual([10, 12, 10]);
		expect(withNaiveBayesRatios(idf, docs, labels, classes, { mix: 0, alpha: 1, scale: 1 })).toBe(
			idf
		);
	});
});

describe('withNaiveBayesRatios, shrunk and multiclass', () => {
	it('pulls rows with little evidence toward the mean factor', () => {
		// Factors as above (mix 1): 0.2231, 0.4700, 0.2231; evidence (positive or negative texts
		// containing the row): 2, 1, 0. Mean over occurrences: (2 · 0.2231 + 0.4700) / 3 = 0.3054.
		// k = 1: row 0 (2 · 0.2231 + 0.3054) / 3 = 0.2506 → 4.0 → 4; row 1 (0.4700 + 0.3054) / 2
		// = 0.3877 → 6.2 → 6; row 2, never in a polar text, gets the mean: 0.3054 → 4.9 → 5.
		const out = withNaiveBayesRatios(idf, docs, labels, classes, {
			mix: 1,
			alpha: 1,
			scale: 1,
			shrink: 1
		});
		expect([...out]).toEqual([4, 6, 5]);
	});

	it('takes the largest ratio of one label against the other two, neutral included', () => {
		// Counts + 1 per label (negative, neutral, positive): row 0 2, 1, 2; row 1 2, 1, 1;
		// row 2 1, 2, 1; totals 5, 4, 4. A label against the other two: (their counts + 2) over
		// their totals. Row 0: neutral 1/4 against (1 + 1 + 2)/9 → |ln 0.5625| = 0.575 → 9.2 → 9.
		// Row 1: negative 2/5 against (0 + 0 + 2)/8 → ln 1.6 = 0.470 → 7.5 → 8. Row 2: neutral 2/4
		// against (0 + 0 + 2)/9 → ln 2.25 = 0.811 → 13.0 → 13.
		const out = withNaiveBayesRatios(idf, docs, labels, classes, {
			mix: 1,
			alpha: 1,
			scale: 1,
			multiclass: true
		});
		expect([...out]).toEqual([9, 8, 13]);
	});

	it('counts only the texts asked, and gives rows none of them contains the mean factor', () => {
		// Text 1 (negative) not counted: positive counts + 1: 2, 1, 1 (total 4); negative: 1, 1, 1
		// (total 3). Row 0: ln(2/4 · 3/1) = ln 1.5 = 0.405 → 6.5 → 6, evidence 1. Rows 1 and 2 are in
		// no counted polar text: the mean over occurrences, 0.405 → 6 (by their ratio alone row 1
		// would be |ln(1/4 · 3)| = 0.288 → 4.6 → 5).
		const out = withNaiveBayesRatios(idf, docs, labels, classes, {
			mix: 1,
			alpha: 1,
			scale: 1,
			counted: Uint8Array.of(1, 0, 1)
		});
		expect([...out]).toEqual([6, 6, 6]);
	});
});
