// The mapping format: how a vendor file's fields become contract columns. A preset is a named
// mapping (plus, for nested exports, a flattening step); a site can save its own as JSON and use
// it with `careloop ingest --mapping FILE` or on the Import page. Parsed with valibot at every
// trust boundary (files, form posts); the contract column names come from spec.ts only.
import * as v from 'valibot';
import { KINDS, SPECS, type Kind } from '../spec.ts';
import { checkZone, UNITS } from './time.ts';

const Text = v.pipe(v.string(), v.maxLength(500));

const When = v.object({
	column: Text,
	/** Source values (case-insensitive) that select this rule; "" matches an empty value. */
	in: v.array(Text),
	value: Text
});

export const ColumnRuleSchema = v.object({
	/** A source field name (case-insensitive). */
	from: v.optional(Text),
	/** An expression over source fields: coalesce(…), sum(…), concat(a, '-', b), seconds_between(a, b). */
	expr: v.optional(Text),
	/** A constant value, e.g. channel = voice. */
	const: v.optional(Text),
	/** Duration unit of the source: seconds, milliseconds, minutes or H:MM:SS. */
	unit: v.optional(v.picklist(UNITS)),
	/** Implied decimals: the source number is divided by this (NCPDP quantity: 1000). */
	divide: v.optional(v.pipe(v.number(), v.minValue(1))),
	/** Date format of the source ('iso', 'CCYYMMDD', or tokens such as 'MM/DD/YYYY HH:mm:ss'). */
	date: v.optional(Text),
	/** Source value (case-insensitive) → contract value; "*" stands for any other value. */
	map: v.optional(v.record(Text, Text)),
	/** Value when the source is empty. */
	default: v.optional(Text),
	/** Rules over other source fields, tried first (e.g. Abandon = Y → abandoned). */
	when: v.optional(v.array(When)),
	/** A table to look the value up in: the NDC table's drug name or class. */
	lookup: v.optional(v.picklist(['ndc.drug_name', 'ndc.drug_class']))
});
export type ColumnRule = v.InferOutput<typeof ColumnRuleSchema>;

export const COMBINE = ['first', 'last', 'sum', 'min', 'max'] as const;
export type Combine = (typeof COMBINE)[number];

export const MappingSchema = v.object({
	name: v.optional(
		v.pipe(
			Text,
			v.regex(/^[\w .-]{1,80}$/, 'A mapping name uses letters, digits, spaces, dots, dashes.')
		)
	),
	/** The preset this mapping started from (for the record). */
	preset: v.optional(Text),
	kind: v.picklist(KINDS),
	/** Header rows before the records; the first names the fields (Qualtrics: 3). */
	headerRows: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10))),
	/** IANA zone of local times written without an offset (default UTC). */
	sourceTimeZone: v.optional(Text),
	/** A JSON file that wraps its array in an object member, e.g. "conversations". */
	wrapper: v.optional(Text),
	/** Versions of one record: keep the one with the greatest `by` per `key`. */
	latest: v.optional(v.object({ key: Text, by: Text })),
	/** Legs with the same value (a source field or expression) form one contract record. */
	groupBy: v.optional(Text),
	/** How legs combine per contract column (default: times min, seconds sum, others last). */
	combine: v.optional(v.record(Text, v.picklist(COMBINE))),
	/** Records that reverse (remove) the record with the same key, e.g. NCPDP B2. */
	reversal: v.optional(When),
	/** Source fields the mapping reads that a file may lack (nested members absent in some exports). */
	optional: v.optional(v.array(Text)),
	columns: v.record(Text, ColumnRuleSchema)
});
export type Mapping = v.InferOutput<typeof MappingSchema>;

/** Parses and checks a mapping; throws one sentence naming what is wrong. */
export function parseMapping(input: unknown): Mapping {
	const parsed = v.safeParse(MappingSchema, input);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const path = v.getDotPath(issue);
		throw new Error(`The mapping is not valid${path ? ` at ${path}` : ''}: ${issue.message}`);
	}
	const m = parsed.output;
	const names = new Set(SPECS[m.kind].columns.map((c) => c.name));
	for (const [col, rule] of Object.entries(m.columns)) {
		if (!names.has(col))
			throw new Error(`The mapping names "${col}", which is not a ${m.kind} column.`);
		const sources = [rule.from, rule.expr, rule.const].filter((x) => x !== undefined).length;
		if (sources > 1)
			throw new Error(`The mapping of ${col} gives more than one of from, expr and const.`);
		if (rule.expr !== undefined) parseExpr(rule.expr);
	}
	if (m.sourceTimeZone) checkZone(m.sourceTimeZone);
	if (m.groupBy) parseExpr(m.groupBy);
	return m;
}

export const mappingKind = (m: Mapping): Kind => m.kind;

export type Expr = { field: string } | { text: string } | { fn: Fn; args: Expr[] };
export const FUNCTIONS = ['coalesce', 'sum', 'concat', 'seconds_between'] as const;
export type Fn = (typeof FUNCTIONS)[number];

/**
 * `name(arg, …)` where an argument is a nested call, a 'quoted text' or a field name (anything up
 * to the next comma or parenthesis, trimmed); a bare text is one field name.
 */
export function parseExpr(src: string): Expr {
	let i = 0;
	const fail = (why: string): never => {
		throw new Error(`The expression "${src}" cannot be read: ${why}.`);
	};
	const ws = () => {
		while (src[i] === ' ') i++;
	};
	const arg = (): Expr => {
		ws();
		if (src[i] === "'") {
			const end = src.indexOf("'", i + 1);
			if (end < 0) fail('a quote is not closed');
			const text = src.slice(i + 1, end);
			i = end + 1;
			return { text };
		}
		const m = /^([^,()]*)/.exec(src.slice(i))!;
		const word = m[1].trim();
		i += m[1].length;
		if (src[i] === '(') {
			const fn = word.toLowerCase() as Fn;
			if (!FUNCTIONS.includes(fn)) fail(`"${word}" is not one of ${FUNCTIONS.join(', ')}`);
			i++;
			const args: Expr[] = [];
			ws();
			if (src[i] !== ')') {
				for (;;) {
					args.push(arg());
					ws();
					if (src[i] === ',') i++;
					else if (src[i] === ')') break;
					else fail('a parenthesis is not closed');
				}
			}
			i++;
			if (fn === 'seconds_between' && args.length !== 2) fail('seconds_between takes two fields');
			if (args.length === 0) fail(`${fn} needs at least one argument`);
			return { fn, args };
		}
		if (word === '') fail('an argument is empty');
		return { field: word };
	};
	const e = arg();
	ws();
	if (i < src.length) fail(`unexpected "${src.slice(i)}"`);
	return e;
}

/** Source fields an expression reads. */
export function exprFields(e: Expr): string[] {
	if ('field' in e) return [e.field];
	if ('fn' in e) return e.args.flatMap(exprFields);
	return [];
}
