// Quality figures for labelled text: n, accuracy, macro-F1 and the confusion matrix (rows = true
// label, columns = predicted), for the model or for the lexicon baseline, plus calibration.
// --binary keeps only negative/positive rows and decides between those two labels (argmax of
// p(negative) vs p(positive) for the model; sign of VADER's compound for the baseline).
// The model is asked as the scorer asks it (language first): a row in a language it does not
// handle is "not scored", counted in n and as an error.
import vader from 'vader-sentiment';
import { readLabelledCsv } from './corpora.ts';
import { loadClassifier } from './classifier.ts';
import { LABELS, topLabel, type Label, type LabelScores } from './labels.ts';
import { precisionAt, reliability, type Reliability } from './calibrate.ts';
import { wilson, type Interval } from '../kpi/stats.ts';

export type Confusion = Record<Label, Record<Label, number>>;

export interface Metrics {
	n: number;
	accuracy: number;
	macro_f1: number;
	confusion: Confusion;
	/** Rows the model did not score (another language); errors in accuracy. */
	not_scored?: number;
	/** The model's calibration on these rows (top label of three). */
	calibration?: Reliability;
	/** How often "p(negative) ≥ 0.8" was truly negative. */
	negative_at_80?: { n: number; precision: number | null };
}

export interface EvaluateOptions {
	binary?: boolean;
	baseline?: 'vader';
	model?: string;
	onProgress?: (done: number, total: number) => void;
	/** Filled with whether each kept row was answered right (in order; not scored = wrong). */
	answers?: boolean[];
}

export function emptyConfusion(): Confusion {
	const row = () => ({ negative: 0, neutral: 0, positive: 0 });
	return { negative: row(), neutral: row(), positive: row() };
}

/**
 * Accuracy = diagonal / n. Macro-F1 = mean over classes that occur as a true or a predicted
 * label of 2·P·R / (P + R), a class with P + R = 0 scoring 0 (as scikit-learn does).
 */
export function metricsFromConfusion(confusion: Confusion, notScored = 0): Metrics {
	let n = notScored;
	let correct = 0;
	const f1s: number[] = [];
	for (const truth of LABELS) {
		for (const predicted of LABELS) n += confusion[truth][predicted];
		correct += confusion[truth][truth];
	}
	for (const label of LABELS) {
		const tp = confusion[label][label];
		const support = LABELS.reduce((s, p) => s + confusion[label][p], 0);
		const predicted = LABELS.reduce((s, t) => s + confusion[t][label], 0);
		if (support === 0 && predicted === 0) continue;
		const precision = predicted ? tp / predicted : 0;
		const recall = support ? tp / support : 0;
		f1s.push(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0);
	}
	const macro = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0;
	const out: Metrics = { n, accuracy: n ? correct / n : 0, macro_f1: macro, confusion };
	if (notScored) out.not_scored = notScored;
	return out;
}

/**
 * The 95 % Wilson interval of a measured accuracy (correct = the confusion's diagonal): what the
 * same model would plausibly score on another sample of the same size. A target inside it is
 * neither met nor missed beyond sampling error.
 */
export function accuracyInterval(m: Metrics): Interval | null {
	const correct = LABELS.reduce((s, l) => s + m.confusion[l][l], 0);
	return wilson(correct, m.n);
}

/** Two models' answers on the same rows, paired (pairAnswers). */
export interface Paired {
	n: number;
	/** Rows only the first model answered right. */
	onlyA: number;
	/** Rows only the second model answered right. */
	onlyB: number;
	/** mcnemarExact(onlyA, onlyB). */
	p: number;
}

/** How often only one of two models was right on the same rows, and McNemar's p for it. */
export function pairAnswers(a: boolean[], b: boolean[]): Paired {
	if (a.length !== b.length) throw new Error('Paired answers must cover the same rows.');
	let onlyA = 0;
	let onlyB = 0;
	a.forEach((right, i) => {
		if (right && !b[i]) onlyA++;
		if (!right && b[i]) onlyB++;
	});
	return { n: a.length, onlyA, onlyB, p: mcnemarExact(onlyA, onlyB) };
}

/**
 * The exact McNemar test of "equally accurate" from the two discordant counts: twice the binomial
 * tail of the smaller one at p = ½, capped at 1. A small p says the difference is not sampling noise.
 */
export function mcnemarExact(b: number, c: number): number {
	const n = b + c;
	if (n === 0) return 1;
	const k = Math.min(b, c);
	// P(X ≤ k) for X ~ Binomial(n, ½), summed in log space so large n cannot underflow.
	let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
	let tail = Math.exp(logTerm);
	for (let i = 1; i <= k; i++) {
		logTerm += Math.log((n - i + 1) / i);
		tail += Math.exp(logTerm);
	}
	return Math.min(1, 2 * tail);
}

export function decide(scores: LabelScores, binary: boolean): Label {
	if (binary) return scores.positive >= scores.negative ? 'positive' : 'negative';
	return topLabel(scores);
}

/**
 * VADER's compound score as a label: ≥ 0.05 positive, ≤ −0.05 negative, else neutral (the
 * thresholds its authors recommend). Binary: the sign of compound; 0 falls back to its pos vs
 * neg shares, and a full tie counts as positive.
 */
export function vaderLabel(text: string, binary: boolean): Label {
	const s = vader.SentimentIntensityAnalyzer.polarity_scores(text);
	if (!binary)
		return s.compound >= 0.05 ? 'positive' : s.compound <= -0.05 ? 'negative' : 'neutral';
	if (s.compound !== 0) return s.compound > 0 ? 'positive' : 'negative';
	return s.neg > s.pos ? 'negative' : 'positive';
}

export async function evaluateRows(
	rows: { text: string; label: Label }[],
	opts: EvaluateOptions = {}
): Promise<Metrics> {
	const binary = opts.binary === true;
	const kept = binary ? rows.filter((r) => r.label !== 'neutral') : rows;
	const confusion = emptyConfusion();
	if (opts.baseline === 'vader') {
		kept.forEach((r) => {
			const said = vaderLabel(r.text, binary);
			confusion[r.label][said]++;
			opts.answers?.push(said === r.label);
		});
		return metricsFromConfusion(confusion);
	}
	const classifier = await loadClassifier(opts.model);
	const scores: (LabelScores | null)[] = [];
	const step = 512;
	for (let i = 0; i < kept.length; i += step) {
		const scored = await classifier.score(kept.slice(i, i + step).map((r) => r.text));
		for (const s of scored) scores.push(s.scores);
		opts.onProgress?.(Math.min(i + step, kept.length), kept.length);
	}
	let notScored = 0;
	const predictions: { confidence: number; correct: boolean }[] = [];
	const negatives: { p: number; isLabel: boolean }[] = [];
	kept.forEach((r, i) => {
		const s = scores[i];
		if (!s) {
			opts.answers?.push(false);
			return void notScored++;
		}
		const said = decide(s, binary);
		opts.answers?.push(said === r.label);
		confusion[r.label][said]++;
		const top = topLabel(s);
		predictions.push({ confidence: s[top], correct: top === r.label });
		negatives.push({ p: s.negative, isLabel: r.label === 'negative' });
	});
	return {
		...metricsFromConfusion(confusion, notScored),
		calibration: reliability(predictions),
		negative_at_80: precisionAt(negatives, 0.8)
	};
}

export async function evaluate(file: string, opts: EvaluateOptions = {}): Promise<Metrics> {
	return evaluateRows(await readLabelledCsv(file), opts);
}
