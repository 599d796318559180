// CSV pieces: physical lines → records (lines with an odd number of quotes pair up into
// multi-line records) → fields, in SQL. DuckDB's own CSV reader cannot report physical line
// numbers, raw text or malformed records, which the contract needs.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import {
	BLANK,
	CR,
	FileError,
	LINES_SQL,
	NOT_BLANK,
	isBlank,
	mapColumns,
	quote,
	type PieceStager
} from './read-common.ts';
import type { ChunkedFile } from './source.ts';
import { EMPTY_STAGE_SQL } from './stage.ts';
import type { KindSpec } from './spec.ts';

// RFC 4180 fields; blanks around a quoted field are tolerated (values are trimmed anyway).
const QUOTED = String.raw`[ \t]*"(?:[^"]|"")*"[ \t]*`;
const PIECE = `,(?:${QUOTED}|[^",]*)`;

const unquote = (x: string) =>
	`CASE WHEN contains(${x}, '"') THEN replace(trim(${x}, ${BLANK})[2:-2], '""', '"') ELSE ${x} END`;

/**
 * SQL for the field list of the CSV record in `raw` (n = the header's field count); NULL when the
 * quoting is broken. With quotes, a plain split still works when it gives n pieces that are each
 * unquoted or one whole quoted field (the usual "quote everything" export). Otherwise one regex
 * pass cuts ',' || raw into ',field' pieces; the record is well-formed exactly when the pieces
 * put together give it back (a stray quote leaves a gap). One-element list lambdas bind a value
 * once per row.
 */
const fieldsOfRaw = (n: number) => `CASE
	WHEN NOT contains(raw, '"') THEN string_split(raw, ',')
	ELSE list_transform([string_split(raw, ',')], p ->
		CASE WHEN len(p) = ${n} AND list_bool_and(list_transform(p, x -> NOT contains(x, '"') OR regexp_full_match(x, '${QUOTED}')))
		THEN list_transform(p, x -> ${unquote('x')})
		ELSE list_transform([regexp_extract_all(',' || raw, '${PIECE}')], m ->
			CASE WHEN array_to_string(m, '') = ',' || raw THEN list_transform(m, x -> ${unquote('x[2:]')}) END)[1]
		END)[1]
END`;

// Only a record with whitespace (or a quote) next to a comma or at an edge can hold a field that
// needs trimming; substring tests on the record are much cheaper than trimming every field.
const MAY_NEED_TRIM = `(contains(raw, '"') OR contains(raw, ' ,') OR contains(raw, ', ') OR contains(raw, chr(9))
	OR contains(raw, chr(10)) OR contains(raw, chr(13)) OR contains(raw, chr(11)) OR contains(raw, chr(12))
	OR contains(raw, chr(160)) OR starts_with(raw, ' ') OR suffix(raw, ' '))`;

const RECORDS_PLAIN_SQL = `-- without any quote every physical line is one record (a view: no copy)
CREATE OR REPLACE TEMP VIEW ing_records AS SELECT ln AS line, l AS raw FROM ing_lines`;

const ODD_LINES_SQL = `-- lines with an odd number of quotes: where a quoted field opens or closes across lines
CREATE OR REPLACE TEMP TABLE ing_odd AS
SELECT ln, row_number() OVER (ORDER BY ln) AS k FROM ing_lines WHERE (strlen(l) - strlen(replace(l, '"', ''))) % 2 = 1`;

const RECORDS_SPANNING_SQL = `-- odd lines pair up: the 1st opens a record that the 2nd closes, and so on; an unpaired
-- last one runs to the end. Lines between a pair belong to the record that starts at the pair.
CREATE OR REPLACE TEMP VIEW ing_records AS
WITH spans AS (
	SELECT min(ln) AS s, CASE WHEN count(*) = 1 THEN 2147483647 ELSE max(ln) END AS e
	FROM ing_odd GROUP BY (k + 1) // 2
), tagged AS (
	SELECT l.ln, l.l, l.cr, sp.s FROM ing_lines l LEFT JOIN spans sp ON l.ln BETWEEN sp.s AND sp.e
), joined AS (
	SELECT s AS line, string_agg(CASE WHEN cr THEN l || ${CR} ELSE l END, chr(10) ORDER BY ln) AS t,
		arg_max(cr, ln) AS last_cr
	FROM tagged WHERE s IS NOT NULL GROUP BY s
)
SELECT ln AS line, l AS raw FROM tagged WHERE s IS NULL
UNION ALL
SELECT line, CASE WHEN last_cr THEN t[1:-2] ELSE t END AS raw FROM joined`;

const HEADER_SQL = `-- the header record's field names
SELECT ${fieldsOfRaw(0)} AS f, trim(raw, ${BLANK} || ${CR}) = '' AS blank FROM ing_records WHERE line = 1`;

export class CsvStager implements PieceStager {
	#conn: DuckDBConnection;
	#file: ChunkedFile;
	#spec: KindSpec;
	/** The ing_stage view, built from the header once. */
	#stageSql = '';

	constructor(conn: DuckDBConnection, file: ChunkedFile, spec: KindSpec) {
		this.#conn = conn;
		this.#file = file;
		this.#spec = spec;
	}

	async stage(piece: Buffer, base: number, first: boolean): Promise<boolean> {
		const conn = this.#conn;
		await conn.run(LINES_SQL, { text: piece.toString('utf8'), base, first });
		// Records span lines only where a line has an odd number of quotes; usually none does.
		let spanning = false;
		if (piece.includes(0x22)) {
			await conn.run(ODD_LINES_SQL);
			const [odd] = await all<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM ing_odd');
			spanning = odd.n > 0;
		}
		await conn.run(spanning ? RECORDS_SPANNING_SQL : RECORDS_PLAIN_SQL);
		if (first) {
			const [header] = await all<{ f: string[] | null; blank: boolean }>(conn, HEADER_SQL);
			if (header.blank && isBlank(piece) && (await this.#restIsBlank())) {
				// An empty file (nothing but blanks) reads 0 rows.
				await conn.run(EMPTY_STAGE_SQL(this.#spec));
				return false;
			}
			if (!header.f) throw new FileError('The header row is not valid CSV (check its quotes).');
			this.#stageSql = csvStageSql(header.f, this.#spec);
		}
		await conn.run(this.#stageSql);
		return true;
	}

	async #restIsBlank(): Promise<boolean> {
		for (let chunk = await this.#file.next(); chunk; chunk = await this.#file.next()) {
			if (!isBlank(chunk)) return false;
		}
		return true;
	}
}

function csvStageSql(header: string[], spec: KindSpec): string {
	const positions = mapColumns(header, spec);
	const fields = fieldsOfRaw(header.length);
	const columns = spec.columns.map((c) => {
		const at = positions.get(c.name);
		return at === undefined
			? `NULL::VARCHAR AS ${quote(c.name)}`
			: `nullif(f[${at}], '') AS ${quote(c.name)}`;
	});
	// A view: the rules read it once, so a staging copy of every field would be pure overhead.
	return `-- CSV records after the header, blank lines skipped, split into trimmed fields
CREATE OR REPLACE TEMP VIEW ing_stage AS
WITH r AS MATERIALIZED (
	SELECT line, raw, CASE WHEN ${MAY_NEED_TRIM} THEN list_transform(${fields}, x -> ing_trim(x)) ELSE ${fields} END AS f
	FROM ing_records WHERE line > 1 AND ${NOT_BLANK('raw')}
)
SELECT line, raw, f IS NULL OR len(f) <> ${header.length} AS malformed, NULL::VARCHAR[] AS nonscalar,
	${columns.join(',\n\t')}
FROM r`;
}
