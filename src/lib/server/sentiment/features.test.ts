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
