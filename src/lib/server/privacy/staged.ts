// Redaction during an import, before its rows are classified against the stored ones: the rows
// land with their tags, and a re-import of the same file reads the same tags, so it changes
// nothing (redacting stored text after the fact would make every re-imported row "different").
//
// It works on the file's staging table (ingest/stage.ts) after the last batch, in pieces of about
// 2,000 rows in (call, turn) order so each turn is read with the one before it and memory stays
// bounded however large the file. What it learns (which texts were checked, the originals when
// the setting keeps them) is written by commit() inside the file's own transaction, so an import
// that fails or is stopped leaves nothing of it behind.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import { tsParam } from '../time/index.ts';
import { md5 } from './hash.ts';
import { REDACTOR_VERSION } from './redact.ts';
import { redactRows } from './store.ts';

interface StagedText {
	kind: 'transcript' | 'comment';
	column: string;
	/** The stored row's key as privacy_originals names it. */
	key: string;
	order: string;
	previous: string;
}

// Kinds, columns and orders are ours (never input); the staging table name comes from stage.ts.
const STAGED: Record<string, StagedText> = {
	transcripts: {
		kind: 'transcript',
		column: 'text',
		key: `interaction_id || ':' || turn::VARCHAR`,
		order: 'interaction_id, turn, line',
		previous: 'lag(text) OVER (PARTITION BY interaction_id ORDER BY turn, line)'
	},
	surveys: {
		kind: 'comment',
		column: 'comment',
		key: 'survey_id',
		order: 'line',
		previous: 'NULL::VARCHAR'
	}
};

const PIECE = 2_000;

const ORDERED = (s: StagedText, stage: string) => `-- the file's free text in reading order
	CREATE OR REPLACE TEMP TABLE privacy_staged AS
	SELECT row_number() OVER (ORDER BY ${s.order}) AS rn, line, ${s.key} AS row_key,
		${s.column} AS txt, ${s.previous} AS previous
	FROM ${stage} WHERE ${s.column} IS NOT NULL AND len(reasons) = 0
	ORDER BY rn`;

const PIECE_SQL = `-- one piece of it
	SELECT line::INTEGER AS line, row_key, txt, previous FROM privacy_staged
	WHERE rn > $from AND rn <= $to ORDER BY rn`;

const RESULTS = `-- what the redactor made of each staged text
	CREATE OR REPLACE TEMP TABLE privacy_staged_out (line INTEGER, row_key VARCHAR, original VARCHAR,
		redacted VARCHAR, new_md5 VARCHAR)`;

const APPLY = (s: StagedText, stage: string) => `-- the staged rows take the redacted text
	UPDATE ${stage} t SET ${s.column} = o.redacted FROM privacy_staged_out o
	WHERE t.line = o.line AND o.redacted <> o.original`;

const MARK_CHECKED = `-- the redactor has been over these texts (as they will be stored)
	INSERT INTO privacy_checked (text_md5, version)
	SELECT DISTINCT new_md5, $version FROM privacy_staged_out
	WHERE new_md5 NOT IN (SELECT text_md5 FROM privacy_checked WHERE version = $version)`;

const KEEP_ORIGINALS = `-- the text before redaction, kept because the setting says so (once per text)
	INSERT INTO privacy_originals (kind, row_key, redacted_md5, original, stored_at)
	SELECT DISTINCT $kind, o.row_key, o.new_md5, o.original, $now::TIMESTAMP
	FROM privacy_staged_out o
	WHERE o.redacted <> o.original AND NOT EXISTS (
		SELECT 1 FROM privacy_originals p
		WHERE p.kind = $kind AND p.row_key = o.row_key AND p.redacted_md5 = o.new_md5)`;

export interface StagedRedaction {
	/** Texts read and texts that changed. */
	checked: number;
	redacted: number;
	/** Inside the file's transaction: record the checked texts (and originals, if kept). */
	commit(conn: DuckDBConnection): Promise<void>;
}

/** Whether redactStaged has work for this kind under these settings (the text must be staged). */
export function redactsStaged(kind: string, settings: { privacyRedact: boolean }): boolean {
	return STAGED[kind] !== undefined && settings.privacyRedact;
}

/**
 * Redacts the free text of a file's staging table on the import's connection. Null for kinds
 * without free text or with redaction off (then the post-import step leaves such text alone too).
 */
export async function redactStaged(
	conn: DuckDBConnection,
	stage: string,
	kind: string,
	settings: { privacyRedact: boolean; privacyKeepOriginals: boolean }
): Promise<StagedRedaction | null> {
	if (!redactsStaged(kind, settings)) return null;
	const s = STAGED[kind];
	await conn.run(ORDERED(s, stage));
	await conn.run(RESULTS);
	const [{ n }] = await all<{ n: number }>(
		conn,
		'SELECT count(*)::INTEGER AS n FROM privacy_staged'
	);
	let redacted = 0;
	for (let from = 0; from < n; from += PIECE) {
		const rows = await all<{ line: number; row_key: string; txt: string; previous: string | null }>(
			conn,
			PIECE_SQL,
			{ from, to: from + PIECE }
		);
		const out = redactRows(rows);
		const appender = await conn.createAppender('privacy_staged_out', 'main', 'temp');
		rows.forEach((r, i) => {
			appender.appendInteger(r.line);
			appender.appendVarchar(r.row_key);
			appender.appendVarchar(r.txt);
			appender.appendVarchar(out[i].text);
			appender.appendVarchar(md5(out[i].text));
			appender.endRow();
			if (out[i].text !== r.txt) redacted++;
		});
		appender.flushSync();
		appender.closeSync();
	}
	await conn.run('DROP TABLE IF EXISTS privacy_staged');
	await conn.run(APPLY(s, stage));
	return {
		checked: n,
		redacted,
		async commit(c) {
			await c.run(MARK_CHECKED, { version: REDACTOR_VERSION });
			if (settings.privacyKeepOriginals)
				await c.run(KEEP_ORIGINALS, { kind: s.kind, now: tsParam(new Date()) });
			await c.run('DROP TABLE IF EXISTS privacy_staged_out');
		}
	};
}
