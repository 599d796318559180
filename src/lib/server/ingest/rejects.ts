// Rejected rows and the import log, for `careloop rejects`, the Import page and its CSV download.
import { basename, resolve } from 'node:path';
import type { Db } from '../db/index.ts';

export interface Reject {
	importId: number;
	file: string;
	kind: string;
	line: number;
	reasons: string[];
	raw: string;
}

export interface RejectFilter {
	/** A file's base name or path (matches file_name, or the logged absolute path). */
	file?: string;
	importId?: number;
	limit?: number;
	offset?: number;
}

export interface ImportRow {
	importId: number;
	file: string;
	kind: string;
	format: string;
	replace: boolean;
	read: number;
	accepted: number;
	inserted: number;
	updated: number;
	unchanged: number;
	rejected: number;
	startedAt: string;
	finishedAt: string;
	importedBy: string;
}

const FILTER = `($file IS NULL OR r.file_name = $file OR r.file_name = $base OR l.file_path = $path)
	AND ($importId IS NULL OR r.import_id = $importId)`;

const LIST_REJECTS_SQL = `-- rejects in import then line order, optionally for one file or import; an Excel
-- file's name carries its sheet ("book.xlsx [March]"), so file + line name the sheet row
SELECT r.import_id AS "importId", r.file_name || coalesce(' [' || x.sheet || ']', '') AS file, r.kind, r.line, r.reasons, r.raw
FROM rejects r LEFT JOIN import_log l USING (import_id) LEFT JOIN import_sources x USING (import_id)
WHERE ${FILTER}
ORDER BY r.import_id, r.line
LIMIT $limit OFFSET $offset`;

const COUNT_REJECTS_SQL = `-- how many rejects match the filter
SELECT count(*)::INTEGER AS n FROM rejects r LEFT JOIN import_log l USING (import_id) WHERE ${FILTER}`;

const IMPORT_COLUMNS = `import_id AS "importId", file_name AS file, kind, format, replace_mode AS replace,
	rows_read AS read, accepted, inserted, updated, unchanged, rejected,
	strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS "startedAt", strftime(finished_at, '%Y-%m-%dT%H:%M:%SZ') AS "finishedAt",
	imported_by AS "importedBy"`;

const LIST_IMPORTS_SQL = `-- the most recent imports first
SELECT ${IMPORT_COLUMNS} FROM import_log ORDER BY import_id DESC LIMIT $limit`;

const GET_IMPORT_SQL = `-- one import's log row
SELECT ${IMPORT_COLUMNS} FROM import_log WHERE import_id = $importId`;

function params(filter: RejectFilter) {
	return {
		file: filter.file ?? null,
		base: filter.file ? basename(filter.file) : null,
		path: filter.file ? resolve(filter.file) : null,
		importId: filter.importId ?? null
	};
}

export async function listRejects(db: Db, filter: RejectFilter = {}): Promise<Reject[]> {
	const rows = await db.all<Reject & { reasons: unknown }>(LIST_REJECTS_SQL, {
		...params(filter),
		limit: filter.limit ?? 2_147_483_647,
		offset: filter.offset ?? 0
	});
	return rows.map((r) => ({ ...r, reasons: [...(r.reasons as string[])] }));
}

export async function countRejects(db: Db, filter: RejectFilter = {}): Promise<number> {
	const row = await db.one<{ n: number }>(COUNT_REJECTS_SQL, params(filter));
	return row?.n ?? 0;
}

export async function listImports(db: Db, limit = 20): Promise<ImportRow[]> {
	return db.all<ImportRow>(LIST_IMPORTS_SQL, { limit });
}

/** One import's log row, or null when there is no such import. */
export async function getImport(db: Db, importId: number): Promise<ImportRow | null> {
	return db.one<ImportRow>(GET_IMPORT_SQL, { importId });
}

function csvField(value: string | number, spreadsheetSafe: boolean): string {
	let text = String(value);
	// For downloads a person opens in a spreadsheet: text that starts like a formula is defused.
	if (spreadsheetSafe && typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (CRLF): file, line, reasons (joined by "; "), raw. The command line keeps `raw`
 * exact; the web download passes spreadsheetSafe so a hostile cell cannot run as a formula.
 */
export function rejectsToCsv(rejects: Reject[], opts: { spreadsheetSafe?: boolean } = {}): string {
	const safe = opts.spreadsheetSafe === true;
	const lines = [['file', 'line', 'reasons', 'raw'].join(',')];
	for (const r of rejects) {
		lines.push(
			[r.file, r.line, r.reasons.join('; '), r.raw].map((v) => csvField(v, safe)).join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
