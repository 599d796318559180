// Intervals and comparisons, each expected value worked out by hand (z = 1.96, z² = 3.8416).
import { describe, expect, it } from 'vitest';
import {
	compareEstimates,
	compareMeans,
	compareProportions,
	meanInterval,
	npsInterval,
	wilson
} from './stats.ts';

describe('wilson', () => {
	it('matches the score interval by hand', () => {
		// k=3, n=6: p = 0.5; centre = 0.5 + 3.8416/12 = 0.820133; spread = 1.96·√(0.25/6 + 3.8416/144)
		// = 1.96·√0.0683444 = 0.512399; denom = 1 + 3.8416/6 = 1.640267
		// low = 0.307735/1.640267 = 0.187615, high = 1.332532/1.640267 = 0.812385
		const ci = wilson(3, 6);
		expect(ci?.low).toBeCloseTo(0.187615, 5);
		expect(ci?.high).toBeCloseTo(0.812385, 5);
	});

	it('handles 0 successes and an empty sample', () => {
		// k=0, n=10: centre = spread = 3.8416/20 = 0.19208 → low 0; high = 0.38416/1.38416 = 0.277540
		const ci = wilson(0, 10);
		expect(ci?.low).toBeCloseTo(0, 12);
		expect(ci?.high).toBeCloseTo(0.27754, 5);
		expect(wilson(0, 0)).toBeNull();
	});
});

describe('npsInterval', () => {
	it('uses var = (p₊ + p₋) − (p₊ − p₋)²', () => {
		// 3 promoters, 2 detractors of 5: p₊ = 0.6, p₋ = 0.4, var = 1 − 0.04 = 0.96,
		// SE = √(0.96/5) = √0.192 = 0.438178 → ×100 = 43.8178; NPS 20 ± 1.96·43.8178 = ±85.8829
		const r = npsInterval(3, 2, 5);
		expect(r?.nps).toBeCloseTo(20, 12);
		expect(r?.se).toBeCloseTo(43.8178, 4);
		expect(r?.low).toBeCloseTo(-65.8829, 3);
		expect(r?.high).toBeCloseTo(105.8829, 3);
		expect(npsInterval(0, 0, 0)).toBeNull();
	});
});

describe('comparisons', () => {
	it('two-proportion z-test', () => {
		// 50/100 vs 30/100: pooled 0.4, SE = √(0.4·0.6·0.02) = 0.069282, z = 0.2/0.069282 = 2.88675
		const a = compareProportions(50, 100, 30, 100);
		expect(a?.change).toBeCloseTo(20, 12);
		expect(a?.z).toBeCloseTo(2.88675, 4);
		expect(a?.significant).toBe(true);
		// 5/10 vs 4/10: pooled 0.45, SE = √(0.2475·0.2) = 0.222486, z = 0.1/0.222486 = 0.449467
		const b = compareProportions(5, 10, 4, 10);
		expect(b?.z).toBeCloseTo(0.449467, 5);
		expect(b?.significant).toBe(false);
		expect(compareProportions(1, 0, 1, 1)).toBeNull();
	});

	it('Welch for means and the NPS difference', () => {
		// SE = √(30²/100 + 40²/100) = √25 = 5; z = (130 − 120)/5 = 2 > 1.96
		const m = compareMeans({ mean: 130, stddev: 30, n: 100 }, { mean: 120, stddev: 40, n: 100 });
		expect(m).toEqual({ change: 10, z: 2, significant: true });
		// too few for a variance: a change but no test
		expect(compareMeans({ mean: 5, stddev: null, n: 1 }, { mean: 4, stddev: 1, n: 9 })).toEqual({
			change: 1,
			z: null,
			significant: false
		});
		// NPS 20 (SE 5) vs 5 (SE 5): z = 15/√50 = 2.12132
		const n = compareEstimates(20, 5, 5, 5);
		expect(n.z).toBeCloseTo(2.12132, 5);
		expect(n.significant).toBe(true);
		// mean 10, sd 4, n 16: ± 1.96·4/4 = ±1.96
		expect(meanInterval({ mean: 10, stddev: 4, n: 16 })).toEqual({ low: 8.04, high: 11.96 });
	});
});
