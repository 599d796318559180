// Evaluation scoring (documented here, in qa/README.md and in the rubric editor):
// - an item scores (selected − min) / (max − min) × 100, with yes/no stored as 0/1 (min 0, max 1)
//   and 1–5 as 1…5 (min 1, max 5);
// - an evaluation is the weighted mean of its scored items; N/A items (value null) are dropped;
// - any failed critical item makes the evaluation 0. "Failed" means the lowest value of the
//   scale: "no" on a yes/no item, 1 on a 1–5 item;
// - an agent's QA score is the mean of their evaluations' scores in the period (see agentQaScore).

export type Scale = 'yes_no' | 'one_five';

export interface ScoredItem {
	key: string;
	weight: number;
	scale: Scale;
	allowNa: boolean;
	critical: boolean;
}

/** An answer: the selected value, or null for N/A. */
export type Answers = Record<string, number | null | undefined>;

export interface EvaluationScore {
	/** 0–100, or null when every item is N/A. */
	score: number | null;
	/** The weighted mean before the critical rule, for display ("would have been 86"). */
	weightedScore: number | null;
	criticalFailed: boolean;
	failedCritical: string[];
	items: Record<string, number | null>;
}

export const SCALE_RANGE: Record<Scale, { min: number; max: number }> = {
	yes_no: { min: 0, max: 1 },
	one_five: { min: 1, max: 5 }
};

export function itemScore(scale: Scale, selected: number): number {
	const { min, max } = SCALE_RANGE[scale];
	return ((selected - min) / (max - min)) * 100;
}

export function isFailed(scale: Scale, selected: number): boolean {
	return selected === SCALE_RANGE[scale].min;
}

/** Throws when an answer is missing, out of its scale, or N/A where N/A is not allowed. */
export function validateAnswers(items: ScoredItem[], answers: Answers): string[] {
	const problems: string[] = [];
	for (const item of items) {
		const value = answers[item.key];
		if (value === undefined) problems.push(`${item.key}: no answer`);
		else if (value === null) {
			if (!item.allowNa) problems.push(`${item.key}: N/A is not allowed`);
		} else {
			const { min, max } = SCALE_RANGE[item.scale];
			if (!Number.isInteger(value) || value < min || value > max) {
				problems.push(`${item.key}: ${value} is outside ${min}–${max}`);
			}
		}
	}
	return problems;
}

export function scoreEvaluation(items: ScoredItem[], answers: Answers): EvaluationScore {
	const problems = validateAnswers(items, answers);
	if (problems.length > 0) throw new Error(`Invalid answers: ${problems.join('; ')}`);
	let weighted = 0;
	let weights = 0;
	const failedCritical: string[] = [];
	const perItem: Record<string, number | null> = {};
	for (const item of items) {
		const value = answers[item.key];
		if (value === null || value === undefined) {
			perItem[item.key] = null;
			continue;
		}
		const s = itemScore(item.scale, value);
		perItem[item.key] = s;
		weighted += item.weight * s;
		weights += item.weight;
		if (item.critical && isFailed(item.scale, value)) failedCritical.push(item.key);
	}
	const weightedScore = weights > 0 ? weighted / weights : null;
	const criticalFailed = failedCritical.length > 0;
	return {
		score: criticalFailed ? 0 : weightedScore,
		weightedScore,
		criticalFailed,
		failedCritical,
		items: perItem
	};
}
