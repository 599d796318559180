// JSON arrays (elements streamed out of the array in JavaScript, checked and staged by DuckDB)
// and Parquet (read by DuckDB in ranges of rows).
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import {
	BOM,
	FileError,
	NOT_JSON,
	NOT_UTF8,
	mapColumns,
	quote,
	stageJsonObjects,
	type BatchReader
} from './read-common.ts';
import type { ChunkedFile } from './source.ts';
import { BrokenJson, JsonArrayScanner, NotAnArray } from './split.ts';
import type { KindSpec } from './spec.ts';

const JSON_ELEMENTS_SQL = `-- array elements (joined by chr(30) in the piece) with their 1-based index
CREATE OR REPLACE TEMP TABLE ing_elems AS
SELECT ($base + generate_subscripts(p, 1))::INTEGER AS line, unnest(p) AS e
FROM (SELECT string_split($text, chr(30)) AS p)`;

const JSON_INVALID_SQL = `-- is any element not JSON?
SELECT count(*) FILTER (WHERE NOT json_valid(e))::INTEGER AS bad FROM ing_elems`;

const JSON_OBJECTS_SQL = `-- elements as compact text; non-objects are malformed
CREATE OR REPLACE TEMP TABLE ing_objs AS
SELECT line, json(e)::VARCHAR AS raw, CASE WHEN json_type(e) = 'OBJECT' THEN e::JSON END AS obj FROM ing_elems`;

const JSON_CHECK_SQL = `-- is the whole file JSON, and an array? (only for files that do not start with "[")
SELECT json_valid(c) AS valid, CASE WHEN json_valid(c) THEN json_type(c) END AS type
FROM (SELECT ltrim(content, ${BOM}) AS c FROM read_text($path))`;

const PARQUET_SCHEMA_SQL = `-- the Parquet file's columns
SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet($path))`;

const PARQUET_ROWS_SQL = `-- the Parquet file's row count
SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata($path)`;

/** JSON arrays: elements streamed out of the array, one batch per chunk's worth. */
export class JsonReader implements BatchReader {
	#conn: DuckDBConnection;
	#file: ChunkedFile;
	#path: string;
	#spec: KindSpec;
	#scanner = new JsonArrayScanner();
	#base = 0;
	#done = false;

	constructor(conn: DuckDBConnection, file: ChunkedFile, path: string, spec: KindSpec) {
		this.#conn = conn;
		this.#file = file;
		this.#path = path;
		this.#spec = spec;
	}

	get bytesDone(): number {
		return this.#file.bytesRead;
	}

	async next(): Promise<boolean> {
		while (!this.#done) {
			const chunk = await this.#file.next();
			if (!this.#file.validUtf8) throw new FileError(NOT_UTF8);
			if (chunk === null) {
				this.#done = true;
				if (this.#scanner.blank) return false; // an empty file reads 0 rows
				this.#scan(() => this.#scanner.end());
				return false;
			}
			let found: { text: Buffer; count: number } | undefined;
			try {
				this.#scan(() => (found = this.#scanner.push(chunk)));
			} catch (err) {
				if (err instanceof NotAnArray) await this.#notAnArray();
				throw err;
			}
			if (!found || found.count === 0) continue;
			await this.#stageElements(found.text);
			this.#base += found.count;
			return true;
		}
		return false;
	}

	#scan(fn: () => void): void {
		try {
			fn();
		} catch (err) {
			if (err instanceof BrokenJson) throw new FileError(NOT_JSON);
			throw err;
		}
	}

	async #stageElements(text: Buffer): Promise<void> {
		const conn = this.#conn;
		await conn.run(JSON_ELEMENTS_SQL, { text: text.toString('utf8'), base: this.#base });
		const [{ bad }] = await all<{ bad: number }>(conn, JSON_INVALID_SQL);
		if (bad > 0) throw new FileError(NOT_JSON);
		await conn.run(JSON_OBJECTS_SQL);
		await stageJsonObjects(conn, this.#spec);
	}

	/** A file that does not open with "[": read it whole to say what it is instead. */
	async #notAnArray(): Promise<never> {
		const [check] = await all<{ valid: boolean; type: string | null }>(this.#conn, JSON_CHECK_SQL, {
			path: this.#path
		});
		if (!check.valid) throw new FileError(NOT_JSON);
		throw new FileError(
			`The file is JSON but not an array (it holds one ${check.type?.toLowerCase()}); give an array of objects or NDJSON.`
		);
	}
}

/** Parquet: DuckDB reads it; batches are ranges of rows (their numbers filter row groups). */
export class ParquetReader implements BatchReader {
	static readonly ROWS = 262_144;
	#conn: DuckDBConnection;
	#file: ChunkedFile;
	#path: string;
	#spec: KindSpec;
	#total = -1;
	#next = 0;
	#stageSql = '';

	constructor(conn: DuckDBConnection, file: ChunkedFile, path: string, spec: KindSpec) {
		this.#conn = conn;
		this.#file = file;
		this.#path = path;
		this.#spec = spec;
	}

	get bytesDone(): number {
		return this.#total <= 0 ? 0 : Math.round((this.#file.size * this.#next) / this.#total);
	}

	async next(): Promise<boolean> {
		if (this.#total < 0) await this.#open();
		if (this.#next >= this.#total) return false;
		const lo = this.#next;
		this.#next = Math.min(this.#total, lo + ParquetReader.ROWS);
		await this.#conn.run(this.#stageSql, { path: this.#path, lo, hi: this.#next });
		await this.#conn.run(
			'CREATE OR REPLACE TEMP VIEW ing_stage AS SELECT * FROM ing_parquet_stage'
		);
		return true;
	}

	async #open(): Promise<void> {
		// Hash the bytes first: the import log keeps every file's SHA-256.
		while (await this.#file.next());
		let schema: { name: string; type: string }[];
		try {
			schema = await all(this.#conn, PARQUET_SCHEMA_SQL, { path: this.#path });
			const [{ n }] = await all<{ n: number }>(this.#conn, PARQUET_ROWS_SQL, { path: this.#path });
			this.#total = n;
		} catch {
			throw new FileError('The file is not a readable Parquet file.');
		}
		const positions = mapColumns(
			schema.map((c) => c.name),
			this.#spec
		);
		// read_parquet puts file_row_number after the file's own columns, so #n is column n.
		const nested: string[] = [];
		const columns = this.#spec.columns.map((c) => {
			const at = positions.get(c.name);
			if (at === undefined) return `NULL::VARCHAR AS ${quote(c.name)}`;
			if (/[[\]]|STRUCT|MAP|UNION/.test(schema[at - 1].type)) {
				nested.push(`CASE WHEN #${at} IS NOT NULL THEN '${c.name}' END`);
			}
			return `ing_trim(CAST(#${at} AS VARCHAR)) AS ${quote(c.name)}`;
		});
		const flags = nested.length
			? `list_filter([${nested.join(', ')}], x -> x IS NOT NULL)`
			: 'NULL::VARCHAR[]';
		// Rows in file order, values by their text form, raw text as compact JSON (the row
		// number, the last member, cut off).
		this.#stageSql = `-- one range of the Parquet file's rows
CREATE OR REPLACE TEMP TABLE ing_parquet_stage AS
SELECT (file_row_number + 1)::INTEGER AS line, regexp_replace(to_json(t)::VARCHAR, ',"file_row_number":[0-9]+}$', '}') AS raw,
	false AS malformed, ${flags} AS nonscalar,
	${columns.join(',\n\t')}
FROM read_parquet($path, file_row_number = true) t
WHERE file_row_number >= $lo AND file_row_number < $hi`;
	}
}
