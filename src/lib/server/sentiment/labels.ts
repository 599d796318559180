// The three labels, the numeric polarity, and the mapping of other models' label names and of
// survey scores onto them.
export const LABELS = ['negative', 'neutral', 'positive'] as const;
export type Label = (typeof LABELS)[number];
export type LabelScores = Record<Label, number>;

export function isLabel(value: string): value is Label {
	return (LABELS as readonly string[]).includes(value);
}

/** p(positive) − p(negative): −1 … 1, 0 for neutral or undecided. */
export function polarity(s: LabelScores): number {
	return s.positive - s.negative;
}

export function topLabel(s: LabelScores): Label {
	let best: Label = 'neutral';
	for (const label of LABELS) if (s[label] > s[best]) best = label;
	return best;
}

/**
 * Maps a model's label names (from its config.json id2label) onto ours:
 * - names containing neg / pos / neu (NEGATIVE, Positive, neutral, …) map by that stem;
 * - "1 star" … "5 stars" (review-star models): 1–2 negative, 3 neutral, 4–5 positive;
 * - LABEL_0 … LABEL_n: with 2 labels 0 negative, 1 positive; with 3 labels 0 negative,
 *   1 neutral, 2 positive (the cardiffnlp convention); with 5, as stars 1–5.
 * Returns null for a label it cannot place; the caller refuses such a model.
 */
export function mapForeignLabel(name: string, index: number, count: number): Label | null {
	const n = name.trim().toLowerCase();
	if (/neg/.test(n)) return 'negative';
	if (/pos/.test(n)) return 'positive';
	if (/neu/.test(n)) return 'neutral';
	const stars = /^([1-5])\s*stars?$/.exec(n);
	if (stars) return fromStars(Number(stars[1]));
	const generic = /^label_(\d+)$/.exec(n);
	const i = generic ? Number(generic[1]) : index;
	if (!generic) return null;
	if (count === 2) return i === 0 ? 'negative' : 'positive';
	if (count === 3) return LABELS[i] ?? null;
	if (count === 5) return fromStars(i + 1);
	return null;
}

function fromStars(stars: number): Label {
	return stars <= 2 ? 'negative' : stars === 3 ? 'neutral' : 'positive';
}

/** DrugLib's 1–10 rating: ≤ 4 negative, 5–6 neutral, ≥ 7 positive. */
export function labelFromRating(rating: number): Label {
	return rating <= 4 ? 'negative' : rating <= 6 ? 'neutral' : 'positive';
}

/**
 * A rated survey comment as a training label. CSAT (1–5) first: 1–2 negative, 3 neutral,
 * 4–5 positive. Else NPS (0–10): 0–4 negative, 5–7 neutral, 8–10 positive (not the NPS
 * detractor bands: a 6 usually comes with a lukewarm, not a hostile, comment).
 */
export function labelFromSurvey(csat: number | null, nps: number | null): Label | null {
	if (csat !== null) return csat <= 2 ? 'negative' : csat === 3 ? 'neutral' : 'positive';
	if (nps !== null) return nps <= 4 ? 'negative' : nps <= 7 ? 'neutral' : 'positive';
	return null;
}
