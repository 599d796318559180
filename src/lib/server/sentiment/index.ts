// Sentiment for CareLoop: a self-trained, offline 3-label model (negative / neutral / positive)
// run through transformers.js, a score cache in DuckDB, and per-interaction views.
//
// API (all server-side; the CLI and the web app call the same functions):
//   ensureDefaultModel({ onProgress? }): Promise<{ trained: boolean; path: string }>
//       trains data/models/careloop-sentiment if it is missing (under a minute), else no-op.
//   trainModel(opts: TrainOptions): Promise<TrainResult>
//       seed, epochs, dim, buckets, out, corpusDir, db (adds rated survey comments), examples.
//   loadClassifier(modelPathOrId?): Promise<Classifier>   { modelVersion, path, classify }
//       default CARELOOP_SENTIMENT_MODEL, else the self-trained model; a hub id is looked up
//       in data/models/<id>; nothing is downloaded; a missing model is ModelNotFoundError.
//   classify(texts, modelPathOrId?): Promise<LabelScores[]>   { negative, neutral, positive }
//   scorePending(db, { all?, model?, onProgress? }): Promise<{ texts, scored, cached, modelVersion }>
//       scores new or changed survey comments and transcript turns (post-import hook).
//   evaluate(csvPath, { binary?, baseline?: 'vader', model? }): Promise<Metrics>
//       { n, accuracy, macro_f1, confusion[true][predicted] }.
//   pullModel(id, { quantized? }): Promise<string>   downloads into data/models/<id>.
// SQL (migration 0003): sentiment_scores, sentiment_model, survey_sentiment,
// transcript_sentiment, interaction_sentiment(interaction_id, overall, end_score, end_label,
// swing, start_score, turns); polarity = p(positive) − p(negative).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MODEL_DIR, trainModel } from './train.ts';

export { trainModel, DEFAULT_MODEL_DIR, type TrainOptions, type TrainResult } from './train.ts';
export {
	loadClassifier,
	classify,
	resolveModelPath,
	ModelNotFoundError,
	type Classifier
} from './classifier.ts';
export { scorePending, type ScoreOptions, type ScoreResult } from './score.ts';
export {
	evaluate,
	evaluateRows,
	metricsFromConfusion,
	type Metrics,
	type Confusion
} from './evaluate.ts';
export { pullModel } from './pull.ts';
export { LABELS, polarity, type Label, type LabelScores } from './labels.ts';

export async function ensureDefaultModel(
	opts: { onProgress?: (done: number, total: number) => void } = {}
): Promise<{ trained: boolean; path: string }> {
	const path = resolve(DEFAULT_MODEL_DIR);
	if (existsSync(join(path, 'onnx', 'model.onnx')) && existsSync(join(path, 'config.json'))) {
		return { trained: false, path };
	}
	await trainModel({ out: path, onProgress: opts.onProgress, writeSplits: false });
	return { trained: true, path };
}
