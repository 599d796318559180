// Ingestion by the data contract (/work/shared/spec/data-contract.md): the one code path behind
// `careloop ingest` and the web Import page.
//
//   ingestPaths(db, paths, { kind?, replace?, importedBy, onProgress? }) → { files: FileReport[] }
//     Files and folders (their files, not recursive); applied in code-point order of path. One
//     transaction per file: its rows, rejects and import_log row land together or not at all.
//     A file of no known kind is listed with `skipped: true`; a whole-file failure (not UTF-8,
//     JSON but not an array, duplicate header names, a required column missing) is listed with
//     `error` and lands nothing. Imports run one at a time per process.
//   listRejects(db, { file?, importId?, limit?, offset? }) → Reject[] (import, then line order)
//   countRejects(db, filter) → number; rejectsToCsv(rejects) → RFC 4180 text;
//   listImports(db, limit) / getImport(db, id) → import_log rows (see rejects.ts).
//
// The work is SQL (read.ts → rules.ts → apply.ts): JavaScript only hashes the file and checks
// its encoding. The caller decides what runs after an import (e.g. runPostImport).
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { applyTyped, type Counts } from './apply.ts';
import { FileError, stageFile } from './read.ts';
import { MACROS_SQL, typedSql } from './rules.ts';
import { openSource, type SourceChoice, type Stager } from './presets/index.ts';
import {
	SPECS,
	formatFromName,
	kindFromName,
	sniffFormat,
	type Format,
	type Kind
} from './spec.ts';

export { KINDS, isKind, type Kind, type Format } from './spec.ts';
export { listRejects, countRejects, rejectsToCsv, listImports, getImport } from './rejects.ts';
export type { Reject, ImportRow } from './rejects.ts';

export interface FileReport extends Counts {
	/** The path as given (or found in a given folder). */
	file: string;
	/** Base name, as stored in import_log and rejects. */
	name: string;
	kind: Kind | null;
	format: Format | null;
	importId: number | null;
	sha256?: string;
	error?: string;
	skipped?: true;
	/** Read through a preset or mapping (see presets/): which, the sheet, legs merged, reversals. */
	source?: Stager['report'];
}

export interface IngestProgress {
	file: string;
	fileIndex: number;
	fileCount: number;
	rowsDone: number;
	rowsTotal: number;
}

export interface IngestOptions {
	/** Overrides the kind taken from each file name. */
	kind?: Kind;
	/** Replace stored rows whose content changed instead of rejecting them as `duplicate id`. */
	replace?: boolean;
	/** Who imports (a user's email, or the OS user for the CLI); stored in import_log. */
	importedBy: string;
	onProgress?: (p: IngestProgress) => void;
	/** Read vendor files through a preset or mapping; xlsx files always go through presets/. */
	source?: SourceChoice;
}

const ZERO: Counts = { read: 0, accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };

const IMPORT_LOG_SQL = `-- the file's import log row, in the same transaction as its rows
INSERT INTO import_log (import_id, file_name, file_path, sha256, kind, format, replace_mode, rows_read,
	accepted, inserted, updated, unchanged, rejected, started_at, finished_at, imported_by)
VALUES ($importId, $name, $path, $sha256, $kind, $format, $replace, $read, $accepted, $inserted,
	$updated, $unchanged, $rejected, make_timestamp($startedUs::BIGINT), make_timestamp($finishedUs::BIGINT), $importedBy)`;

let queue: Promise<unknown> = Promise.resolve();

export function ingestPaths(
	db: Db,
	paths: string[],
	opts: IngestOptions
): Promise<{ files: FileReport[] }> {
	const run = queue.then(() => ingestSerial(db, paths, opts));
	queue = run.catch(() => undefined);
	return run;
}

async function ingestSerial(db: Db, paths: string[], opts: IngestOptions) {
	const entries = await expand(paths);
	const files: FileReport[] = [];
	for (const [index, entry] of entries.entries()) {
		const progress = (rowsDone: number, rowsTotal: number) =>
			opts.onProgress?.({
				file: entry.file,
				fileIndex: index,
				fileCount: entries.length,
				rowsDone,
				rowsTotal
			});
		const base = {
			...ZERO,
			file: entry.file,
			name: basename(entry.file),
			kind: null,
			format: null,
			importId: null
		};
		if (entry.error) {
			files.push({ ...base, error: entry.error });
			continue;
		}
		const kind = opts.kind ?? kindFromName(entry.file);
		if (!kind) {
			files.push({ ...base, skipped: true });
			continue;
		}
		progress(0, 0);
		files.push(await ingestFile(db, entry.file, kind, opts, progress));
	}
	return { files };
}

/** Given paths → files (a folder's regular files), in code-point order (UTF-8 byte order). */
async function expand(paths: string[]): Promise<{ file: string; error?: string }[]> {
	const out: { file: string; error?: string }[] = [];
	for (const path of paths) {
		let info;
		try {
			info = await stat(path);
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			const why =
				code === 'ENOENT' ? 'there is no such file or folder' : `it cannot be read (${code})`;
			out.push({ file: path, error: `Nothing was imported from ${path}: ${why}.` });
			continue;
		}
		if (info.isDirectory()) {
			for (const d of await readdir(path, { withFileTypes: true })) {
				// A symlink is listed like a file: it imports what it points to, or fails as that file.
				if (d.isFile() || d.isSymbolicLink()) out.push({ file: join(path, d.name) });
			}
		} else out.push({ file: path });
	}
	return out.sort((a, b) => Buffer.compare(Buffer.from(a.file), Buffer.from(b.file)));
}

async function ingestFile(
	db: Db,
	file: string,
	kind: Kind,
	opts: IngestOptions,
	progress: (done: number, total: number) => void
): Promise<FileReport> {
	const startedUs = Date.now() * 1000;
	const name = basename(file);
	const path = resolve(file);
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		return {
			...ZERO,
			file,
			name,
			kind,
			format: null,
			importId: null,
			error: `The file cannot be read (${code}).`
		};
	}
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const format = formatFromName(file) ?? sniffFormat(bytes);
	const base = { file, name, kind, format, sha256, importId: null };
	if (format !== 'parquet' && format !== 'xlsx' && !isUtf8(bytes)) {
		return {
			...base,
			...ZERO,
			error: 'The file is not valid UTF-8 text: save it as UTF-8 and import it again.'
		};
	}
	const spec = SPECS[kind];
	const empty = format !== 'parquet' && isBlank(bytes);
	try {
		const source = empty ? null : await openSource(db, bytes, format, kind, opts.source);
		return await db.withConnection(async (conn) => {
			for (const sql of MACROS_SQL) await conn.run(sql);
			if (source) await source.stage(conn);
			else if (empty)
				for (const sql of EMPTY_STAGE_SQL(spec.columns.map((c) => c.name))) await conn.run(sql);
			else await stageFile(conn, path, format, spec, bytes.includes(0x22));
			for (const sql of typedSql(spec)) await conn.run(sql);
			const [{ total }] = await all<{ total: number }>(
				conn,
				'SELECT count(*)::INTEGER AS total FROM ing_typed'
			);
			progress(Math.round(total * 0.6), total);
			const counts = await inTransaction(conn, async () => {
				const [{ id }] = await all<{ id: number }>(
					conn,
					"SELECT nextval('import_id_seq')::INTEGER AS id"
				);
				const applied = await applyTyped(conn, spec, {
					replace: opts.replace ?? false,
					importId: id,
					fileName: name,
					sha256
				});
				const c = source ? await source.afterApply(conn, id, applied) : applied;
				await conn.run(IMPORT_LOG_SQL, {
					importId: id,
					name,
					path,
					sha256,
					kind,
					format,
					replace: opts.replace ?? false,
					...c,
					startedUs,
					finishedUs: Date.now() * 1000,
					importedBy: opts.importedBy
				});
				return { ...c, importId: id };
			});
			progress(total, total);
			return { ...base, ...counts, ...(source ? { source: source.report } : {}) };
		});
	} catch (err) {
		if (err instanceof FileError) return { ...base, ...ZERO, error: err.message };
		const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
		return {
			...base,
			...ZERO,
			error: `The import failed and nothing of the file was kept: ${message}`
		};
	}
}

const EMPTY_STAGE_SQL = (names: string[]) => [
	`-- an empty file reads 0 rows
CREATE OR REPLACE TEMP TABLE ing_stage AS SELECT 0 AS line, false AS malformed, NULL::VARCHAR[] AS nonscalar,
	${names.map((n) => `NULL::VARCHAR AS "${n}"`).join(', ')} LIMIT 0`,
	`-- and has no raw text
CREATE OR REPLACE TEMP VIEW ing_raw AS SELECT 0 AS line, '' AS raw LIMIT 0`
];

/** Nothing but a BOM and whitespace: an empty file, which reads 0 rows. */
function isBlank(bytes: Uint8Array): boolean {
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
	return i === bytes.length;
}

/** BEGIN … COMMIT on the file's own connection (its temp staging tables live there). */
async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
	await conn.run('BEGIN TRANSACTION');
	try {
		const result = await fn();
		await conn.run('COMMIT');
		return result;
	} catch (err) {
		await conn.run('ROLLBACK');
		throw err;
	}
}
