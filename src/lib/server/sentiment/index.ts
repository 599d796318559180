// Sentiment for CareLoop: a self-trained, offline 3-label model (negative / neutral / positive)
// run through transformers.js, a score cache in DuckDB, per-interaction views, and QA corrections.
//
// API (all server-side; the CLI and the web app call the same functions):
//   ensureDefaultModel({ onProgress? }): Promise<{ trained: boolean; path: string }>
//       trains data/models/careloop-sentiment if it is missing (needs the corpora), else no-op.
//   trainModel(opts: TrainOptions): Promise<TrainResult>   corpora + site comments + corrections.
//   loadClassifier(modelPathOrId?): Promise<Classifier>   { modelVersion, path, classify, score }
//       score() detects the language first: en/es scored, another language not scored.
//   scorePending(db, { all?, model?, onProgress? }) / rescoreAll(db, { onProgress? })
//       scores survey comments and patient/agent turns the active model version has not scored
//       (a new version: all of them); system turns never.
//   correctLabel(db, { source, label, actor, ip }) a QA lead's label for a comment or a turn.
//   evaluate(csv, opts) / evaluateHeldOut(opts)      figures beside the VADER baseline.
//   pullModel(id, { quantized? }): Promise<string>   downloads into data/models/<id>.
// SQL (migrations 0003, 0016): sentiment_scores (+ language), sentiment_unscored,
// sentiment_corrections, sentiment_active, survey_sentiment, transcript_sentiment (no system
// turns), interaction_sentiment (patient turns), interaction_agent_tone (agent turns).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MODEL_DIR, trainModel } from './train.ts';

export { trainModel, DEFAULT_MODEL_DIR, type TrainOptions, type TrainResult } from './train.ts';
export {
	loadClassifier,
	classify,
	resolveModelPath,
	ModelNotFoundError,
	type Classifier,
	type ScoredText
} from './classifier.ts';
export { scorePending, rescoreAll, type ScoreOptions, type ScoreResult } from './score.ts';
export { correctLabel, CorrectionError, type CorrectionRequest } from './corrections.ts';
export {
	evaluate,
	evaluateRows,
	metricsFromConfusion,
	type Metrics,
	type Confusion
} from './evaluate.ts';
export { evaluateHeldOut, type HeldOutReport } from './heldout.ts';
export { pullModel } from './pull.ts';
export { LABELS, polarity, type Label, type LabelScores } from './labels.ts';

export async function ensureDefaultModel(
	opts: { onProgress?: (done: number, total: number) => void } = {}
): Promise<{ trained: boolean; path: string }> {
	const path = resolve(DEFAULT_MODEL_DIR);
	if (existsSync(join(path, 'onnx', 'model.onnx')) && existsSync(join(path, 'config.json'))) {
		return { trained: false, path };
	}
	await trainModel({ out: path, onProgress: opts.onProgress });
	return { trained: true, path };
}
