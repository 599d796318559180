// Confidence and comparison: what lets a manager tell a change from noise. Pure functions over
// the counts the KPI queries return (no database), so they are easy to check by hand.

/** 95% two-sided normal quantile, rounded as the product's definitions state it (±1.96·SE). */
export const Z95 = 1.96;

export interface Interval {
	low: number;
	high: number;
}

/** Wilson score interval for k successes in n trials, as fractions 0–1; null when n is 0. */
export function wilson(k: number, n: number, z = Z95): Interval | null {
	if (n <= 0) return null;
	const p = k / n;
	const z2 = z * z;
	const centre = p + z2 / (2 * n);
	const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	const denom = 1 + z2 / n;
	return {
		low: Math.max(0, (centre - spread) / denom),
		high: Math.min(1, (centre + spread) / denom)
	};
}

export interface NpsEstimate {
	nps: number;
	/** Standard error on the −100…100 scale. */
	se: number;
	low: number;
	high: number;
}

/**
 * NPS with its interval: with p₊, p₋ the promoter and detractor shares,
 * var = (p₊ + p₋) − (p₊ − p₋)², SE = √(var / n), NPS ± z·SE, all × 100.
 */
export function npsInterval(
	promoters: number,
	detractors: number,
	n: number,
	z = Z95
): NpsEstimate | null {
	if (n <= 0) return null;
	const pp = promoters / n;
	const pd = detractors / n;
	const variance = pp + pd - (pp - pd) ** 2;
	const se = 100 * Math.sqrt(variance / n);
	const nps = 100 * (pp - pd);
	return { nps, se, low: nps - z * se, high: nps + z * se };
}

export interface Comparison {
	/** current − previous, in the figure's own unit. */
	change: number;
	z: number | null;
	significant: boolean;
}

/** Two-proportion z-test (pooled) for k1/n1 against k2/n2; change in the proportion's unit × scale. */
export function compareProportions(
	k1: number,
	n1: number,
	k2: number,
	n2: number,
	scale = 100,
	z = Z95
): Comparison | null {
	if (n1 <= 0 || n2 <= 0) return null;
	const p1 = k1 / n1;
	const p2 = k2 / n2;
	const pooled = (k1 + k2) / (n1 + n2);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	const change = scale * (p1 - p2);
	if (se === 0) return { change, z: null, significant: false };
	const stat = (p1 - p2) / se;
	return { change, z: stat, significant: Math.abs(stat) > z };
}

/** Difference of two independent estimates with standard errors (e.g. NPS): z = Δ / √(se₁² + se₂²). */
export function compareEstimates(
	v1: number,
	se1: number,
	v2: number,
	se2: number,
	z = Z95
): Comparison {
	const se = Math.sqrt(se1 * se1 + se2 * se2);
	const change = v1 - v2;
	if (se === 0) return { change, z: null, significant: false };
	const stat = change / se;
	return { change, z: stat, significant: Math.abs(stat) > z };
}

export interface MeanSample {
	mean: number | null;
	stddev: number | null;
	n: number;
}

/** Welch's test for two means (large-sample normal approximation): z = Δ / √(s₁²/n₁ + s₂²/n₂). */
export function compareMeans(a: MeanSample, b: MeanSample, z = Z95): Comparison | null {
	if (a.mean === null || b.mean === null) return null;
	const change = a.mean - b.mean;
	if (a.n < 2 || b.n < 2 || a.stddev === null || b.stddev === null) {
		return { change, z: null, significant: false };
	}
	const se = Math.sqrt((a.stddev * a.stddev) / a.n + (b.stddev * b.stddev) / b.n);
	if (se === 0) return { change, z: null, significant: false };
	const stat = change / se;
	return { change, z: stat, significant: Math.abs(stat) > z };
}

/** 95% interval of a mean (normal approximation); null below two observations. */
export function meanInterval(s: MeanSample, z = Z95): Interval | null {
	if (s.mean === null || s.stddev === null || s.n < 2) return null;
	const half = (z * s.stddev) / Math.sqrt(s.n);
	return { low: s.mean - half, high: s.mean + half };
}
