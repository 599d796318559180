// Deterministic splits by a hash of the text (FNV-1a), never by the training seed: whatever seed
// trains a model, the same rows are held out, duplicates land on the same side, and nothing
// needs to be written down. Test shares per set:
//   sst2 1 in 10 sentences · druglib 1 in 5 reviews · seed 1 in 4 (as the earlier model's splits,
//   so figures stay comparable) · amazon 1 in 10 · drugscom 1 in 5 · imdb 1 in 20 ·
//   spanish: all of it (a hand-written evaluation set, never trained on).
// Validation (temperature calibration, early choices): 1 in 20 of the rest, by another hash.
import { fnv1a } from './features.ts';

export type SetName = 'sst2' | 'imdb' | 'amazon' | 'druglib' | 'drugscom' | 'seed' | 'spanish';
export type Split = 'train' | 'validation' | 'test';

const TEST_EVERY: Record<SetName, number> = {
	sst2: 10,
	druglib: 5,
	seed: 4,
	amazon: 10,
	drugscom: 5,
	imdb: 20,
	spanish: 1
};
const VALIDATION_EVERY = 20;
/** Sets too small or too hand-made to spare a validation share. */
const NO_VALIDATION = new Set<SetName>(['seed', 'spanish']);

export function assignSplit(set: SetName, text: string): Split {
	if (fnv1a(`${set}:${text}`) % TEST_EVERY[set] === 0) return 'test';
	if (!NO_VALIDATION.has(set) && fnv1a(`validation:${set}:${text}`) % VALIDATION_EVERY === 0)
		return 'validation';
	return 'train';
}

function sstTokens(text: string): string[] {
	return text
		.replace(/-lrb-/g, '(')
		.replace(/-rrb-/g, ')')
		.split(/\s+/)
		.filter((t) => t.length > 0);
}

/**
 * SST-2's phrase file labels every sub-phrase of every training sentence. A phrase that is a
 * contiguous run of words of a held-out sentence would leak that sentence into training, so it
 * is dropped (also when another sentence shares it: the cost is a few common phrases).
 */
export function dropPhrasesOfHeldOut<T extends { text: string }>(
	phrases: T[],
	heldOutSentences: string[]
): T[] {
	const spans = new Set<string>();
	for (const sentence of heldOutSentences) {
		const tokens = sstTokens(sentence);
		for (let i = 0; i < tokens.length; i++) {
			let span = '';
			for (let j = i; j < tokens.length; j++) {
				span = j === i ? tokens[j] : `${span} ${tokens[j]}`;
				spans.add(span);
			}
		}
	}
	return phrases.filter((p) => !spans.has(sstTokens(p.text).join(' ')));
}
