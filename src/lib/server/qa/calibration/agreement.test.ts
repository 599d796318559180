import { describe, expect, it } from 'vitest';
import { fleissKappa } from './agreement.ts';

describe('fleissKappa', () => {
	it('matches a hand computation: 4 subjects, 3 raters, two categories', () => {
		const r = fleissKappa([
			['Y', 'Y', 'Y'],
			['Y', 'Y', 'N'],
			['N', 'N', 'N'],
			['Y', 'N', 'N']
		]);
		// P_i = (Σ n_ij² − 3) / (3 · 2): (9 − 3)/6 = 1, (4 + 1 − 3)/6 = 1/3, 1, 1/3 → P̄ = (8/3)/4 = 2/3.
		// Y: 3 + 2 + 0 + 1 = 6 of 12, N: 6 of 12 → P̄e = 0.5² + 0.5² = 1/2.
		// κ = (2/3 − 1/2) / (1 − 1/2) = (1/6) / (1/2) = 1/3.
		expect(r.subjects).toBe(4);
		expect(r.raters).toBe(3);
		expect(r.agreement).toBeCloseTo(2 / 3, 12);
		expect(r.chance).toBeCloseTo(1 / 2, 12);
		expect(r.kappa).toBeCloseTo(1 / 3, 12);
	});

	it('counts N/A as a category of its own', () => {
		// S1: 1, 1, na → (4 + 1 − 3)/6 = 1/3; S2: 0, 0, 0 → 1; P̄ = 2/3.
		// Shares of 6 ratings: "1" 2/6, "na" 1/6, "0" 3/6 → P̄e = 4/36 + 1/36 + 9/36 = 14/36 = 7/18.
		// κ = (12/18 − 7/18) / (11/18) = 5/11.
		const r = fleissKappa([
			['1', '1', 'na'],
			['0', '0', '0']
		]);
		expect(r.kappa).toBeCloseTo(5 / 11, 12);
	});

	it('has no kappa when every rating is the same category, or with fewer than two raters', () => {
		expect(fleissKappa([['na', 'na']]).kappa).toBeNull();
		expect(fleissKappa([['na', 'na']]).agreement).toBe(1);
		expect(fleissKappa([['1']]).kappa).toBeNull();
		expect(fleissKappa([]).agreement).toBeNull();
		expect(() => fleissKappa([['1', '1'], ['1']])).toThrow(/same number/);
	});
});
