// `careloop sentiment eval --heldout`: the exported model (through transformers.js, language
// check included) and the VADER lexicon on every held-out set, rebuilt in memory from the corpora
// by the same hash as training (splits.ts) — nothing is read from or written to the repository.
// Binary sets are decided between negative and positive; sets with a neutral label are also
// measured on three labels. Calibration pools every held-out row.
import { mergeReliability, type Reliability } from './calibrate.ts';
import { loadClassifier } from './classifier.ts';
import { loadCorpora, type Example } from './corpora.ts';
import { resolveCorpusDir } from './corpus-dir.ts';
import { evaluateRows, pairAnswers, type Metrics, type Paired } from './evaluate.ts';
import type { SetName } from './splits.ts';

export interface HeldOutRow {
	set: SetName;
	binary: { model: Metrics; vader: Metrics } | null;
	threeLabel: { model: Metrics; vader: Metrics } | null;
}

export interface HeldOutReport {
	corpusDir: string;
	modelVersion: string;
	rows: HeldOutRow[];
	/** Pooled over every held-out row, top label of three. */
	calibration: Reliability;
	negativeAt80: { n: number; precision: number | null };
}

/** Targets from the issue (binary accuracy on held-out text), shown beside the figures. */
export const TARGETS: Partial<Record<SetName, number>> = {
	sst2: 0.85,
	amazon: 0.87,
	druglib: 0.86,
	drugscom: 0.85
};

const ORDER: SetName[] = ['sst2', 'amazon', 'druglib', 'drugscom', 'imdb', 'seed', 'spanish'];

export async function evaluateHeldOut(
	opts: { corpusDir?: string; model?: string; onProgress?: (set: string) => void } = {}
): Promise<HeldOutReport> {
	const corpusDir = resolveCorpusDir(opts.corpusDir);
	const corpora = await loadCorpora({ corpusDir });
	const classifier = await loadClassifier(opts.model);
	const rows: HeldOutRow[] = [];
	const pooled: Reliability[] = [];
	let negN = 0;
	let negRight = 0;
	for (const set of ORDER) {
		const examples: Example[] = corpora.tests[set] ?? [];
		if (examples.length === 0) continue;
		opts.onProgress?.(set);
		const hasNeutral = examples.some((e) => e.label === 'neutral');
		const both = async (binary: boolean) => ({
			model: await evaluateRows(examples, { binary, model: opts.model }),
			vader: await evaluateRows(examples, { binary, baseline: 'vader' })
		});
		const threeLabel = hasNeutral ? await both(false) : null;
		const binary = examples.some((e) => e.label !== 'neutral') ? await both(true) : null;
		rows.push({ set, binary, threeLabel });
		const three = threeLabel?.model ?? (await evaluateRows(examples, { model: opts.model }));
		if (three.calibration) pooled.push(three.calibration);
		negN += three.negative_at_80?.n ?? 0;
		negRight += Math.round((three.negative_at_80?.precision ?? 0) * (three.negative_at_80?.n ?? 0));
	}
	return {
		corpusDir,
		modelVersion: classifier.modelVersion,
		rows,
		calibration: mergeReliability(pooled),
		negativeAt80: { n: negN, precision: negN ? negRight / negN : null }
	};
}

export interface PairedRow {
	set: SetName;
	labels: 'binary' | '3 labels';
	accuracyA: number;
	accuracyB: number;
	paired: Paired;
}

export interface PairedReport {
	corpusDir: string;
	modelA: string;
	modelB: string;
	rows: PairedRow[];
}

/**
 * `careloop sentiment eval --heldout --against B`: the model and another one on the same held-out
 * rows, paired (evaluate.ts pairAnswers), so a difference between two candidates can be told from
 * sampling noise before either is shipped.
 */
export async function compareHeldOut(opts: {
	corpusDir?: string;
	model?: string;
	against: string;
	onProgress?: (set: string) => void;
}): Promise<PairedReport> {
	const corpusDir = resolveCorpusDir(opts.corpusDir);
	const corpora = await loadCorpora({ corpusDir });
	const a = await loadClassifier(opts.model);
	const b = await loadClassifier(opts.against);
	const rows: PairedRow[] = [];
	for (const set of ORDER) {
		const examples: Example[] = corpora.tests[set] ?? [];
		if (examples.length === 0) continue;
		opts.onProgress?.(set);
		for (const labels of ['binary', '3 labels'] as const) {
			const binary = labels === 'binary';
			if (binary && !examples.some((e) => e.label !== 'neutral')) continue;
			if (!binary && !examples.some((e) => e.label === 'neutral')) continue;
			const answersA: boolean[] = [];
			const answersB: boolean[] = [];
			const mA = await evaluateRows(examples, { binary, model: opts.model, answers: answersA });
			const mB = await evaluateRows(examples, { binary, model: opts.against, answers: answersB });
			rows.push({
				set,
				labels,
				accuracyA: mA.accuracy,
				accuracyB: mB.accuracy,
				paired: pairAnswers(answersA, answersB)
			});
		}
	}
	return { corpusDir, modelA: a.modelVersion, modelB: b.modelVersion, rows };
}
