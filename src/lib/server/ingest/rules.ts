// The contract's value rules as SQL: from `ing_stage` (source text) to `ing_typed` (typed values
// plus every reason that applies, in column order). Generated from spec.ts, so identifiers and
// enum values come only from the contract tables.
import type { ColumnSpec, KindSpec } from './spec.ts';

// Whitespace that trimming removes (space, tab, LF, CR, VT, FF, NBSP).
const WS = `' ' || chr(9) || chr(10) || chr(13) || chr(11) || chr(12) || chr(160)`;

// Date, then T/t/space, HH:MM[:SS[.fraction]], then Z/z/±HH:MM/±HHMM/±HH; or a bare date.
const TIMESTAMP_RE = String.raw`^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?$`;

/** Parsing macros, created per connection (temporary) before the rules run. */
export const MACROS_SQL = [
	`-- trimmed text, empty → null; the edge check first because most values need no trimming
CREATE OR REPLACE TEMP MACRO ing_trim(x) AS
	CASE WHEN x = '' THEN NULL
		WHEN ascii(x) IN (32, 9, 10, 13, 11, 12, 160) OR suffix(x, ' ') OR suffix(x, chr(9)) OR suffix(x, chr(10))
			OR suffix(x, chr(13)) OR suffix(x, chr(11)) OR suffix(x, chr(12)) OR suffix(x, chr(160))
		THEN nullif(trim(x, ${WS}), '') ELSE x END`,
	String.raw`-- integral numbers (4, 4.0, +4); 4.5 is not one
CREATE OR REPLACE TEMP MACRO ing_int(v) AS
	CASE WHEN regexp_full_match(v, '[+-]?[0-9]+(\.0*)?') AND isfinite(CAST(regexp_extract(v, '^[+-]?[0-9]+') AS DOUBLE))
		THEN CAST(regexp_extract(v, '^[+-]?[0-9]+') AS DOUBLE) END`,
	String.raw`-- plain decimal numbers, no units; a value beyond a double's range (1e400) is invalid, not Infinity
CREATE OR REPLACE TEMP MACRO ing_num(v) AS
	CASE WHEN regexp_full_match(v, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?') AND isfinite(try_cast(v AS DOUBLE))
		THEN try_cast(v AS DOUBLE) END`,
	`-- true/false, yes/no, 1/0, any case
CREATE OR REPLACE TEMP MACRO ing_bool(v) AS
	CASE lower(v) WHEN 'true' THEN true WHEN 'yes' THEN true WHEN '1' THEN true
		WHEN 'false' THEN false WHEN 'no' THEN false WHEN '0' THEN false END`,
	`-- exactly YYYY-MM-DD and a real calendar date
CREATE OR REPLACE TEMP MACRO ing_date(v) AS
	CASE WHEN regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN try_cast(v AS DATE) END`,
	`-- the timestamp grammar's parts ('' where a part is absent; d = '' when it does not match)
CREATE OR REPLACE TEMP MACRO ing_ts_parts(v) AS
	regexp_extract(v, '${TIMESTAMP_RE}', ['d', 'h', 'mi', 's', 'f', 'z', 'sg', 'oh', 'om'])`,
	String.raw`-- the common form YYYY-MM-DD[T ]HH:MM:SS[Z] by a cast (DuckDB's own cast is laxer: check first)
CREATE OR REPLACE TEMP MACRO ing_ts_is_common(v) AS
	regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][Zz]?')`,
	`CREATE OR REPLACE TEMP MACRO ing_ts_common(v) AS try_cast(left(v, 10) || ' ' || substr(v, 12, 8) AS TIMESTAMP)`,
	`-- parts → UTC timestamp (fraction truncated to microseconds); NULL for impossible values
CREATE OR REPLACE TEMP MACRO ing_ts(p) AS
	CASE WHEN p.d <> '' AND try_cast(p.d AS DATE) IS NOT NULL
		AND coalesce(nullif(p.h, '')::INTEGER, 0) <= 23 AND coalesce(nullif(p.mi, '')::INTEGER, 0) <= 59
		AND coalesce(nullif(p.s, '')::INTEGER, 0) <= 59
		AND coalesce(nullif(p.oh, '')::INTEGER, 0) <= 23 AND coalesce(nullif(p.om, '')::INTEGER, 0) <= 59
	THEN make_timestamp(
		(try_cast(p.d AS DATE) - DATE '1970-01-01')::BIGINT * 86400000000
		+ ((coalesce(nullif(p.h, '')::BIGINT, 0) * 60 + coalesce(nullif(p.mi, '')::BIGINT, 0)) * 60
			+ coalesce(nullif(p.s, '')::BIGINT, 0)) * 1000000
		+ rpad(left(p.f, 6), 6, '0')::BIGINT
		- (CASE p.sg WHEN '-' THEN -1 ELSE 1 END)
			* (coalesce(nullif(p.oh, '')::BIGINT, 0) * 60 + coalesce(nullif(p.om, '')::BIGINT, 0)) * 60000000)
	END`
];

const q = (name: string) => `"${name}"`;
const lit = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** SQL parsing the trimmed text of column c (NULL when unparseable or not an allowed value). */
function parseExpr(c: ColumnSpec): string {
	const v = q(c.name);
	switch (c.type) {
		case 'string':
			return c.lower ? `lower(${v})` : v;
		case 'enum':
			// list_contains, not IN: DuckDB turns an IN list into a hash (mark) join per column.
			return `CASE WHEN list_contains([${(c.values ?? []).map(lit).join(', ')}], lower(${v})) THEN lower(${v}) END`;
		case 'timestamp':
			// Parts exist only for values not in the common full form (see typedSql).
			return `(CASE WHEN ${q(c.name + '__p')} IS NULL THEN ing_ts_common(${v}) ELSE ing_ts(${q(c.name + '__p')}) END)`;
		case 'date':
			return `ing_date(${v})`;
		case 'integer':
			return `ing_int(${v})`;
		case 'number':
			return `ing_num(${v})`;
		case 'boolean':
			return `ing_bool(${v})`;
	}
}

/** The parsed value: a column of ing_parsed, or for timestamps an expression over its parts. */
const parsedRef = (c: ColumnSpec) => (c.type === 'timestamp' ? parseExpr(c) : q(c.name + '__x'));

function rangeExpr(c: ColumnSpec, x: string): string | null {
	const parts: string[] = [];
	if (c.min !== undefined) parts.push(`${x} >= ${c.min}`);
	if (c.max !== undefined) parts.push(`${x} <= ${c.max}`);
	return parts.length ? parts.join(' AND ') : null;
}

// Interactions: agent_id is required unless the disposition is abandoned (any direction).
const isAgentRule = (spec: KindSpec, c: ColumnSpec) =>
	spec.kind === 'interactions' && c.name === 'agent_id';
const ABANDONED = `lower("disposition") = 'abandoned'`;

/** Why a column breaks the contract, or NULL. Special cases by kind.column above. */
function reasonExpr(spec: KindSpec, c: ColumnSpec, scalar: boolean): string {
	const v = q(c.name);
	const x = parsedRef(c);
	const nonscalar = scalar ? 'false' : `list_contains(nonscalar, ${lit(c.name)})`;
	let missing = c.required ? lit(`missing ${c.name}`) : 'NULL';
	if (isAgentRule(spec, c))
		missing = `CASE WHEN ${ABANDONED} IS NOT TRUE THEN 'missing agent_id' END`;
	const range = rangeExpr(c, x);
	return `CASE WHEN ${nonscalar} THEN ${lit(`invalid ${c.name}`)}
		WHEN ${v} IS NULL THEN ${missing}
		WHEN ${x} IS NULL THEN ${lit(`invalid ${c.name}`)}
		${range ? `WHEN NOT (${range}) THEN ${lit(`out of range ${c.name}`)}` : ''} END`;
}

/**
 * True when reasonExpr gives NULL for a scalar value (callers check the row has no nonscalar
 * column); null when the column always passes. Only cheap tests: no reason text, no list.
 */
function passesExpr(spec: KindSpec, c: ColumnSpec): string | null {
	const range = rangeExpr(c, parsedRef(c));
	// A string parses whenever it is present.
	let parsed = 'true';
	if (range) parsed = `coalesce(${range}, false)`;
	else if (c.type !== 'string') parsed = `${parsedRef(c)} IS NOT NULL`;
	const missing = isAgentRule(spec, c) ? ABANDONED : c.required ? 'false' : 'true';
	if (parsed === 'true' && missing === 'true') return null;
	return `(CASE WHEN ${q(c.name)} IS NULL THEN ${missing} ELSE ${parsed} END)`;
}

/** The stored value: parsed, in range and scalar; the fallback for null; NULL otherwise. */
function typedExpr(c: ColumnSpec, scalar: boolean): string {
	const x = parsedRef(c);
	const range = rangeExpr(c, x);
	let value = range ? `CASE WHEN ${range} THEN ${x} END` : x;
	if (c.type === 'integer') value = `CAST(${value} AS BIGINT)`;
	if (c.fallback !== undefined)
		value = `CASE WHEN ${q(c.name)} IS NULL THEN ${lit(c.fallback)} ELSE ${value} END`;
	if (scalar) return `${value} AS ${q(c.name)}`;
	// list_contains(NULL, …) is NULL (CSV has no nonscalar list): the ELSE branch then applies.
	return `CASE WHEN list_contains(nonscalar, ${lit(c.name)}) THEN NULL ELSE ${value} END AS ${q(c.name)}`;
}

/** Row-level rules that look at more than one column: when it breaks, and the reason. */
function extraRules(spec: KindSpec): { breaks: string; reason: string }[] {
	if (spec.kind !== 'surveys') return [];
	// Judged on the source values: an invalid score is present, so it gives only its own reason.
	return [
		{
			breaks: `"csat" IS NULL AND "nps" IS NULL AND "ces" IS NULL AND "comment" IS NULL`,
			reason: 'empty survey'
		}
	];
}

/**
 * The typed rows of the batch in ing_stage (stage.ts): line, raw, <contract columns typed>,
 * reasons. One statement: a parsed value that both the stored value and the reasons use is
 * computed twice (DuckDB inlines it), which measured cheaper than materialising it. Timestamps
 * in the common full form are cast; only the others get their parts from the (slower)
 * capture-group regex.
 */
export function typedSelect(
	spec: KindSpec,
	opts: {
		/** The source relation (default: the batch view ing_stage). */
		from?: string;
		/** Build raw text from this expression, and only for rows that break a rule. */
		rawWhenRejected?: string;
		/**
		 * The source has neither malformed records nor nonscalar values (a plain CSV): their
		 * tests are left out instead of evaluated per row.
		 */
		scalar?: boolean;
	} = {}
): string {
	const scalar = opts.scalar ?? false;
	const cols = spec.columns;
	const parsed = cols.map((c) =>
		c.type === 'timestamp'
			? `CASE WHEN ${q(c.name)} IS NOT NULL AND NOT ing_ts_is_common(${q(c.name)}) THEN ing_ts_parts(${q(c.name)}) END AS ${q(c.name + '__p')}`
			: `${parseExpr(c)} AS ${q(c.name + '__x')}`
	);
	const extra = extraRules(spec);
	const reasons = [
		...cols.map((c) => reasonExpr(spec, c, scalar)),
		...extra.map((e) => `CASE WHEN ${e.breaks} THEN ${lit(e.reason)} END`)
	];
	// Most rows break no rule: a cheap test lets them skip building and filtering the reasons.
	const passes = [
		...(scalar ? [] : ['coalesce(len(nonscalar), 0) = 0']),
		...cols.map((c) => passesExpr(spec, c)).filter((p) => p !== null),
		...extra.map((e) => `NOT (${e.breaks})`)
	];
	const passing = passes.length > 0 ? passes.join('\n\t\t\tAND ') : 'true';
	// Raw text costs a string per row; a reader that can find it again (plain-csv.ts) builds it
	// only for rows that break a rule (a CASE branch runs only for its rows).
	const raw = opts.rawWhenRejected
		? `CASE WHEN ${scalar ? '' : 'malformed OR '}(${passing}) IS NOT TRUE THEN (${opts.rawWhenRejected})::VARCHAR END`
		: 'raw::VARCHAR';
	return `-- every value rule of the ${spec.kind} contract, all reasons per row
WITH ing_parsed AS (SELECT *, ${parsed.join(', ')} FROM ${opts.from ?? 'ing_stage'})
SELECT line::INTEGER AS line, ${raw} AS raw, ${cols.map((c) => typedExpr(c, scalar)).join(',\n\t')},
	CASE ${scalar ? '' : "WHEN malformed THEN ['malformed record']"}
		WHEN ${passing} THEN []::VARCHAR[]
		ELSE list_filter([${reasons.join(',\n\t\t')}], r -> r IS NOT NULL) END AS reasons
FROM ing_parsed`;
}
