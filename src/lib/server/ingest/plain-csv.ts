// The fast road for plain CSV: a file with no quotes, no carriage returns, no blank lines and no
// field with whitespace at its edges has one record per physical line, so DuckDB's own parallel
// CSV reader can read it. Its rows keep file order (insertion order is preserved), so a row's
// line is its position + 2 (after the header), and its raw text is its fields joined by commas.
// Everything the contract promises still holds: the same typing rules (rules.ts) run on the same
// source text, rejects keep their line and exact raw text, and any file that is not plain, or that
// DuckDB's reader refuses (a record with the wrong number of fields, a line over 2 MB), goes the
// line-by-line road (read-csv.ts), which reports such records as malformed.
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import { FileError, countByte, mapColumns } from './read-common.ts';
import { typedSelect } from './rules.ts';
import { ChunkedFile } from './source.ts';
import type { KindSpec } from './spec.ts';

// What may not stand in a plain file: a quote or CR changes what a record is; NUL, VT and FF are
// never in one. Whitespace (space, tab, NBSP as C2 A0) next to a comma or a line edge would be
// trimmed by the contract, which DuckDB's reader does not do; an empty line is a blank line.
const BAD_BYTES = [0x22, 0x0d, 0x00, 0x0b, 0x0c];
// Over the bytes as latin1 text (one character per byte), so NBSP is the two characters C2 A0.
const BAD_PAIRS = /[ \t][,\n]|[,\n][ \t]|\n\n|\xC2\xA0[,\n]|[,\n]\xC2\xA0/;

/**
 * Checks a file chunk by chunk for plainness with native searches (a byte loop in JavaScript
 * took 9 ns a byte). The last two bytes of each chunk are checked again with the next, so a pair
 * split by a chunk edge is seen; the file starts as if after a line feed, so a blank or
 * space-led first line is caught too.
 */
export class PlainScan {
	#tail = '\n';
	#plain = true;
	#started = false;
	#lineFeeds = 0;
	#last = 0x0a;

	get plain(): boolean {
		return this.#plain;
	}

	/**
	 * Records after the header in the chunks pushed so far: a plain file has one record per line
	 * and no blank line, so each line feed after the header's ends one, and a last line without
	 * one is one more.
	 */
	get records(): number {
		return this.#lineFeeds - 1 + (this.#last === 0x0a ? 0 : 1);
	}

	/** Adds a chunk; returns false as soon as the file is known not to be plain. */
	push(chunk: Buffer): boolean {
		if (!this.#plain || chunk.length === 0) return this.#plain;
		if (!this.#started) {
			this.#started = true;
			// A byte-order mark: the line road strips it.
			if (chunk[0] === 0xef) return (this.#plain = false);
		}
		for (const b of BAD_BYTES) if (chunk.includes(b)) return (this.#plain = false);
		const text = this.#tail + chunk.toString('latin1');
		if (BAD_PAIRS.test(text)) return (this.#plain = false);
		this.#tail = text.slice(-2);
		this.#lineFeeds += countByte(chunk, 0x0a);
		this.#last = chunk[chunk.length - 1];
		return true;
	}

	/** After the last chunk: a last line without LF must not end in whitespace. */
	end(): boolean {
		if (/[ \t]$|\xC2\xA0$/.test(this.#tail)) this.#plain = false;
		return this.#plain;
	}
}

export interface PlainRead {
	/** Rows written: staged, or (straight into the contract table) valid rows landed. */
	rows: number;
	/** Records the file holds after its header. */
	records: number;
	/** Fills the raw text of rows that turned out rejects (see fillRaw). */
	fillRaw: (conn: DuckDBConnection, stage: string, cls: string) => Promise<void>;
}

const fileStamp = async (path: string) => {
	const s = await stat(path);
	return `${s.size}:${s.mtimeMs}:${s.ino}`;
};

const FILE_CHANGED =
	'The file changed while it was being imported: import it again once it is complete.';

/**
 * Reads a plain CSV through DuckDB's reader into the staging table; null when the file is not
 * plain or the reader refuses it (then nothing is left staged and the caller rewinds the source
 * and reads it line by line). Alone, the reader starts once the first chunk looks plain and runs
 * while the rest of the file is checked (hash, UTF-8, plainness) chunk by chunk; a later chunk that
 * is not plain interrupts it. While others work (run.pieceBytes), it reads the file in pieces
 * instead (readPieces).
 */
export async function readPlainCsv(
	conn: DuckDBConnection,
	source: ChunkedFile,
	f: PlainFile,
	run: PlainRun
): Promise<PlainRead | null> {
	// Nothing here keeps a chunk past the next one (the line road, if it comes to that, does).
	source.reuseBuffer = true;
	try {
		return await readPlain(conn, source, f, run);
	} finally {
		source.reuseBuffer = false;
	}
}

/** Landing straight in the table (PlainFile.into), a record broke a rule: nothing landed. */
export class RuleBroken extends Error {
	constructor() {
		super('A record breaks a contract rule.');
	}
}
const RULE_BROKEN = 'careloop: a record breaks a contract rule';

interface PlainFile {
	path: string;
	stage: string;
	spec: KindSpec;
	/**
	 * Straight into the contract table instead of the staging table, in one statement, each row
	 * written once (file.ts says when). Nothing is staged; the caller's transaction holds the
	 * rows. The first record that breaks a rule stops it (RuleBroken), since each reject needs
	 * its line and raw text, which only the staging table keeps.
	 */
	into?: { importId: number };
}

interface PlainRun {
	signal?: AbortSignal;
	/**
	 * Bytes per piece when the file should be read in pieces, stepping aside between them (other
	 * users are working: a single read of the whole file would hold half the CPU for seconds);
	 * null reads the whole file in one statement, the fastest way when the import is alone.
	 */
	pieceBytes: () => number | null;
	stepAside: () => Promise<void>;
	progress: (bytesDone: number, rowsDone: number) => void;
	/** Thrown when the signal aborts. */
	stopped: () => Error;
}

async function readPlain(
	conn: DuckDBConnection,
	source: ChunkedFile,
	f: PlainFile,
	run: PlainRun
): Promise<PlainRead | null> {
	const before = await fileStamp(f.path);
	const check = new PlainScan();
	const first = await source.next();
	if (!first || !source.validUtf8 || !check.push(first)) return null;
	const lf = first.indexOf(0x0a);
	// A header longer than a chunk, or a file of one line: the line road says what it is.
	if (lf === -1) return null;
	const header = first.subarray(0, lf).toString('utf8').split(',');
	// For progress only: records estimated from the first chunk's lines (the count comes from
	// the reader).
	const records = Math.round((countByte(first, 0x0a) * source.size) / first.length);
	// Same header rules and messages as the line road (read-csv.ts).
	const positions = mapColumns(header, f.spec);
	const columns = `{${header.map((_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ')}}`;
	const field = (name: string) => {
		const at = positions.get(name);
		return at === undefined ? 'NULL::VARCHAR' : `c${at}`;
	};
	const raw = header.map((_, i) => `coalesce(c${i + 1}, '')`).join(` || ',' || `);
	// The fields c1 … cn stay beside the contract columns: raw text is built from them only for
	// rows that break a rule (built for every row it cost a third of the read).
	const fromCsv = (skip: number) => `(SELECT *, NULL::INTEGER AS line,
	${f.spec.columns.map((c) => `${field(c.name)} AS "${c.name}"`).join(', ')}
	FROM read_csv($path, header = false, skip = ${skip}, auto_detect = false, columns = ${columns},
		delim = ',', quote = '', escape = '', comment = '', strict_mode = true, null_padding = false))`;
	const typed = (skip: number) =>
		typedSelect(f.spec, { from: fromCsv(skip), rawWhenRejected: raw, scalar: true });
	const cols = f.spec.columns.map((c) => `"${c.name}"`).join(', ');
	const insert = (skip: number) =>
		f.into
			? `-- the plain file through DuckDB's CSV reader, typed by the contract rules, valid rows landing
INSERT INTO "${f.spec.table}" (${cols}, import_id)
SELECT ${cols}, ${f.into.importId}::INTEGER FROM (${typed(skip)})
WHERE CASE WHEN len(reasons) = 0 THEN true ELSE error('${RULE_BROKEN}') END`
			: `-- the plain file through DuckDB's CSV reader, typed by the contract rules
INSERT INTO ${f.stage} ${typed(skip)}`;
	const pieceBytes = f.into ? null : run.pieceBytes();
	await run.stepAside();
	if (run.signal?.aborted) throw run.stopped();
	// Staged, line numbers come from insertion order: said here, whatever another statement left
	// behind. Landing, nothing needs the order and DuckDB writes faster without it (apply.ts).
	await conn.run(`SET GLOBAL preserve_insertion_order = ${f.into ? 'false' : 'true'}`);
	// DuckDB tracks a query's progress only with its progress bar on (never printed here).
	await conn.run('SET enable_progress_bar = true');
	await conn.run('SET enable_progress_bar_print = false');
	// Bytes of the file behind the rows staged so far, and of the statement reading now.
	let bytesBefore = 0;
	let bytesReading = pieceBytes === null ? source.size : 0;
	const poll = setInterval(() => {
		const p = conn.progress;
		if (p.percentage > 0) {
			const bytes = bytesBefore + (bytesReading * p.percentage) / 100;
			run.progress(Math.round(bytes), Math.round((records * bytes) / source.size));
		}
	}, 250);
	const onAbort = () => conn.interrupt();
	run.signal?.addEventListener('abort', onAbort);
	let rows: number | null;
	// Landing, the first record that breaks a rule stops the statement (and the check of the rest).
	let broke = false;
	const stopScan = new AbortController();
	try {
		// A statement the reader refuses (or that is interrupted) stages nothing: null. Landing, it
		// leaves the caller's transaction aborted: a fresh one stands in for it (nothing was in it).
		const read = (path: string, skip: number) =>
			conn
				.runAndReadAll(insert(skip), { path })
				.then((reader) => Number(reader.getRows()[0]?.[0] ?? 0))
				.catch(async (err: unknown) => {
					if (f.into) {
						broke = err instanceof Error && err.message.includes(RULE_BROKEN);
						if (broke) stopScan.abort();
						await conn.run('ROLLBACK').then(() => conn.run('BEGIN TRANSACTION'));
					}
					return null;
				});
		let plain: boolean;
		if (pieceBytes === null) {
			const reading = read(f.path, 1);
			const stop = run.signal ? AbortSignal.any([run.signal, stopScan.signal]) : stopScan.signal;
			plain = await scanRest(source, check, first.length > lf + 1, stop);
			if (!plain && !broke) conn.interrupt();
			rows = await reading;
		} else {
			const pieces = await readPieces(
				source,
				check,
				first,
				lf,
				pieceBytes,
				run,
				(path, n, bytes) => {
					bytesBefore += bytesReading;
					bytesReading = bytes;
					return read(path, n === 0 ? 1 : 0);
				}
			);
			plain = pieces.plain;
			rows = pieces.rows;
			// Earlier pieces stay staged when a later one fails or the file turns out not plain.
			if (rows === null || !plain) await conn.run(`DELETE FROM ${f.stage}`);
		}
		if (run.signal?.aborted) throw run.stopped();
		if (!plain && rows !== null) {
			// The reader finished before the check found the file is not plain.
			if (pieceBytes === null) await conn.run(`DELETE FROM ${f.stage}`);
			rows = null;
		}
	} finally {
		clearInterval(poll);
		run.signal?.removeEventListener('abort', onAbort);
		await conn.run('RESET enable_progress_bar');
		await conn.run('RESET enable_progress_bar_print');
		if (f.into) await conn.run('RESET GLOBAL preserve_insertion_order');
	}
	if (broke) throw new RuleBroken();
	if (rows === null) return null;
	// Rows keep file order: line = position after the header + 2.
	if (!f.into) await conn.run(`UPDATE ${f.stage} SET line = (rowid + 2)::INTEGER`);
	if ((await fileStamp(f.path)) !== before) throw new FileError(FILE_CHANGED);
	run.progress(source.size, rows);
	return {
		rows,
		records: check.records,
		fillRaw: (c, stage, cls) => fillRaw(c, stage, cls, f.path, before)
	};
}

/**
 * The file in pieces of about `pieceBytes` (at most one cut per chunk), each cut after a line feed and written to a temporary
 * file as the chunks come (so memory holds one chunk, whatever the file's size), each read by its
 * own statement after a step aside: the next piece is written while the reader reads this one.
 * Rows keep file order, as one statement would keep them. rows is null when the reader refused a
 * piece or was stopped; plain is false when a chunk is not plain (nothing more is read).
 */
async function readPieces(
	source: ChunkedFile,
	check: PlainScan,
	first: Buffer,
	lf: number,
	pieceBytes: number,
	run: PlainRun,
	read: (path: string, n: number, bytes: number) => Promise<number | null>
): Promise<{ plain: boolean; rows: number | null }> {
	const dir = await mkdtemp(join(tmpdir(), 'careloop-plain-'));
	let n = 0;
	let rows: number | null = 0;
	let reading: Promise<number | null> = Promise.resolve(0);
	let piece = await open(join(dir, 'piece-0.csv'), 'w');
	let size = 0;
	let plain = true;
	let records = false;
	/** Waits for the piece being read, then starts reading the one just written. */
	const hand = async () => {
		await piece.close();
		const done = await reading;
		rows = rows === null || done === null ? null : rows + done;
		if (rows === null || run.signal?.aborted) return false;
		await run.stepAside();
		const path = join(dir, `piece-${n}.csv`);
		reading = read(path, n, size).finally(() => rm(path, { force: true }));
		n++;
		piece = await open(join(dir, `piece-${n}.csv`), 'w');
		size = 0;
		return true;
	};
	const put = async (chunk: Buffer) => {
		await piece.write(chunk);
		size += chunk.length;
	};
	try {
		// The first chunk was checked already (readPlain); it is written like any other.
		let isFirst = true;
		for (let chunk: Buffer | null = first; chunk; chunk = await source.next()) {
			if (run.signal?.aborted) return { plain: false, rows: null };
			if (!isFirst && (!source.validUtf8 || !check.push(chunk))) {
				plain = false;
				break;
			}
			records ||= isFirst ? chunk.length > lf + 1 : chunk.length > 0;
			isFirst = false;
			// The piece ends after the first line feed at or past pieceBytes (one cut per chunk).
			const cut =
				size + chunk.length >= pieceBytes
					? chunk.indexOf(0x0a, Math.max(0, pieceBytes - size - 1))
					: -1;
			if (cut === -1) {
				await put(chunk);
			} else {
				await put(chunk.subarray(0, cut + 1));
				if (!(await hand())) return { plain, rows: null };
				await put(chunk.subarray(cut + 1));
			}
		}
		plain &&= check.end() && records;
		if (plain && size > 0 && !(await hand())) return { plain, rows: null };
		await piece.close();
		const done = await reading;
		return { plain, rows: rows === null || done === null ? null : rows + done };
	} finally {
		await piece.close().catch(() => {});
		await reading.catch(() => null);
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * Reads the rest of the source (hash and UTF-8 check on the way); true when the whole file is
 * plain and holds a record after its header.
 */
async function scanRest(
	source: ChunkedFile,
	check: PlainScan,
	rest: boolean,
	signal?: AbortSignal
): Promise<boolean> {
	for (let chunk = await source.next(); chunk; chunk = await source.next()) {
		// Stopped: the reader was interrupted already; the caller says so.
		if (signal?.aborted) return false;
		if (!source.validUtf8 || !check.push(chunk)) return false;
		rest ||= chunk.length > 0;
	}
	return check.end() && rest;
}

/**
 * Raw text for the rows that end up rejected: rows that broke a rule have it from the reader
 * (rules.ts computes it only for them); a valid row found to be a duplicate id gets it here, read
 * back from the file by line number.
 */
async function fillRaw(
	conn: DuckDBConnection,
	stage: string,
	cls: string,
	path: string,
	stamp: string
): Promise<void> {
	const missing = await all<{ line: number }>(
		conn,
		`-- rows that become rejects without their raw text
SELECT line FROM ${stage} WHERE raw IS NULL
	AND (len(reasons) > 0 OR line IN (SELECT line FROM ${cls} WHERE ing_verdict = 'duplicate'))
ORDER BY line`
	);
	if (missing.length === 0) return;
	if ((await fileStamp(path)) !== stamp) throw new FileError(FILE_CHANGED);
	const texts = await readLines(
		path,
		missing.map((m) => m.line)
	);
	await conn.run('CREATE OR REPLACE TEMP TABLE ing_raw_fill (line INTEGER, raw VARCHAR)');
	const appender = await conn.createAppender('ing_raw_fill', 'main', 'temp');
	for (const [line, text] of texts) {
		appender.appendInteger(line);
		appender.appendVarchar(text);
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
	await conn.run(`UPDATE ${stage} s SET raw = f.raw FROM ing_raw_fill f WHERE s.line = f.line`);
	await conn.run('DROP TABLE ing_raw_fill');
}

/** The text of the given physical lines (1-based, ascending) of a file without CRs. */
export async function readLines(
	path: string,
	lines: number[],
	chunkBytes?: number
): Promise<Map<number, string>> {
	const out = new Map<number, string>();
	const file = await ChunkedFile.open(path, chunkBytes);
	try {
		let line = 1;
		let want = 0;
		let carry: Buffer[] = [];
		for (let chunk = await file.next(); chunk && want < lines.length; chunk = await file.next()) {
			let start = 0;
			for (let lf = chunk.indexOf(0x0a); ; lf = chunk.indexOf(0x0a, lf + 1)) {
				const end = lf === -1 ? chunk.length : lf;
				if (line === lines[want]) {
					carry.push(chunk.subarray(start, end));
					if (lf !== -1) {
						out.set(line, Buffer.concat(carry).toString('utf8'));
						carry = [];
						want++;
					}
				}
				if (lf === -1 || want === lines.length) break;
				line++;
				start = lf + 1;
			}
		}
		if (want < lines.length && carry.length > 0)
			out.set(line, Buffer.concat(carry).toString('utf8'));
	} finally {
		await file.close();
	}
	return out;
}
