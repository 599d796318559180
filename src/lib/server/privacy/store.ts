// Redaction of stored text: redactPending goes over every text the current redactor has not
// seen (imports made while redaction was off, text from before this version, follow-up summaries
// quoting it), in short batches. It runs as the post-import job's `privacy` step, as a job of its
// own from Settings → Privacy, and from `careloop privacy redact`. Imports redact as they stage
// (staged.ts). Both keep the original only while the privacy_keep_originals setting is on.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';
import { getSettings } from '../settings/index.ts';
import { tsParam } from '../time/index.ts';
import { md5 } from './hash.ts';
import { redactText, REDACTOR_VERSION } from './redact.ts';

/** Where redactable text lives: its table, column, row key and (transcripts) the turn before. */
interface Target {
	kind: 'transcript' | 'comment' | 'follow_up';
	table: string;
	column: string;
	/** SQL of the row key (text), over the table aliased t. */
	key: string;
	match: string;
	/** Rows read together (a call's turns, for the turn before). */
	group: string;
	previous: string;
}

export const TARGETS: Target[] = [
	{
		kind: 'transcript',
		table: 'transcripts',
		column: 'text',
		key: `t.interaction_id || ':' || t.turn::VARCHAR`,
		match: `t.interaction_id || ':' || t.turn::VARCHAR = s.row_key`,
		group: 'interaction_id',
		previous: 'lag(t.text) OVER (PARTITION BY t.interaction_id ORDER BY t.turn)'
	},
	{
		kind: 'comment',
		table: 'surveys',
		column: 'comment',
		key: 't.survey_id',
		match: 't.survey_id = s.row_key',
		group: 'survey_id',
		previous: 'NULL::VARCHAR'
	},
	{
		// Summaries quote the patient's first words; tasks opened after redaction quote tags.
		kind: 'follow_up',
		table: 'follow_ups',
		column: 'summary',
		key: 't.id::VARCHAR',
		match: 't.id::VARCHAR = s.row_key',
		group: 'id',
		previous: 'NULL::VARCHAR'
	}
];

/** Groups per batch: about 2,000 turns of 10–20-turn calls, one short write each. */
const BATCH = 150;

const UNSEEN = (expr: string) =>
	`${expr} IS NOT NULL AND md5(${expr}) NOT IN (SELECT text_md5 FROM privacy_checked WHERE version = $version)`;

/** A batch of groups with unseen text; their rows with the turn before; the unseen ones kept. */
const pendingSql = (t: Target) => `-- ${t.kind} text this redactor version has not been over
	WITH g AS (
		SELECT DISTINCT ${t.group} AS g FROM ${t.table} t WHERE ${UNSEEN(`t.${t.column}`)}
		ORDER BY g LIMIT $limit
	)
	SELECT row_key, txt, previous FROM (
		SELECT ${t.key} AS row_key, t.${t.column} AS txt, ${t.previous} AS previous
		FROM ${t.table} t WHERE t.${t.group} IN (SELECT g FROM g)
	) WHERE ${UNSEEN('txt')}`;

const countSql = (t: Target) => `-- how much ${t.kind} text is waiting
	SELECT count(*)::INTEGER AS n FROM ${t.table} t WHERE ${UNSEEN(`t.${t.column}`)}`;

const CREATE_STAGE = `-- one batch of redacted text
	CREATE OR REPLACE TEMP TABLE privacy_stage (row_key VARCHAR, old_md5 VARCHAR, redacted VARCHAR, new_md5 VARCHAR)`;

const applySql = (t: Target) => `-- write a batch back, only where the text is still what was read
	UPDATE ${t.table} t SET ${t.column} = s.redacted FROM privacy_stage s
	WHERE ${t.match} AND md5(t.${t.column}) = s.old_md5 AND s.old_md5 <> s.new_md5`;

const MARK_CHECKED = `-- the redactor has been over these texts (as they read now)
	INSERT INTO privacy_checked (text_md5, version)
	SELECT DISTINCT new_md5, $version FROM privacy_stage
	WHERE new_md5 NOT IN (SELECT text_md5 FROM privacy_checked WHERE version = $version)`;

const KEEP_ORIGINALS = `-- the text before redaction, kept because the setting says so
	INSERT INTO privacy_originals (kind, row_key, redacted_md5, original, stored_at)
	SELECT $kind, row_key, new_md5, original, $now::TIMESTAMP FROM privacy_originals_stage`;

export interface RedactProgress {
	done: number;
	total: number;
	kind: string;
}

export interface RedactSummary {
	/** Redaction is off (the setting): nothing was read. */
	skipped: boolean;
	checked: number;
	redacted: number;
	found: number;
}

export interface Redacted {
	rowKey: string;
	original: string;
	text: string;
	found: number;
}

export async function stage(
	conn: DuckDBConnection,
	rows: Redacted[],
	keep: boolean
): Promise<void> {
	await conn.run(CREATE_STAGE);
	const appender = await conn.createAppender('privacy_stage', 'main', 'temp');
	for (const r of rows) {
		appender.appendVarchar(r.rowKey);
		appender.appendVarchar(md5(r.original));
		appender.appendVarchar(r.text);
		appender.appendVarchar(md5(r.text));
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
	await conn.run(
		`CREATE OR REPLACE TEMP TABLE privacy_originals_stage (row_key VARCHAR, new_md5 VARCHAR, original VARCHAR)`
	);
	if (!keep) return;
	const originals = await conn.createAppender('privacy_originals_stage', 'main', 'temp');
	for (const r of rows.filter((x) => x.text !== x.original)) {
		originals.appendVarchar(r.rowKey);
		originals.appendVarchar(md5(r.text));
		originals.appendVarchar(r.original);
		originals.endRow();
	}
	originals.flushSync();
	originals.closeSync();
}

export function redactRows(
	rows: { row_key: string; txt: string; previous: string | null }[]
): Redacted[] {
	return rows.map((r) => {
		const out = redactText(r.txt, { previous: r.previous });
		return { rowKey: r.row_key, original: r.txt, text: out.text, found: out.findings.length };
	});
}

/**
 * Redacts every stored text the current redactor has not been over, in batches, each batch one
 * short transaction (retried when an import or a save holds its rows). Off when the setting is.
 */
export async function redactPending(
	db: Db,
	opts: { onProgress?: (p: RedactProgress) => void } = {}
): Promise<RedactSummary> {
	const settings = await getSettings(db);
	const summary: RedactSummary = { skipped: false, checked: 0, redacted: 0, found: 0 };
	if (!settings.privacyRedact) return { ...summary, skipped: true };
	const version = REDACTOR_VERSION;
	for (const t of TARGETS) {
		const total = (await db.one<{ n: number }>(countSql(t), { version }))?.n ?? 0;
		let done = 0;
		opts.onProgress?.({ done, total, kind: t.kind });
		// Bounded: a row changed by someone meanwhile is read again, at most this many rounds.
		for (let round = 0; done < total && round < total; round++) {
			const rows = await db.all<{ row_key: string; txt: string; previous: string | null }>(
				pendingSql(t),
				{ version, limit: BATCH }
			);
			if (rows.length === 0) break;
			const redacted = redactRows(rows);
			await retryOnConflict(() =>
				db.transaction(async (conn) => {
					await stage(conn, redacted, settings.privacyKeepOriginals);
					await conn.run(applySql(t));
					if (settings.privacyKeepOriginals)
						await conn.run(KEEP_ORIGINALS, { kind: t.kind, now: tsParam(new Date()) });
					await conn.run(MARK_CHECKED, { version });
				})
			);
			done += rows.length;
			summary.checked += rows.length;
			summary.redacted += redacted.filter((r) => r.text !== r.original).length;
			summary.found += redacted.reduce((n, r) => n + r.found, 0);
			opts.onProgress?.({ done: Math.min(done, total), total, kind: t.kind });
		}
	}
	return summary;
}

/**
 * Transcript turns and comments still waiting for the redactor (the Privacy page shows it).
 * Follow-up summaries are left out: new ones quote text that was already redacted.
 */
export async function countPending(db: Db): Promise<number> {
	let n = 0;
	for (const t of TARGETS.filter((x) => x.kind !== 'follow_up'))
		n += (await db.one<{ n: number }>(countSql(t), { version: REDACTOR_VERSION }))?.n ?? 0;
	return n;
}
