// Trains the default model: an embedding bag over words, word bigrams and skip bigrams
// (features.ts) with a linear head, fitted in TypeScript (fit.ts), reproducible from its seed.
// Gathers the examples, builds the vocabulary with the exported tokenizer's own normaliser,
// weights classes and sources, and writes the folder layout transformers.js loads.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db/index.ts';
import {
	loadCorpora,
	loadSurveyExamples,
	writeHeldOut,
	DEFAULT_CORPUS_DIR,
	type Example
} from './corpora.ts';
import { featureRows, type FeatureSpec } from './features.ts';
import { FIT_DEFAULTS, fitWeights, foldEnsemble, predict, type FitOptions } from './fit.ts';
import { LABELS, type Label } from './labels.ts';
import { writeOnnxModel, type ModelWeights } from './onnx-export.ts';
import { templateTexts } from './templates.ts';
import { PAD, UNK, pretokenize, toIds, writeTokenizer } from './tokenizer.ts';

export const DEFAULT_MODEL_DIR = 'data/models/careloop-sentiment';

export interface TrainOptions {
	seed?: number;
	epochs?: number;
	dim?: number;
	buckets?: number;
	learningRate?: number;
	/** Words seen fewer times are left to [UNK]. */
	minCount?: number;
	pooling?: 'mean' | 'sqrt';
	/** Learn the output bias (a class prior that pulls long, diluted texts to the majority). */
	fitBias?: boolean;
	/** Share of feature rows dropped at random in each training step (a regulariser). */
	dropout?: number;
	/** Train this many seeds (seed, seed + 1, …) and average them (see foldEnsemble). */
	ensemble?: number;
	/** L2 decay, applied lazily to the rows a step touches and to the head. */
	weightDecay?: number;
	out?: string;
	corpusDir?: string;
	/** Train on exactly these examples instead of the corpora (tests, experiments). */
	examples?: Example[];
	/** An installation database: its rated survey comments are added to the training set. */
	db?: Db | null;
	/** Write the held-out splits as CSV beside the corpora (default: when training on them). */
	writeSplits?: boolean;
	/** Per-source weight of each example (default: seed set 3, others 1). */
	sourceWeights?: Partial<Record<Example['source'], number>>;
	/** Class-weight exponent: 0 none, 0.5 (default) sqrt of inverse frequency, 1 full balance. */
	classBalance?: number;
	onProgress?: (done: number, total: number) => void;
}

export interface TrainResult {
	out: string;
	examples: number;
	bySource: Record<string, number>;
	vocabSize: number;
	trainAccuracy: number;
	sha256: string;
	seconds: number;
}

/** The hand-written seed set is small but in-domain: each of its examples counts more. */
const SOURCE_WEIGHTS: Record<Example['source'], number> = {
	sst2: 1,
	druglib: 1,
	'druglib-parts': 1,
	seed: 3,
	templates: 1,
	surveys: 1
};
/** Hand-written contact-centre templates per label (templates.ts). */
const TEMPLATE_COUNTS: Record<Label, number> = { negative: 500, neutral: 800, positive: 500 };

export function buildVocab(texts: string[][], minCount: number): string[] {
	const counts = new Map<string, number>();
	for (const words of texts) for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
	const kept = [...counts].filter(([w, n]) => n >= minCount && w !== PAD && w !== UNK);
	kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return [PAD, UNK, ...kept.map(([w]) => w)];
}

async function gatherExamples(
	opts: TrainOptions,
	seed: number
): Promise<{ examples: Example[]; fromCorpora: boolean }> {
	if (opts.examples) return { examples: opts.examples, fromCorpora: false };
	const corpora = await loadCorpora(opts.corpusDir ?? DEFAULT_CORPUS_DIR);
	if (opts.writeSplits !== false) writeHeldOut(corpora, opts.corpusDir ?? DEFAULT_CORPUS_DIR);
	const templates = LABELS.flatMap((label) =>
		templateTexts(label, TEMPLATE_COUNTS[label], seed).map((text): Example => ({
			text,
			label,
			source: 'templates'
		}))
	);
	const surveys = opts.db ? await loadSurveyExamples(opts.db) : [];
	return { examples: [...corpora.train, ...templates, ...surveys], fromCorpora: true };
}

export async function trainModel(opts: TrainOptions = {}): Promise<TrainResult> {
	const started = Date.now();
	const o = {
		seed: opts.seed ?? FIT_DEFAULTS.seed,
		epochs: opts.epochs ?? FIT_DEFAULTS.epochs,
		dim: opts.dim ?? FIT_DEFAULTS.dim,
		buckets: opts.buckets ?? FIT_DEFAULTS.buckets,
		learningRate: opts.learningRate ?? FIT_DEFAULTS.learningRate,
		minCount: opts.minCount ?? FIT_DEFAULTS.minCount,
		pooling: opts.pooling ?? FIT_DEFAULTS.pooling,
		fitBias: opts.fitBias ?? FIT_DEFAULTS.fitBias,
		dropout: opts.dropout ?? FIT_DEFAULTS.dropout,
		ensemble: opts.ensemble ?? FIT_DEFAULTS.ensemble,
		weightDecay: opts.weightDecay ?? FIT_DEFAULTS.weightDecay
	};
	const out = resolve(opts.out ?? DEFAULT_MODEL_DIR);
	const { examples } = await gatherExamples(opts, o.seed);
	if (examples.length === 0) throw new Error('No training examples.');

	const words = await pretokenize(examples.map((e) => e.text));
	const vocab = buildVocab(words, o.minCount);
	const index = new Map(vocab.map((w, i) => [w, i]));
	const spec: FeatureSpec = { vocabSize: vocab.length, buckets: o.buckets };
	const rows = words.map((w) => featureRows(toIds(w, index), spec));
	const labels = Uint8Array.from(examples, (e) => LABELS.indexOf(e.label));

	// Class weights (N / (3 · n_class))^0.5 by default: the rare neutral class counts more, but
	// not so much that accuracy on the common classes suffers.
	const balance = opts.classBalance ?? 0.5;
	const perClass = LABELS.map((_, l) => labels.filter((x) => x === l).length);
	const classWeight = perClass.map((c) =>
		c ? (examples.length / (LABELS.length * c)) ** balance : 0
	);
	const sourceWeight = { ...SOURCE_WEIGHTS, ...opts.sourceWeights };
	const weights = Float32Array.from(
		examples,
		(e, i) => classWeight[labels[i]] * sourceWeight[e.source]
	);

	const runs: ModelWeights[] = [];
	for (let k = 0; k < o.ensemble; k++) {
		const progress =
			opts.onProgress &&
			((done: number, total: number) => opts.onProgress?.(k * total + done, o.ensemble * total));
		runs.push(fitWeights({ rows, labels, weights }, spec, { ...o, seed: o.seed + k }, progress));
	}
	const w = runs.length === 1 ? runs[0] : foldEnsemble(runs);
	const correct = rows.reduce((acc, r, i) => acc + (predict(w, r) === labels[i] ? 1 : 0), 0);

	mkdirSync(join(out, 'onnx'), { recursive: true });
	writeTokenizer(out, vocab);
	writeOnnxModel(join(out, 'onnx', 'model.onnx'), w);
	const bySource: Record<string, number> = {};
	for (const e of examples) bySource[e.source] = (bySource[e.source] ?? 0) + 1;
	writeFileSync(
		join(out, 'config.json'),
		JSON.stringify(modelConfig(o, vocab.length, bySource), null, '\t')
	);
	const sha256 = createHash('sha256')
		.update(readFileSync(join(out, 'onnx', 'model.onnx')))
		.digest('hex');
	return {
		out,
		examples: examples.length,
		bySource,
		vocabSize: vocab.length,
		trainAccuracy: correct / examples.length,
		sha256,
		seconds: (Date.now() - started) / 1000
	};
}

function modelConfig(o: FitOptions, vocabSize: number, bySource: Record<string, number>) {
	return {
		// A type transformers.js maps to sequence classification; the graph itself is custom.
		model_type: 'bert',
		architectures: ['BertForSequenceClassification'],
		problem_type: 'single_label_classification',
		id2label: Object.fromEntries(LABELS.map((l, i) => [String(i), l])),
		label2id: Object.fromEntries(LABELS.map((l, i) => [l, i])),
		vocab_size: vocabSize,
		careloop: {
			kind: 'embedding bag over words, bigrams and skip bigrams; linear head',
			seed: o.seed,
			epochs: o.epochs,
			dim: o.dim,
			buckets: o.buckets,
			learning_rate: o.learningRate,
			min_count: o.minCount,
			pooling: o.pooling,
			dropout: o.dropout,
			ensemble: o.ensemble,
			weight_decay: o.weightDecay,
			examples: bySource,
			licence:
				'trained on SST-2 and DrugLib (CC BY 4.0, Gräßer et al. 2018); see data/sentiment/README.md'
		}
	};
}
