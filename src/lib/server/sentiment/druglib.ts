// DrugLib.com reviews (Gräßer, Kallumadi, Malberg & Zaunseder, 2018; CC BY 4.0): a review is its
// benefits, side-effects and comments fields joined; its label comes from the 1–10 rating.
// Training reviews also give extra examples labelled by the corpus's own annotations.
import { labelFromRating, type Label } from './labels.ts';
import type { Example } from './corpora.ts';

export type DrugLibRow = {
	rating: number;
	drug: string | null;
	text: string | null;
	effectiveness: string | null;
	side_effects: string | null;
	benefits: string | null;
	side: string | null;
	comments: string | null;
};

const EFFECTIVENESS: Record<string, Label> = {
	'Highly Effective': 'positive',
	'Considerably Effective': 'positive',
	'Moderately Effective': 'neutral',
	'Marginally Effective': 'negative',
	Ineffective: 'negative'
};
const SIDE_EFFECTS: Record<string, Label> = {
	'Severe Side Effects': 'negative',
	'Extremely Severe Side Effects': 'negative',
	'Moderate Side Effects': 'neutral'
};

/**
 * A drug's name says nothing about how a patient feels, but in 3,000 reviews the model would
 * learn "atorvastatin" as negative because its reviewers were unhappy, and then score every
 * pharmacy comment naming it. So training text calls it "the medication".
 */
export function maskDrug(text: string, drug: string | null): string {
	if (!drug || drug.length < 3) return text;
	const escaped = drug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return text.replace(new RegExp(`\\b${escaped}\\b`, 'gi'), 'the medication');
}

/**
 * The comments field alone by the rating, the benefits field by the reviewer's effectiveness
 * grade, the side-effects field when graded moderate or severe.
 */
export function drugLibParts(row: DrugLibRow): Example[] {
	const out: Example[] = [];
	const push = (text: string | null, label: Label | undefined) => {
		if (text && label) out.push({ text: maskDrug(text, row.drug), label, source: 'druglib-parts' });
	};
	push(row.comments, labelFromRating(row.rating));
	push(row.benefits, EFFECTIVENESS[row.effectiveness ?? '']);
	push(row.side, SIDE_EFFECTS[row.side_effects ?? '']);
	return out;
}
