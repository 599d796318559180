// Scores every survey comment and patient or agent turn that the current model has not scored
// yet. System turns ("Call connected …", "Patient placed on hold …") are never scored: they are
// the phone system's, not anyone's feelings. Texts in a language the model does not handle are
// recorded as not scored (sentiment_unscored), never guessed. The cache is keyed by (md5 of the
// text, model version): a text seen before — in another survey, another call, an earlier run —
// is never scored twice by the same model, an edited text gets a new hash, and a new model
// version rescores everything (rescoreAll). --all rescores everything with the current model.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { loadClassifier, type Classifier, type ScoredText } from './classifier.ts';
import { polarity, topLabel, type LabelScores } from './labels.ts';

export interface ScoreOptions {
	all?: boolean;
	/** A model path or id; default CARELOOP_SENTIMENT_MODEL, else the self-trained model. */
	model?: string;
	classifier?: Classifier;
	onProgress?: (done: number, total: number) => void;
}

export interface ScoreResult {
	/** Distinct non-empty texts in surveys and transcripts. */
	texts: number;
	scored: number;
	cached: number;
	modelVersion: string;
}

/** Texts written per transaction, so an interrupted run keeps what it did. */
const CHUNK = 1024;

// -- distinct non-empty texts of survey comments and transcript turns, with their cache state
const TEXTS_SQL = `
WITH texts AS (
	SELECT comment AS text FROM surveys WHERE comment IS NOT NULL AND trim(comment) <> ''
	UNION
	SELECT text FROM transcripts WHERE trim(text) <> '' AND speaker <> 'system'
)
SELECT md5(t.text) AS text_hash, t.text,
	EXISTS (SELECT 1 FROM sentiment_scores s WHERE s.text_hash = md5(t.text) AND s.model_version = $version)
	OR EXISTS (SELECT 1 FROM sentiment_unscored u WHERE u.text_hash = md5(t.text) AND u.model_version = $version) AS known
FROM texts t
ORDER BY text_hash`;

// -- the model version the views show
const ACTIVATE_SQL = `
INSERT INTO sentiment_model (model_version, model_path)
SELECT $version, $path WHERE NOT EXISTS (SELECT 1 FROM sentiment_model WHERE model_version = $version)`;
// -- only one active version
const DEACTIVATE_OTHERS_SQL = `DELETE FROM sentiment_model WHERE model_version <> $version`;

// -- forget this version's scores of texts about to be rescored (--all)
const FORGET_SQL = `
DELETE FROM sentiment_scores WHERE model_version = $version AND list_contains($hashes, text_hash)`;
const FORGET_UNSCORED_SQL = `
DELETE FROM sentiment_unscored WHERE model_version = $version AND list_contains($hashes, text_hash)`;

export async function scorePending(db: Db, opts: ScoreOptions = {}): Promise<ScoreResult> {
	const classifier = opts.classifier ?? (await loadClassifier(opts.model));
	const version = classifier.modelVersion;
	const rows = await db.all<{ text_hash: string; text: string; known: boolean }>(TEXTS_SQL, {
		version
	});
	const todo = opts.all ? rows : rows.filter((r) => !r.known);
	opts.onProgress?.(0, todo.length);
	for (let i = 0; i < todo.length; i += CHUNK) {
		const chunk = todo.slice(i, i + CHUNK);
		const scored = await classifier.score(chunk.map((r) => r.text));
		await db.transaction(async (conn) => {
			if (opts.all) {
				const hashes = listValue(chunk.map((r) => r.text_hash));
				const types = { version: VARCHAR, hashes: LIST(VARCHAR) };
				await conn.run(FORGET_SQL, { version, hashes }, types);
				await conn.run(FORGET_UNSCORED_SQL, { version, hashes }, types);
			}
			await appendScores(
				conn,
				version,
				chunk.map((r) => r.text_hash),
				scored
			);
		});
		opts.onProgress?.(i + chunk.length, todo.length);
	}
	await db.transaction(async (conn) => {
		await conn.run(DEACTIVATE_OTHERS_SQL, { version });
		await conn.run(ACTIVATE_SQL, { version, path: classifier.path });
	});
	return {
		texts: rows.length,
		scored: todo.length,
		cached: rows.length - todo.length,
		modelVersion: version
	};
}

async function appendScores(
	conn: DuckDBConnection,
	version: string,
	hashes: string[],
	scored: ScoredText[]
) {
	const scores = await conn.createAppender('sentiment_scores');
	const unscored = await conn.createAppender('sentiment_unscored');
	hashes.forEach((hash, i) => {
		const { language, scores: s } = scored[i];
		if (s === null) {
			unscored.appendVarchar(hash);
			unscored.appendVarchar(version);
			unscored.appendVarchar(language);
			unscored.appendDefault();
			unscored.endRow();
			return;
		}
		appendScore(scores, hash, version, s);
		scores.appendVarchar(language);
		scores.endRow();
	});
	scores.closeSync();
	unscored.closeSync();
}

function appendScore(
	appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
	hash: string,
	version: string,
	s: LabelScores
) {
	appender.appendVarchar(hash);
	appender.appendVarchar(version);
	appender.appendVarchar(topLabel(s));
	appender.appendDouble(s.negative);
	appender.appendDouble(s.neutral);
	appender.appendDouble(s.positive);
	appender.appendDouble(polarity(s));
	appender.appendDefault();
}

/**
 * After a new model version is written: score every text with it (what the post-import scoring
 * does on a version change, as one call for a background job), reporting progress.
 */
export async function rescoreAll(
	db: Db,
	opts: Pick<ScoreOptions, 'model' | 'onProgress'> = {}
): Promise<ScoreResult> {
	return scorePending(db, { model: opts.model, onProgress: opts.onProgress });
}
