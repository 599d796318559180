// Agreement between graders, as calibration reports it. Pure functions over answers.
//
// Fleiss' kappa (Fleiss, 1971): N subjects, each rated by the same n ≥ 2 raters into one of k
// categories; n_ij = raters who put subject i in category j.
//   P_i  = (Σ_j n_ij² − n) / (n (n − 1))      agreement on subject i (share of agreeing rater pairs)
//   P̄    = mean of P_i                         observed agreement
//   p_j  = Σ_i n_ij / (N n)                     share of all ratings in category j
//   P̄_e  = Σ_j p_j²                             agreement expected by chance
//   κ    = (P̄ − P̄_e) / (1 − P̄_e)               null when P̄_e = 1 (every rating the same category)
// "Percent agreement" is P̄ × 100: the share of grader pairs that gave the same answer.
// Categories are nominal: on a 1–5 item, 3 vs 4 is as much a disagreement as 1 vs 5 (the
// deviation from the key, in item-score points, shows how far apart answers are).

export interface KappaResult {
	subjects: number;
	raters: number;
	/** P̄, 0–1. */
	agreement: number | null;
	/** P̄_e, 0–1. */
	chance: number | null;
	kappa: number | null;
}

/** Each subject: the category each rater chose (same number of raters for every subject). */
export function fleissKappa(subjects: string[][]): KappaResult {
	const N = subjects.length;
	const n = subjects[0]?.length ?? 0;
	if (N === 0 || n < 2)
		return { subjects: N, raters: n, agreement: null, chance: null, kappa: null };
	if (subjects.some((s) => s.length !== n))
		throw new Error('Fleiss kappa needs the same number of ratings for every subject.');
	const totals = new Map<string, number>();
	let sumP = 0;
	for (const ratings of subjects) {
		const counts = new Map<string, number>();
		for (const c of ratings) counts.set(c, (counts.get(c) ?? 0) + 1);
		let squares = 0;
		for (const [c, k] of counts) {
			squares += k * k;
			totals.set(c, (totals.get(c) ?? 0) + k);
		}
		sumP += (squares - n) / (n * (n - 1));
	}
	const agreement = sumP / N;
	let chance = 0;
	for (const k of totals.values()) chance += (k / (N * n)) ** 2;
	const kappa = chance >= 1 ? null : (agreement - chance) / (1 - chance);
	return { subjects: N, raters: n, agreement, chance, kappa };
}

/** An answer as a category: "na" or the selected value. */
export function category(value: number | null): string {
	return value === null ? 'na' : String(value);
}

/** Landis & Koch's (1977) words for a kappa, as calibration reports commonly use them. */
export function kappaWords(kappa: number | null): string {
	if (kappa === null) return 'not defined: every answer the same';
	if (kappa < 0) return 'less than chance';
	if (kappa <= 0.2) return 'slight';
	if (kappa <= 0.4) return 'fair';
	if (kappa <= 0.6) return 'moderate';
	if (kappa <= 0.8) return 'substantial';
	return 'almost perfect';
}
