// Scores every survey comment and transcript turn that the current model has not scored yet.
// The cache is keyed by (md5 of the text, model version): a text seen before — in another
// survey, another call, an earlier run — is never scored twice by the same model, and an edited
// text gets a new hash. --all rescores everything with the current model.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { loadClassifier, type Classifier } from './classifier.ts';
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
	SELECT text FROM transcripts WHERE trim(text) <> ''
)
SELECT md5(t.text) AS text_hash, t.text,
	EXISTS (SELECT 1 FROM sentiment_scores s WHERE s.text_hash = md5(t.text) AND s.model_version = $version) AS known
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
		const scores = await classifier.classify(chunk.map((r) => r.text));
		await db.transaction(async (conn) => {
			if (opts.all) {
				const hashes = listValue(chunk.map((r) => r.text_hash));
				await conn.run(
					FORGET_SQL,
					{ version, hashes },
					{ version: VARCHAR, hashes: LIST(VARCHAR) }
				);
			}
			await appendScores(
				conn,
				version,
				chunk.map((r) => r.text_hash),
				scores
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
	scores: LabelScores[]
) {
	const appender = await conn.createAppender('sentiment_scores');
	hashes.forEach((hash, i) => {
		const s = scores[i];
		appender.appendVarchar(hash);
		appender.appendVarchar(version);
		appender.appendVarchar(topLabel(s));
		appender.appendDouble(s.negative);
		appender.appendDouble(s.neutral);
		appender.appendDouble(s.positive);
		appender.appendDouble(polarity(s));
		appender.appendDefault();
		appender.endRow();
	});
	appender.closeSync();
}
