// What every reader shares: the batch interface, whole-file failures, header checks, the
// physical-line SQL and the JSON member staging (NDJSON and JSON arrays alike).
import type { DuckDBConnection } from '@duckdb/node-api';
import { requiredColumns, type KindSpec } from './spec.ts';

/** A whole-file failure: nothing of the file lands; the message is one sentence. */
export class FileError extends Error {}

export const NOT_UTF8 = 'The file is not valid UTF-8 text: save it as UTF-8 and import it again.';
export const NOT_JSON = 'The file is not valid JSON (a .json file must hold one array of objects).';

export interface BatchReader {
	/** Stages the next batch as ing_stage; false when the file is done. */
	next(): Promise<boolean>;
	/** Bytes of the file consumed so far (for progress). */
	readonly bytesDone: number;
}

export const CR = 'chr(13)';
export const BOM = 'chr(65279)';
export const BLANK = `' ' || chr(9)`;
/** A blank line holds nothing but spaces and tabs; most lines fail the cheap first test. */
export const NOT_BLANK = (col: string) =>
	`(CASE WHEN ${col} = '' THEN false WHEN ascii(${col}) IN (32, 9) THEN trim(${col}, ${BLANK}) <> '' ELSE true END)`;

export const LINES_SQL = `-- the piece's physical lines, numbered on from $base, without BOM and line terminators
CREATE OR REPLACE TEMP TABLE ing_lines AS
SELECT ln, CASE WHEN cr THEN l[1:-2] ELSE l END AS l, cr
FROM (
	SELECT ($base + generate_subscripts(p, 1))::INTEGER AS ln, unnest(p) AS l, suffix(unnest(p), ${CR}) AS cr
	FROM (SELECT string_split(CASE WHEN $first THEN ltrim($text, ${BOM}) ELSE $text END, chr(10)) AS p)
)`;

export const quote = (name: string) => `"${name}"`;

/** Lower-cased, trimmed names → position; duplicates and missing required columns fail the file. */
export function mapColumns(names: string[], spec: KindSpec): Map<string, number> {
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

export interface PieceStager {
	/** Stages one piece of whole lines, numbered on from base; returns false once nothing is left. */
	stage(piece: Buffer, base: number, first: boolean): Promise<boolean>;
}

export function countByte(buf: Buffer, byte: number): number {
	let n = 0;
	for (let i = buf.indexOf(byte); i !== -1; i = buf.indexOf(byte, i + 1)) n++;
	return n;
}

/** Nothing but spaces, tabs, line breaks and byte-order marks. */
export function isBlank(buf: Buffer): boolean {
	for (let i = 0; i < buf.length; i++) {
		const b = buf[i];
		if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
		if (b === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) {
			i += 2;
			continue;
		}
		return false;
	}
	return true;
}

/** ing_objs (line, raw, obj) → ing_stage: members by lower-cased key, arrays/objects flagged. */
export async function stageJsonObjects(conn: DuckDBConnection, spec: KindSpec): Promise<void> {
	const picks = spec.columns.map(
		(c) => `first(v) FILTER (WHERE k = '${c.name}') AS ${quote(c.name)}`
	);
	await conn.run(`-- JSON members by lower-cased key, read by their text form; arrays/objects flagged
CREATE OR REPLACE TEMP TABLE ing_json_stage AS
WITH kv AS (
	SELECT o.line, lower(trim(e.key)) AS k, e.type AS t, ing_trim(e.value ->> '$') AS v
	FROM ing_objs o, json_each(o.obj) e WHERE o.obj IS NOT NULL
), p AS (
	SELECT line, list(k) FILTER (WHERE t IN ('ARRAY', 'OBJECT')) AS nonscalar,
		${picks.join(',\n\t\t')}
	FROM kv GROUP BY line
)
SELECT o.line, o.raw, o.obj IS NULL AS malformed, p.* EXCLUDE (line)
FROM ing_objs o LEFT JOIN p USING (line)`);
	await conn.run('CREATE OR REPLACE TEMP VIEW ing_stage AS SELECT * FROM ing_json_stage');
}
