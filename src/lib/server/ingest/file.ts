// One file's import: read in chunks, staged and typed batch by batch (committed as it goes, so
// memory stays bounded), then moved over in one transaction with its rejects, its import_log
// row and the record of the work that must follow. Until that transaction commits nothing of
// the file is visible, and a failure anywhere lands nothing.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import type { PendingWork } from '../jobs/pending.ts';
import { SUPERSEDE_REJECTS_SQL, applyStaged, type Counts } from './apply.ts';
import { FileError, NOT_UTF8, openReader } from './read.ts';
import { MACROS_SQL } from './rules.ts';
import { ChunkedFile } from './source.ts';
import { RuleBroken, readPlainCsv } from './plain-csv.ts';
import { appendBatch, createStagingTable, dropStaging, newStagingName } from './stage.ts';
import {
	SPECS,
	formatFromName,
	sniffFormat,
	type Format,
	type Kind,
	type KindSpec
} from './spec.ts';
import { openSource, type SourceChoice, type Stager } from './presets/index.ts';
import { getSettings } from '../settings/index.ts';
import { redactStaged, redactsStaged } from '../privacy/staged.ts';

export interface FileReport extends Counts {
	/** The path as given (or found in a given folder). */
	file: string;
	/** Base name, as stored in import_log and rejects. */
	name: string;
	kind: Kind | null;
	format: Format | null;
	importId: number | null;
	/** The file's size in bytes (when it could be read). */
	bytes?: number;
	sha256?: string;
	error?: string;
	skipped?: true;
	/** Read through a preset or mapping (see presets/): which, the sheet, legs merged, reversals. */
	source?: Stager['report'];
	/**
	 * How a CSV was read: by DuckDB's reader straight into the table ('landed', every record new
	 * and valid) or through the staging table ('plain'; both plain-csv.ts), or line by line.
	 */
	csvRoad?: 'landed' | 'plain' | 'lines';
}

export interface FileProgress {
	bytesDone: number;
	bytesTotal: number;
	rowsDone: number;
}

export interface FileOptions {
	replace: boolean;
	importedBy: string;
	pendingWork?: PendingWork;
	/** Stops the import between batches; nothing of the file lands. */
	signal?: AbortSignal;
	/** Bytes read at a time (tests use tiny chunks to cross every boundary). */
	chunkBytes?: number;
	/** Read CSV line by line in SQL even when it is plain (plain-csv.ts). */
	lineByLine?: boolean;
	/** Read a plain CSV in pieces of this many bytes even when no one else is working (tests). */
	plainPieceBytes?: number;
	/** A preset or mapping to read the file through. */
	source?: SourceChoice;
}

/** The import was stopped from outside (the client went away): nothing of the file landed. */
export class ImportStopped extends Error {}

export const ZERO: Counts = {
	read: 0,
	accepted: 0,
	inserted: 0,
	updated: 0,
	unchanged: 0,
	rejected: 0
};

const IMPORT_LOG_SQL = `-- the file's import log row, in the same transaction as its rows
INSERT INTO import_log (import_id, file_name, file_path, sha256, kind, format, replace_mode, rows_read,
	accepted, inserted, updated, unchanged, rejected, started_at, finished_at, imported_by)
VALUES ($importId, $name, $path, $sha256, $kind, $format, $replace, $read, $accepted, $inserted,
	$updated, $unchanged, $rejected, make_timestamp($startedUs::BIGINT), make_timestamp($finishedUs::BIGINT), $importedBy)`;

/** The file's import-log row, inside its transaction, once its counts are known. */
async function logImport(
	conn: DuckDBConnection,
	f: { path: string; name: string; kind: Kind; format: Format },
	counts: Counts,
	x: { importId: number; sha256: string; opts: FileOptions; run: { startedUs: number } }
): Promise<void> {
	await conn.run(IMPORT_LOG_SQL, {
		importId: x.importId,
		name: f.name,
		path: f.path,
		sha256: x.sha256,
		kind: f.kind,
		format: f.format,
		replace: x.opts.replace,
		...counts,
		startedUs: x.run.startedUs,
		finishedUs: Date.now() * 1000,
		importedBy: x.opts.importedBy
	});
}

/**
 * The longest an import waits between chunks for other users' queries to finish: a chunk (4 MB)
 * takes a fraction of a second, so a page arriving mid-import waits for at most that, then has
 * the CPU to itself; under steady traffic the import still moves on.
 */
const STEP_ASIDE_MS = 1000;
/** …and until no one else has worked for this long (a user's next request comes within moments). */
const SETTLE_MS = 100;
/**
 * A plain CSV is read in pieces of this size (cut after the next line feed), stepping aside
 * between them, when other users worked in the last SHARED_MS; alone, in one statement (the
 * fastest). Another user browsing the 10M-row bench:scale database through 1M-row re-imports:
 * p99 1.27–1.28× idle (three runs) with 4 MB pieces and 16 key ranges; 1.75–1.95× with ≈ 8 MB
 * and 8, and 1.79–2.86× with 12 MB and 4 (those before the bench refreshed the figures between
 * imports). The price: beside a browser that never pauses, a 1M-row re-import takes ≈ 50 s.
 */
const PIECE_BYTES = 4 * 1024 * 1024;
const SHARED_MS = 5000;
/** Slices of the key classification while others work (apply.ts). */
const CLASSIFY_SLICES = 16;

export async function ingestFile(
	db: Db,
	file: string,
	kind: Kind,
	opts: FileOptions,
	progress: (p: FileProgress) => void
): Promise<FileReport> {
	const startedUs = Date.now() * 1000;
	const name = basename(file);
	const path = resolve(file);
	let source: ChunkedFile;
	try {
		source = await ChunkedFile.open(path, opts.chunkBytes);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		const base = { file, name, kind, format: null, importId: null };
		return { ...ZERO, ...base, error: `The file cannot be read (${code}).` };
	}
	const format = formatFromName(file) ?? sniffFormat(await source.peek(65_536));
	if (format === 'parquet' || format === 'xlsx') source.skipUtf8Check();
	const base = { file, name, kind, format, importId: null, bytes: source.size };
	const stage = newStagingName();
	try {
		// Presets combine a contact's legs and versions, so they read the whole file at once.
		const stager = await openStager(db, path, format, kind, opts.source);
		const privacy = await getSettings(db);
		// Other users come first: the import steps aside between its chunks (db.quiet).
		return await db.withBackgroundConnection(
			async (conn) => {
				for (const sql of MACROS_SQL) await conn.run(sql);
				await createStagingTable(conn, stage, SPECS[kind]);
				try {
					const counts = await stageAndApply(
						conn,
						source,
						{ path, name, kind, format, stage, stager, privacy },
						opts,
						{
							progress,
							startedUs,
							stepAside: () => db.quiet(STEP_ASIDE_MS, SETTLE_MS),
							pieceBytes: () =>
								opts.plainPieceBytes ?? (db.sharedWithin(SHARED_MS) ? PIECE_BYTES : null)
						}
					);
					return {
						...base,
						...counts,
						sha256: counts.sha256,
						...(stager ? { source: stager.report } : {})
					};
				} finally {
					await dropStaging(conn, stage);
				}
			},
			{ memoryCap: importMemoryCap() }
		);
	} catch (err) {
		if (err instanceof FileError) return { ...base, ...ZERO, error: err.message };
		if (err instanceof ImportStopped)
			return {
				...base,
				...ZERO,
				error: 'The import was stopped before this file finished: nothing of it was kept.'
			};
		const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
		return {
			...base,
			...ZERO,
			error: `The import failed and nothing of the file was kept: ${message}`
		};
	} finally {
		await source.close();
	}
}

async function stageAndApply(
	conn: DuckDBConnection,
	source: ChunkedFile,
	f: {
		path: string;
		name: string;
		kind: Kind;
		format: Format;
		stage: string;
		stager: Stager | null;
		privacy: { privacyRedact: boolean; privacyKeepOriginals: boolean };
	},
	opts: FileOptions,
	run: {
		progress: (p: FileProgress) => void;
		startedUs: number;
		stepAside: () => Promise<void>;
		pieceBytes: () => number | null;
	}
): Promise<Counts & { importId: number; sha256: string; csvRoad?: FileReport['csvRoad'] }> {
	const spec = SPECS[f.kind];
	let rows = 0;
	run.progress({ bytesDone: 0, bytesTotal: source.size, rowsDone: 0 });
	// An import number taken by a try that did not land (sequences do not roll back).
	let importId: number | null = null;
	let plainCsv = f.format === 'csv' && !f.stager && !opts.lineByLine;
	if (plainCsv && !opts.replace && run.pieceBytes() === null && !redactsStaged(f.kind, f.privacy)) {
		const landed = await landPlain(conn, source, f, opts, run);
		if (!(landed instanceof NotLanded)) return landed;
		source.rewind();
		plainCsv = landed.road === 'staged';
		importId = landed.importId;
	}
	const plain = plainCsv
		? await readPlainCsv(
				conn,
				source,
				{ path: f.path, stage: f.stage, spec },
				{
					signal: opts.signal,
					stepAside: run.stepAside,
					pieceBytes: run.pieceBytes,
					stopped: () => new ImportStopped(),
					progress: (bytesDone, rowsDone) =>
						run.progress({ bytesDone, bytesTotal: source.size, rowsDone })
				}
			)
		: null;
	if (f.stager) {
		await f.stager.stage(conn);
		rows = await appendBatch(conn, f.stage, spec);
		run.progress({ bytesDone: source.size, bytesTotal: source.size, rowsDone: rows });
	} else if (!plain) {
		// Not plain (or not CSV): line by line, from the first byte.
		if (source.bytesRead > 0) source.rewind();
		const reader = openReader(conn, source, f.path, f.format, spec);
		for (;;) {
			await run.stepAside();
			if (!(await reader.next())) break;
			if (opts.signal?.aborted) throw new ImportStopped();
			rows += await appendBatch(conn, f.stage, spec);
			run.progress({ bytesDone: reader.bytesDone, bytesTotal: source.size, rowsDone: rows });
		}
	}
	// A reader may stop before the end (an empty CSV): the hash covers every byte.
	while (await source.next());
	if (f.format !== 'parquet' && !source.validUtf8) throw new FileError(NOT_UTF8);
	if (opts.signal?.aborted) throw new ImportStopped();
	const sha256 = source.digest();
	// Identifiers out before the rows are compared with the stored ones (privacy/staged.ts).
	const redaction = await redactStaged(conn, f.stage, f.kind, f.privacy);
	if (opts.signal?.aborted) throw new ImportStopped();
	await run.stepAside();
	const counts = await inTransaction(
		conn,
		async () => {
			const id = importId ?? (await nextImportId(conn));
			const applied = await applyStaged(conn, spec, {
				stage: f.stage,
				cls: `${f.stage}_class`,
				replace: opts.replace,
				importId: id,
				fileName: f.name,
				sha256,
				fillRaw: plain?.fillRaw,
				// Others working: smaller statements, stepping aside between them.
				slices: run.pieceBytes() === null ? 1 : CLASSIFY_SLICES,
				stepAside: run.stepAside
			});
			const c = f.stager ? await f.stager.afterApply(conn, id, applied) : applied;
			await redaction?.commit(conn);
			await logImport(conn, f, c, { importId: id, sha256, opts, run });
			// Rows that changed need scores and rules; the job lands with them or not at all.
			if (opts.pendingWork && c.inserted + c.updated > 0) await opts.pendingWork.record(conn, id);
			return { ...c, importId: id };
		},
		opts.pendingWork
	);
	run.progress({ bytesDone: source.size, bytesTotal: source.size, rowsDone: counts.read });
	const csvRoad = f.format === 'csv' && !f.stager ? (plain ? 'plain' : 'lines') : undefined;
	return { ...counts, sha256, ...(csvRoad ? { csvRoad } : {}) };
}

const LANDS_WHOLE_SQL = (
	table: string
) => `-- does the file look like new rows only: nothing stored yet, or the kind's last import all new rows?
SELECT (SELECT count(*) FROM (SELECT 1 FROM "${table}" LIMIT 1))::INTEGER AS stored,
	coalesce((SELECT rows_read > 0 AND inserted = rows_read FROM import_log WHERE kind = $kind
		ORDER BY import_id DESC LIMIT 1), false) AS all_new`;

const REPEATS_SQL = (spec: KindSpec, stored: boolean) => {
	const keys = spec.key.map((k) => `"${k}"`).join(', ');
	return `-- does a key of the file come twice in it${stored ? ', or is it stored already' : ''}?
SELECT (SELECT count(*) FROM (
	SELECT 1 FROM "${spec.table}" WHERE import_id = $importId GROUP BY ${keys} HAVING count(*) > 1 LIMIT 1
))::INTEGER${
		stored
			? ` + (SELECT count(*) FROM (
	SELECT 1 FROM "${spec.table}" s SEMI JOIN (SELECT ${keys} FROM "${spec.table}" WHERE import_id = $importId) n USING (${keys})
	WHERE s.import_id IS DISTINCT FROM $importId LIMIT 1
))::INTEGER`
			: ''
	} AS n`;
};

const nextImportId = async (conn: DuckDBConnection) =>
	(await all<{ id: number }>(conn, "SELECT nextval('import_id_seq')::INTEGER AS id"))[0].id;

/** The file cannot land in one statement: which road it takes instead, with the number it took. */
class NotLanded extends Error {
	constructor(
		readonly road: 'staged' | 'lines',
		readonly importId: number | null = null
	) {
		super(road);
	}
}

/**
 * The common case in one statement: a plain CSV whose records all pass the rules and all carry
 * new keys lands straight in the contract table, each row written once, at about the speed of
 * DuckDB reading the file bare (the staged road writes every row twice: 51–57 % of bare for 1M
 * rows). Tried when the import is alone, without --replace and without staged redaction, and
 * when nothing of the kind is stored yet or its last import was new rows only (a site whose
 * exports overlap goes staged at once instead of paying for both). The first record that breaks
 * a rule stops the statement; after it, inside the file's transaction, the rows are counted and
 * their keys checked. A broken rule, a repeated key or a stored key rolls it all back and the
 * file goes the staged road ('staged'), where each row gets its verdict; a file that is not
 * plain, or that the reader refuses, goes line by line ('lines').
 */
async function landPlain(
	conn: DuckDBConnection,
	source: ChunkedFile,
	f: { path: string; name: string; kind: Kind; format: Format; stage: string },
	opts: FileOptions,
	run: { progress: (p: FileProgress) => void; startedUs: number; stepAside: () => Promise<void> }
): Promise<(Counts & { importId: number; sha256: string; csvRoad: 'landed' }) | NotLanded> {
	const spec = SPECS[f.kind];
	const [fit] = await all<{ stored: number; all_new: boolean }>(conn, LANDS_WHOLE_SQL(spec.table), {
		kind: f.kind
	});
	if (fit.stored > 0 && !fit.all_new) return new NotLanded('staged');
	const id = await nextImportId(conn);
	try {
		return await inTransaction(
			conn,
			async () => {
				const read = await readPlainCsv(
					conn,
					source,
					{ path: f.path, stage: f.stage, spec, into: { importId: id } },
					{
						signal: opts.signal,
						stepAside: run.stepAside,
						pieceBytes: () => null,
						stopped: () => new ImportStopped(),
						progress: (bytesDone, rowsDone) =>
							run.progress({ bytesDone, bytesTotal: source.size, rowsDone })
					}
				);
				if (read === null) throw new NotLanded('lines', id);
				if (opts.signal?.aborted) throw new ImportStopped();
				if (read.rows !== read.records) throw new NotLanded('staged', id);
				const [repeats] = await all<{ n: number }>(conn, REPEATS_SQL(spec, fit.stored > 0), {
					importId: id
				});
				if (repeats.n > 0) throw new NotLanded('staged', id);
				const sha256 = source.digest();
				const counts: Counts = {
					...ZERO,
					read: read.rows,
					accepted: read.rows,
					inserted: read.rows
				};
				await conn.run(SUPERSEDE_REJECTS_SQL, { fileName: f.name, sha256 });
				await logImport(conn, f, counts, { importId: id, sha256, opts, run });
				if (opts.pendingWork) await opts.pendingWork.record(conn, id);
				run.progress({ bytesDone: source.size, bytesTotal: source.size, rowsDone: read.rows });
				return { ...counts, importId: id, sha256, csvRoad: 'landed' as const };
			},
			opts.pendingWork
		);
	} catch (err) {
		if (err instanceof NotLanded) return err;
		if (err instanceof RuleBroken) return new NotLanded('staged', id);
		throw err;
	}
}

/** The preset stager for a file read through a preset, a mapping or as xlsx; null otherwise. */
async function openStager(
	db: Db,
	path: string,
	format: Format,
	kind: Kind,
	choice: SourceChoice | undefined
): Promise<Stager | null> {
	if (!choice?.preset && !choice?.mapping && format !== 'xlsx') return null;
	const bytes = await readFile(path);
	if (format !== 'xlsx' && !isUtf8(bytes)) throw new FileError(NOT_UTF8);
	return openSource(db, bytes, format, kind, choice);
}

/**
 * Every import runs with DuckDB's memory capped (CARELOOP_IMPORT_MEMORY, default 192MB) while
 * nothing else runs: it then spills to disk instead of growing the process (a 2 GB file peaked
 * at 493 MB). The cap is instance-wide, so it is lifted while other users' queries run beside the
 * import (Db.withBackgroundConnection).
 */
const DEFAULT_IMPORT_MEMORY = '192MB';
const importMemoryCap = () => process.env.CARELOOP_IMPORT_MEMORY?.trim() || DEFAULT_IMPORT_MEMORY;

/** BEGIN … COMMIT on the file's own connection (its temp relations live there). */
async function inTransaction<T>(
	conn: DuckDBConnection,
	fn: () => Promise<T>,
	pending?: PendingWork
): Promise<T> {
	await conn.run('BEGIN TRANSACTION');
	try {
		const result = await fn();
		await conn.run('COMMIT');
		pending?.settle(true);
		return result;
	} catch (err) {
		pending?.settle(false);
		await conn.run('ROLLBACK');
		throw err;
	}
}
