// Redaction during an import, before its rows are classified against the stored ones: the rows
// land with their tags, and a re-import of the same file reads the same tags, so it changes
// nothing (redacting stored text after the fact would make every re-imported row "different").
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { getSettings } from '../settings/index.ts';
import { md5 } from './hash.ts';
import { REDACTOR_VERSION } from './redact.ts';
import { redactRows, stage } from './store.ts';

const STAGED: Record<string, { kind: string; column: string; key: string; previous: string }> = {
	transcripts: {
		kind: 'transcript',
		column: 'text',
		key: `interaction_id || ':' || turn::VARCHAR`,
		previous: 'lag(text) OVER (PARTITION BY interaction_id ORDER BY turn)'
	},
	surveys: { kind: 'comment', column: 'comment', key: 'survey_id', previous: 'NULL::VARCHAR' }
};

const MARK_CHECKED = `-- the redactor has been over these texts
	INSERT INTO privacy_checked (text_md5, version)
	SELECT h, $version FROM (SELECT DISTINCT unnest($hashes::VARCHAR[]) AS h)
	WHERE h NOT IN (SELECT text_md5 FROM privacy_checked WHERE version = $version)`;

/**
 * Redacts the text column of the importer's staged rows (ing_typed, a temp table on `conn`). A
 * no-op for kinds without free text, or with redaction off.
 */
export async function redactStaged(db: Db, conn: DuckDBConnection, kind: string): Promise<void> {
	const s = STAGED[kind];
	if (!s) return;
	const settings = await getSettings(db);
	if (!settings.privacyRedact) return;
	const rows = await all<{ row_key: string; txt: string; previous: string | null; key: string }>(
		conn,
		`-- staged free text, with the turn before
		SELECT line::VARCHAR AS row_key, ${s.column} AS txt, ${s.previous} AS previous, ${s.key} AS key
		FROM ing_typed WHERE ${s.column} IS NOT NULL AND len(reasons) = 0`
	);
	if (rows.length === 0) return;
	const redacted = redactRows(rows);
	await stage(conn, redacted, false);
	await conn.run(`-- the staged rows take the redacted text
		UPDATE ing_typed t SET ${s.column} = s.redacted FROM privacy_stage s
		WHERE t.line::VARCHAR = s.row_key AND s.old_md5 <> s.new_md5`);
	await db.run(MARK_CHECKED, {
		hashes: listValue([...new Set(redacted.map((r) => md5(r.text)))]),
		version: REDACTOR_VERSION
	});
	if (!settings.privacyKeepOriginals) return;
	const keyOf = new Map(rows.map((r) => [r.row_key, r.key]));
	const kept = redacted.filter((r) => r.text !== r.original);
	if (kept.length)
		await db.append(
			'privacy_originals',
			kept.map((r) => [s.kind, keyOf.get(r.rowKey) ?? '', md5(r.text), r.original, new Date()])
		);
}
