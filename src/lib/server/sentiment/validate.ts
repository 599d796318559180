// `careloop sentiment validate`: compares training settings on text the model is not trained on
// and that is *not* held out, so settings are chosen without looking at the held-out figures:
//   - the corpora's validation split (1 in 20 of the non-held-out rows, splits.ts), per corpus;
//   - the team's Spanish validation set (data/sentiment/spanish-validation.csv, hand-written,
//     never trained on; the Spanish eval set stays held out);
//   - the team's contact-centre turns (data/sentiment/service-turns-validation.csv: questions,
//     identity checks, holds, complaints and thanks as people say them on a call; never trained on);
//   - optionally the seed set's training rows by 4-fold cross-validation (each quarter scored by
//     a model trained without it), so pharmacy wording is checked without its held-out quarter.
// Everything is the TypeScript forward pass (the same arithmetic as the exported graph) before
// calibration; texts are tokenised once per tokenizer setting. As in the product, text the
// scorer takes as Spanish is answered by the plain Spanish model (SPANISH_SETTINGS), fitted once
// per set of source weights.
import { join } from 'node:path';
import { readLabelledCsv, TEAM_DIR, type Example } from './corpora.ts';
import { featureValues, fnv1a } from './features.ts';
import { fitLinear, logits, softmax } from './fit.ts';
import { LABELS } from './labels.ts';
import { toFitData } from './dataset.ts';
import { rowCount } from './features.ts';
import { pretokenize } from './tokenizer.ts';
import {
	TRAIN_DEFAULTS,
	SPANISH_SETTINGS,
	exampleWeights,
	featuresOf,
	gather,
	isSpanishInput,
	languageLists,
	modelInput,
	tokenizerOptionsOf,
	type TrainOptions,
	type TrainSettings
} from './train.ts';

export const SPANISH_VALIDATION_FILE = 'spanish-validation.csv';
/** Contact-centre turns the team wrote to check neutral service talk (never trained on). */
export const SERVICE_VALIDATION_FILE = 'service-turns-validation.csv';

export type Candidate = Partial<TrainSettings> &
	Pick<TrainOptions, 'sourceWeights' | 'classBalance'> & { name: string };

export interface GroupFigures {
	n: number;
	accuracy3: number;
	binaryN: number;
	binaryAccuracy: number | null;
	/** Mean log-loss over three labels. */
	logLoss: number;
}

export interface CandidateFigures {
	name: string;
	seconds: number;
	/** Per validation group: each corpus, "all corpora", "spanish-validation", "seed-4fold". */
	groups: Record<string, GroupFigures>;
}

const NEG = LABELS.indexOf('negative');
const POS = LABELS.indexOf('positive');

export function groupFigures(probs: number[][], examples: Example[]): GroupFigures {
	let right = 0;
	let binaryN = 0;
	let binaryRight = 0;
	let loss = 0;
	probs.forEach((p, i) => {
		const label = LABELS.indexOf(examples[i].label);
		if (p.indexOf(Math.max(...p)) === label) right++;
		loss -= Math.log(Math.max(p[label], 1e-12));
		if (label !== NEG && label !== POS) return;
		binaryN++;
		if ((p[POS] >= p[NEG] ? POS : NEG) === label) binaryRight++;
	});
	const n = probs.length;
	return {
		n,
		accuracy3: n ? right / n : 0,
		binaryN,
		binaryAccuracy: binaryN ? binaryRight / binaryN : null,
		logLoss: n ? loss / n : 0
	};
}

/** Seed-set quarter of a text for cross-validation (another hash than the held-out split). */
export function seedFold(text: string, folds = 4): number {
	return fnv1a(`fold:${text}`) % folds;
}

export async function validateCandidates(
	candidates: Candidate[],
	opts: {
		corpusDir?: string;
		folds?: boolean;
		onStage?: (s: string) => void;
		onResult?: (r: CandidateFigures) => void;
	} = {}
): Promise<CandidateFigures[]> {
	const stage = opts.onStage ?? (() => {});
	const spanish = (await readLabelledCsv(join(TEAM_DIR, SPANISH_VALIDATION_FILE))).map(
		(r): Example => ({ ...r, source: 'spanish' })
	);
	const service = (await readLabelledCsv(join(TEAM_DIR, SERVICE_VALIDATION_FILE))).map(
		(r): Example => ({ ...r, source: 'seed' })
	);
	// The training texts depend on one setting (which templates are drawn): one set-up each.
	const setUps = new Map<boolean, ReturnType<typeof setUp>>();
	const setUp = async (callTemplates: boolean) => {
		stage('reading the corpora');
		const { train, validation } = await gather(
			{ corpusDir: opts.corpusDir, callTemplates },
			TRAIN_DEFAULTS.seed
		);
		const { known } = languageLists(train);
		const all = [...train, ...validation, ...spanish, ...service];
		const inputs = all.map((e) => modelInput(e, known));
		const tokenised = new Map<string, string[][]>();
		const heldBack = [...validation, ...spanish, ...service];
		const seedIdx = train.flatMap((e, i) => (e.source === 'seed' ? [i] : []));
		const foldOut = [0, 1, 2, 3].map((f) => seedIdx.filter((i) => seedFold(train[i].text) === f));
		const foldExamples = foldOut.flatMap((out) => out.map((i) => train[i]));
		// Which held-back and fold texts the scorer hands to the Spanish model (train.ts).
		const spanishHeldBack = heldBack.map((e) => isSpanishInput(e, known));
		const spanishFold = foldExamples.map((e) => isSpanishInput(e, known));

		/** Probabilities of the held-back texts and (with folds) the seed rows, fold by fold. */
		const probsOf = async (o: TrainSettings, c: Candidate, name: string) => {
			const tokOpts = tokenizerOptionsOf(o);
			const key = JSON.stringify(tokOpts);
			if (!tokenised.has(key)) {
				stage(`${name}: tokenising ${all.length} texts`);
				tokenised.set(key, await pretokenize(inputs, tokOpts));
			}
			const words = tokenised.get(key)!;
			stage(`${name}: fitting`);
			const held = fitAndScore(words, train, o, c)(train.length, heldBack.length);
			const folds: number[][] = [];
			if (opts.folds) {
				for (const [f, out] of foldOut.entries()) {
					stage(`${name}: seed fold ${f + 1} of 4`);
					const leftOut = new Set(out);
					const keep = train.flatMap((_, i) => (leftOut.has(i) ? [] : [i]));
					const foldTrain = keep.map((i) => train[i]);
					const foldWords = [...keep.map((i) => words[i]), ...out.map((i) => words[i])];
					folds.push(...fitAndScore(foldWords, foldTrain, o, c)(foldTrain.length, out.length));
				}
			}
			return { held, folds };
		};
		// The Spanish model's answers depend only on its settings and the training weights.
		const spanishRuns = new Map<string, ReturnType<typeof probsOf>>();
		return { validation, foldExamples, spanishHeldBack, spanishFold, probsOf, spanishRuns };
	};

	const results: CandidateFigures[] = [];
	for (const c of candidates) {
		const started = Date.now();
		const o: TrainSettings = { ...TRAIN_DEFAULTS, ...c };
		if (!setUps.has(o.callTemplates)) setUps.set(o.callTemplates, setUp(o.callTemplates));
		const { validation, foldExamples, spanishHeldBack, spanishFold, probsOf, spanishRuns } =
			await setUps.get(o.callTemplates)!;
		const own = await probsOf(o, c, c.name);
		let probs = own.held;
		let folds = own.folds;
		if (o.spanishModel) {
			const so: TrainSettings = { ...o, ...SPANISH_SETTINGS };
			// Keyed by what the fit reads: the settings and weights, not the candidate's name.
			const settings = Object.fromEntries(Object.entries(so).filter(([k]) => k !== 'name'));
			const key = JSON.stringify([settings, c.sourceWeights, c.classBalance]);
			if (!spanishRuns.has(key))
				spanishRuns.set(
					key,
					JSON.stringify(so) === JSON.stringify(o)
						? Promise.resolve(own)
						: probsOf(so, c, `${c.name} (Spanish model)`)
				);
			const sp = await spanishRuns.get(key)!;
			probs = probs.map((p, i) => (spanishHeldBack[i] ? sp.held[i] : p));
			folds = folds.map((p, i) => (spanishFold[i] ? sp.folds[i] : p));
		}
		const groups: Record<string, GroupFigures> = {};
		const bySource = new Map<string, number[]>();
		validation.forEach((e, i) => {
			const list = bySource.get(e.source) ?? [];
			list.push(i);
			bySource.set(e.source, list);
		});
		for (const [source, idx] of [...bySource].sort()) {
			groups[source] = groupFigures(
				idx.map((i) => probs[i]),
				idx.map((i) => validation[i])
			);
		}
		groups['all corpora'] = groupFigures(probs.slice(0, validation.length), validation);
		const afterSpanish = validation.length + spanish.length;
		groups['spanish-validation'] = groupFigures(
			probs.slice(validation.length, afterSpanish),
			spanish
		);
		groups['service-turns-validation'] = groupFigures(probs.slice(afterSpanish), service);
		if (opts.folds) groups['seed-4fold'] = groupFigures(folds, foldExamples);
		const r = { name: c.name, seconds: (Date.now() - started) / 1000, groups };
		opts.onResult?.(r);
		results.push(r);
	}
	return results;
}

/**
 * Trains on the first train.length tokenised texts and returns a scorer of the texts after
 * them: probabilities (temperature 1) of texts [from, from + n).
 */
function fitAndScore(
	words: string[][],
	train: Example[],
	o: TrainSettings,
	c: Candidate
): (from: number, n: number) => number[][] {
	const { spec, rows, idf, labels } = featuresOf(words, train, o);
	const weights = exampleWeights(train, labels, c);
	const data = toFitData(rows.slice(0, train.length), idf, labels, weights);
	const w = fitLinear(data, rowCount(spec), LABELS.length, o);
	return (from, n) =>
		rows.slice(from, from + n).map((r) => softmax(logits(w, r, featureValues(r, idf))));
}
