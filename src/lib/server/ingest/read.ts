// Readers: turn one file into the staging relation `ing_stage` (line, malformed, nonscalar and one
// VARCHAR per contract column: trimmed source text, empty → null) and the view `ing_raw` (line,
// raw), read only for rejects. DuckDB does the splitting too: CSV goes through read_text →
// physical lines → records (lines with an odd number of quotes pair up into multi-line records)
// → fields, because its CSV reader cannot report physical line numbers, raw text or malformed
// records.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import { requiredColumns, type Format, type KindSpec } from './spec.ts';

/** A whole-file failure: nothing of the file lands; the message is one sentence. */
export class FileError extends Error {}

const CR = 'chr(13)';
const BOM = 'chr(65279)';
const BLANK = `' ' || chr(9)`;
/** A blank line holds nothing but spaces and tabs; most lines fail the cheap first test. */
const NOT_BLANK = (col: string) =>
	`(CASE WHEN ${col} = '' THEN false WHEN ascii(${col}) IN (32, 9) THEN trim(${col}, ${BLANK}) <> '' ELSE true END)`;

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

const LINES_SQL = `-- physical lines of the file, numbered from 1, without BOM and line terminators
CREATE OR REPLACE TEMP TABLE ing_lines AS
SELECT ln, CASE WHEN cr THEN l[1:-2] ELSE l END AS l, cr
FROM (
	SELECT generate_subscripts(p, 1)::INTEGER AS ln, unnest(p) AS l, suffix(unnest(p), ${CR}) AS cr
	FROM (SELECT string_split(ltrim(content, ${BOM}), chr(10)) AS p FROM read_text($path))
)`;

const RECORDS_PLAIN_SQL = `-- without any quote in the file every physical line is one record (a view: no copy)
CREATE OR REPLACE TEMP VIEW ing_records AS SELECT ln AS line, l AS raw FROM ing_lines`;

const ODD_LINES_SQL = `-- lines with an odd number of quotes: where a quoted field opens or closes across lines
CREATE OR REPLACE TEMP TABLE ing_odd AS
SELECT ln, row_number() OVER (ORDER BY ln) AS k FROM ing_lines WHERE (strlen(l) - strlen(replace(l, '"', ''))) % 2 = 1`;

const RECORDS_SPANNING_SQL = `-- odd lines pair up: the 1st opens a record that the 2nd closes, and so on; an unpaired
-- last one runs to the end. Lines between a pair belong to the record that starts at the pair.
CREATE OR REPLACE TEMP TABLE ing_records AS
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
SELECT ${fieldsOfRaw(0)} AS f FROM ing_records WHERE line = 1`;

const NDJSON_OBJECTS_SQL = `-- one JSON object per non-blank line; anything else is kept as a malformed record
CREATE OR REPLACE TEMP TABLE ing_objs AS
SELECT ln AS line, l AS raw, CASE WHEN (CASE WHEN json_valid(l) THEN json_type(l) END) = 'OBJECT' THEN l::JSON END AS obj
FROM ing_lines WHERE ${NOT_BLANK('l')}`;

const JSON_CHECK_SQL = `-- is the whole file JSON, and an array?
SELECT json_valid(c) AS valid, CASE WHEN json_valid(c) THEN json_type(c) END AS type
FROM (SELECT ltrim(content, ${BOM}) AS c FROM read_text($path))`;

const JSON_OBJECTS_SQL = `-- array elements with their 1-based index and compact text; non-objects are malformed
CREATE OR REPLACE TEMP TABLE ing_objs AS
SELECT j.key::INTEGER + 1 AS line, j.value::VARCHAR AS raw, CASE WHEN j.type = 'OBJECT' THEN j.value END AS obj
FROM (SELECT ltrim(content, ${BOM})::JSON AS c FROM read_text($path)) t, json_each(t.c) j`;

const PARQUET_SCHEMA_SQL = `-- the Parquet file's columns
SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM read_parquet($path))`;

const quote = (name: string) => `"${name}"`;

/** Stages one file (ing_stage, ing_raw). Throws FileError for whole-file failures. */
export async function stageFile(
	conn: DuckDBConnection,
	path: string,
	format: Format,
	spec: KindSpec,
	hasQuote: boolean
): Promise<void> {
	if (format === 'csv') await stageCsv(conn, path, spec, hasQuote);
	else if (format === 'parquet') await stageParquet(conn, path, spec);
	else {
		if (format === 'json') await readJsonArray(conn, path);
		else {
			await conn.run(LINES_SQL, { path });
			await conn.run(NDJSON_OBJECTS_SQL);
		}
		await conn.run(stageJsonSql(spec));
		await conn.run('CREATE OR REPLACE TEMP VIEW ing_raw AS SELECT line, raw FROM ing_objs');
	}
}

/** Lower-cased, trimmed names → position; duplicates and missing required columns fail the file. */
function mapColumns(names: string[], spec: KindSpec): Map<string, number> {
	const positions = new Map<string, number>();
	for (const [i, raw] of names.entries()) {
		const name = raw.trim().toLowerCase();
		if (positions.has(name)) {
			throw new FileError(
				`The header names the column "${name}" more than once, so its values are ambiguous.`
			);
		}
		positions.set(name, i + 1);
	}
	const missing = requiredColumns(spec).filter((c) => !positions.has(c));
	if (missing.length > 0) {
		const list = missing.map((c) => `"${c}"`).join(', ');
		throw new FileError(
			`The file lacks the required ${spec.kind} column${missing.length > 1 ? 's' : ''} ${list}.`
		);
	}
	return positions;
}

async function stageCsv(conn: DuckDBConnection, path: string, spec: KindSpec, hasQuote: boolean) {
	await conn.run(LINES_SQL, { path });
	// Records span lines only where a line has an odd number of quotes; usually none does.
	let spanning = false;
	if (hasQuote) {
		await conn.run(ODD_LINES_SQL);
		const [odd] = await all<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM ing_odd');
		spanning = odd.n > 0;
	}
	await conn.run(spanning ? RECORDS_SPANNING_SQL : RECORDS_PLAIN_SQL);
	await conn.run('CREATE OR REPLACE TEMP VIEW ing_raw AS SELECT line, raw FROM ing_records');
	const [header] = await all<{ f: string[] | null }>(conn, HEADER_SQL);
	if (!header?.f) throw new FileError('The header row is not valid CSV (check its quotes).');
	const positions = mapColumns(header.f, spec);
	const fields = fieldsOfRaw(header.f.length);
	const columns = spec.columns.map((c) => {
		const at = positions.get(c.name);
		return at === undefined
			? `NULL::VARCHAR AS ${quote(c.name)}`
			: `nullif(f[${at}], '') AS ${quote(c.name)}`;
	});
	// A view: the rules read it once, so a staging copy of every field would be pure overhead.
	await conn.run(`-- CSV records after the header, blank lines skipped, split into trimmed fields
CREATE OR REPLACE TEMP VIEW ing_stage AS
WITH r AS MATERIALIZED (
	SELECT line, CASE WHEN ${MAY_NEED_TRIM} THEN list_transform(${fields}, x -> ing_trim(x)) ELSE ${fields} END AS f
	FROM ing_records WHERE line > 1 AND ${NOT_BLANK('raw')}
)
SELECT line, f IS NULL OR len(f) <> ${header.f.length} AS malformed, NULL::VARCHAR[] AS nonscalar,
	${columns.join(',\n\t')}
FROM r`);
}

async function readJsonArray(conn: DuckDBConnection, path: string) {
	const [check] = await all<{ valid: boolean; type: string | null }>(conn, JSON_CHECK_SQL, {
		path
	});
	if (!check.valid)
		throw new FileError(
			'The file is not valid JSON (a .json file must hold one array of objects).'
		);
	if (check.type !== 'ARRAY') {
		throw new FileError(
			`The file is JSON but not an array (it holds one ${check.type?.toLowerCase()}); give an array of objects or NDJSON.`
		);
	}
	await conn.run(JSON_OBJECTS_SQL, { path });
}

function stageJsonSql(spec: KindSpec): string {
	const picks = spec.columns.map(
		(c) => `first(v) FILTER (WHERE k = '${c.name}') AS ${quote(c.name)}`
	);
	return `-- JSON members by lower-cased key, read by their text form; arrays/objects flagged
CREATE OR REPLACE TEMP TABLE ing_stage AS
WITH kv AS (
	SELECT o.line, lower(trim(e.key)) AS k, e.type AS t, ing_trim(e.value ->> '$') AS v
	FROM ing_objs o, json_each(o.obj) e WHERE o.obj IS NOT NULL
), p AS (
	SELECT line, list(k) FILTER (WHERE t IN ('ARRAY', 'OBJECT')) AS nonscalar,
		${picks.join(',\n\t\t')}
	FROM kv GROUP BY line
)
SELECT o.line, o.obj IS NULL AS malformed, p.* EXCLUDE (line)
FROM ing_objs o LEFT JOIN p USING (line)`;
}

async function stageParquet(conn: DuckDBConnection, path: string, spec: KindSpec) {
	let schema: { name: string; type: string }[];
	try {
		schema = await all(conn, PARQUET_SCHEMA_SQL, { path });
	} catch {
		throw new FileError('The file is not a readable Parquet file.');
	}
	const positions = mapColumns(
		schema.map((c) => c.name),
		spec
	);
	// Positions are shifted by two: line and raw come first in the inner select.
	const nested: string[] = [];
	const columns = spec.columns.map((c) => {
		const at = positions.get(c.name);
		if (at === undefined) return `NULL::VARCHAR AS ${quote(c.name)}`;
		if (/[[\]]|STRUCT|MAP|UNION/.test(schema[at - 1].type)) {
			nested.push(`CASE WHEN #${at + 2} IS NOT NULL THEN '${c.name}' END`);
		}
		return `ing_trim(CAST(#${at + 2} AS VARCHAR)) AS ${quote(c.name)}`;
	});
	const flags = nested.length
		? `list_filter([${nested.join(', ')}], x -> x IS NOT NULL)`
		: 'NULL::VARCHAR[]';
	await conn.run(
		`-- Parquet rows in file order; values read by their text form
CREATE OR REPLACE TEMP TABLE ing_stage AS
SELECT line, false AS malformed, ${flags} AS nonscalar,
	${columns.join(',\n\t')}
FROM (SELECT row_number() OVER ()::INTEGER AS line, NULL AS raw, p.* FROM read_parquet($path) p) t`,
		{ path }
	);
	await conn.run(
		`-- Parquet rows as compact JSON: their raw text for rejects
CREATE OR REPLACE TEMP TABLE ing_raw AS
SELECT row_number() OVER ()::INTEGER AS line, to_json(p)::VARCHAR AS raw FROM read_parquet($path) p`,
		{ path }
	);
}
