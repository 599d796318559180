// The held-out table's 95 % interval and how it judges a target, and the paired comparison of two
// models on the same rows (sentiment eval --heldout [--against]).
import { describe, expect, it } from 'vitest';
import {
	accuracyInterval,
	emptyConfusion,
	mcnemarExact,
	pairAnswers
} from '../../src/lib/server/sentiment/evaluate.ts';
import { judge } from '../../pipelines/commands/sentiment-format.ts';

function metrics(correct: number, wrong: number) {
	const confusion = emptyConfusion();
	confusion.positive.positive = correct;
	confusion.positive.negative = wrong;
	return { n: correct + wrong, accuracy: correct / (correct + wrong), macro_f1: 0, confusion };
}

describe('accuracyInterval', () => {
	it('is the Wilson interval of the diagonal', () => {
		// 8 of 10, z = 1.96, z² = 3.8416: centre 0.8 + 3.8416/20 = 0.99208;
		// spread 1.96·√(0.16/10 + 3.8416/400) = 1.96·√0.025604 = 0.313624; divisor 1 + 0.38416.
		// low (0.99208 − 0.313624) / 1.38416 = 0.49016; high (0.99208 + 0.313624) / 1.38416 = 0.94332.
		const ci = accuracyInterval(metrics(8, 2))!;
		expect(ci.low).toBeCloseTo(0.49016, 4);
		expect(ci.high).toBeCloseTo(0.94332, 4);
	});

	it('puts the issue target of 85 % inside the interval of 580 right of 689 (SST-2 as shipped)', () => {
		// p = 580/689 = 0.841800; z²/n = 0.0055756; centre 0.841800 + 0.0027878 = 0.844588;
		// p(1 − p)/n = 0.133173/689 = 0.00019328, + z²/(4n²) 0.0000020 = 0.00019530, √ 0.013975,
		// × 1.96 = 0.027391; low 0.817197/1.0055756 = 0.81267, high 0.871979/1.0055756 = 0.86714.
		const m = metrics(580, 109);
		const ci = accuracyInterval(m)!;
		expect(ci.low).toBeCloseTo(0.81267, 4);
		expect(ci.high).toBeCloseTo(0.86714, 4);
		expect(judge(m.accuracy, 0.85, ci)).toBe(' (not met, inside the interval)');
		expect(judge(m.accuracy, 0.87, ci)).toBe(' (not met)');
		expect(judge(m.accuracy, 0.8, ci)).toBe(' (met)');
		expect(judge(m.accuracy, 0.84, ci)).toBe(' (met, inside the interval)');
	});

	it('has none for no rows', () => {
		expect(accuracyInterval(metrics(0, 0))).toBeNull();
	});
});

describe('paired comparison (exact McNemar)', () => {
	it('doubles the binomial tail of the smaller discordant count', () => {
		// 1 vs 6: n = 7, P(X ≤ 1) = (C(7,0) + C(7,1)) / 2⁷ = 8/128 = 0.0625, two-sided 0.125.
		expect(mcnemarExact(1, 6)).toBeCloseTo(0.125, 12);
		// 0 vs 5: 2 · 1/32 = 0.0625.
		expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 12);
		// Even splits and no discordant rows are no evidence at all.
		expect(mcnemarExact(4, 4)).toBe(1);
		expect(mcnemarExact(0, 0)).toBe(1);
		// 10 vs 20: n = 30, Σ C(30, i) for i ≤ 10 = 1 + 30 + 435 + 4,060 + 27,405 + 142,506 + 593,775
		// + 2,035,800 + 5,852,925 + 14,307,150 + 30,045,015 = 53,009,102; P(X ≤ 10) = that / 2³⁰,
		// two-sided 53,009,102 / 2²⁹ = 0.0987371.
		expect(mcnemarExact(10, 20)).toBeCloseTo(53_009_102 / 2 ** 29, 10);
		// Large n does not underflow: 500 vs 500 is still 1 (capped).
		expect(mcnemarExact(500, 500)).toBe(1);
	});

	it('counts the rows only one model got right', () => {
		const a = [true, true, false, false, true];
		const b = [true, false, true, false, false];
		// Row 2 and row 5: only A; row 3: only B; rows 1 and 4 agree. p = 2 · (1 + 3)/8 = 1 (capped).
		expect(pairAnswers(a, b)).toEqual({ n: 5, onlyA: 2, onlyB: 1, p: 1 });
		expect(() => pairAnswers([true], [])).toThrow(/same rows/);
	});
});
