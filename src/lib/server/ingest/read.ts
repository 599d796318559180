// Readers: one file, read in chunks, handed over batch by batch as `ing_stage` (see stage.ts).
// JavaScript only cuts the bytes where no record is split (split.ts); DuckDB does the rest: CSV
// goes piece → physical lines → records (lines with an odd number of quotes pair up into
// multi-line records) → fields, because its CSV reader cannot report physical line numbers, raw
// text or malformed records. Line numbers continue from piece to piece.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
	LINES_SQL,
	NOT_BLANK,
	FileError,
	NOT_UTF8,
	countByte,
	stageJsonObjects,
	type BatchReader,
	type PieceStager
} from './read-common.ts';
import { CsvStager } from './read-csv.ts';
import { JsonReader, ParquetReader } from './read-json.ts';
import type { ChunkedFile } from './source.ts';
import { LineCutter } from './split.ts';
import type { Format, KindSpec } from './spec.ts';

export { FileError, NOT_UTF8, type BatchReader } from './read-common.ts';

const NDJSON_OBJECTS_SQL = `-- one JSON object per non-blank line; anything else is kept as a malformed record
CREATE OR REPLACE TEMP TABLE ing_objs AS
SELECT ln AS line, l AS raw, CASE WHEN (CASE WHEN json_valid(l) THEN json_type(l) END) = 'OBJECT' THEN l::JSON END AS obj
FROM ing_lines WHERE ${NOT_BLANK('l')}`;

export function openReader(
	conn: DuckDBConnection,
	file: ChunkedFile,
	path: string,
	format: Format,
	spec: KindSpec
): BatchReader {
	switch (format) {
		case 'csv':
			return new LineReader(file, true, new CsvStager(conn, file, spec));
		case 'ndjson':
			return new LineReader(file, false, {
				stage: (piece, base, first) => stageNdjsonPiece(conn, piece, base, first, spec)
			});
		case 'json':
			return new JsonReader(conn, file, path, spec);
		case 'parquet':
			return new ParquetReader(conn, file, path, spec);
		case 'xlsx':
			// xlsx files are read by presets/ (ingest/file.ts stages them through a stager).
			throw new FileError('An xlsx file is read through the import presets.');
	}
}

/** Line-based files (CSV, NDJSON): one batch per piece of whole records. */
class LineReader implements BatchReader {
	#file: ChunkedFile;
	#cutter: LineCutter;
	#stager: PieceStager;
	#base = 0;
	#first = true;
	#done = false;

	constructor(file: ChunkedFile, quotes: boolean, stager: PieceStager) {
		this.#file = file;
		this.#cutter = new LineCutter({ quotes });
		this.#stager = stager;
	}

	get bytesDone(): number {
		return this.#file.bytesRead;
	}

	async next(): Promise<boolean> {
		while (!this.#done) {
			const chunk = await this.#file.next();
			let piece: Buffer | null;
			if (chunk === null) {
				piece = this.#cutter.end();
				this.#done = true;
			} else piece = this.#cutter.push(chunk);
			if (!this.#file.validUtf8) throw new FileError(NOT_UTF8);
			if (piece === null) continue;
			const more = await this.#stager.stage(piece, this.#base, this.#first);
			if (!more) this.#done = true;
			this.#base += countByte(piece, 0x0a) + 1;
			this.#first = false;
			return true;
		}
		return false;
	}
}

async function stageNdjsonPiece(
	conn: DuckDBConnection,
	piece: Buffer,
	base: number,
	first: boolean,
	spec: KindSpec
): Promise<boolean> {
	await conn.run(LINES_SQL, { text: piece.toString('utf8'), base, first });
	await conn.run(NDJSON_OBJECTS_SQL);
	await stageJsonObjects(conn, spec);
	return true;
}
