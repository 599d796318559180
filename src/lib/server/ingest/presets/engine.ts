// Applying a mapping to source records: one contract-shaped record per source record, each with
// its own line and raw text. Legs of one contact (groupBy) and older versions of a record
// (latest) are staged as exact copies of the combined record, so the contract's own within-file
// rule counts them unchanged (or rejects each with the same reasons): accepted + rejected = read
// holds without a special case. Reversal records (and the records they cancel) are not staged;
// they count as accepted and their keys are removed from the stored table.
import { SPECS, type ColumnSpec } from '../spec.ts';
import {
	exprFields,
	parseExpr,
	type ColumnRule,
	type Combine,
	type Expr,
	type Mapping
} from './mapping.ts';
import { fieldIndex, type SourceRecord, type SourceTable } from './source.ts';
import { parseWall, toDateText, toSeconds, toUtcText, utcMs, type Unit } from './time.ts';

export interface NdcEntry {
	drugName: string;
	drugClass: string | null;
}

export interface MapContext {
	/** NDC text (any of its forms) → product; null when the table does not know it. */
	ndc?: (code: string) => NdcEntry | null;
}

export interface Cell {
	/** The source text the value came from (null when empty or constant). */
	source: string | null;
	/** The text handed to the contract rules. */
	value: string | null;
	/** Why the mapping could not convert it (the column is then invalid). */
	error?: string;
}

export interface StagedRecord {
	line: number;
	raw: string;
	malformed: boolean;
	values: Record<string, string | null>;
	invalid: string[];
	cells: Record<string, Cell>;
	/** Number of source records combined into this one (legs, versions). */
	legs: number;
}

export interface MapResult {
	records: StagedRecord[];
	/** Source records folded into another record's copy (legs after the first, older versions). */
	merged: number;
	/** Source records removed by reversals (the reversals and what they cancel). */
	reversed: number;
	/** Keys whose final state in this file is reversed: removed from the stored table. */
	reversedKeys: string[];
}

type Get = (field: string) => string | null;

const lower = (s: string) => s.toLowerCase();

function evalText(e: Expr, get: Get, rule: ColumnRule, zone: string): string | null {
	if ('field' in e) return get(e.field);
	if ('text' in e) return e.text;
	const args = () => e.args.map((a) => evalText(a, get, rule, zone));
	switch (e.fn) {
		case 'coalesce':
			return args().find((x) => x !== null) ?? null;
		case 'concat': {
			// Literal pieces ('-', ' ') join fields; a missing field makes the whole value missing.
			const parts = args();
			return parts.some((x, k) => x === null && 'field' in e.args[k]) ? null : parts.join('');
		}
		case 'sum': {
			const values = args();
			if (values.every((x) => x === null)) return null;
			let total = 0;
			for (const x of values) {
				if (x === null) continue;
				const s = toSeconds(x, (rule.unit ?? 's') as Unit);
				if (s === null) throw new ConvertError(`"${x}" is not a duration in ${rule.unit ?? 's'}`);
				total += s;
			}
			return String(total);
		}
		case 'seconds_between': {
			const [a, b] = args();
			if (a === null || b === null) return null;
			const wa = parseWall(a, rule.date ?? 'iso');
			const wb = parseWall(b, rule.date ?? 'iso');
			if (!wa || !wb)
				throw new ConvertError(`"${wa ? b : a}" is not a time in ${rule.date ?? 'iso'}`);
			return String((utcMs(toUtcText(wb, zone)) - utcMs(toUtcText(wa, zone))) / 1000);
		}
	}
}

class ConvertError extends Error {}

/** One contract column of one record: when-rules, source, lookup, value map, default, conversion. */
export function evalColumn(
	col: ColumnSpec,
	rule: ColumnRule,
	get: Get,
	zone: string,
	ctx: MapContext
): Cell {
	for (const w of rule.when ?? []) {
		const src = get(w.column);
		if (w.in.some((x) => (x === '' ? src === null : src !== null && lower(x) === lower(src))))
			return { source: src, value: w.value };
	}
	const expr = rule.expr !== undefined ? parseExpr(rule.expr) : null;
	let source: string | null;
	let text: string | null;
	try {
		source = rule.const !== undefined ? null : rule.from !== undefined ? get(rule.from) : null;
		text = rule.const ?? (expr ? evalText(expr, get, rule, zone) : source);
		if (expr) source = text;
	} catch (err) {
		if (err instanceof ConvertError) return { source: null, value: null, error: err.message };
		throw err;
	}
	const converted =
		expr !== null && 'fn' in expr && (expr.fn === 'sum' || expr.fn === 'seconds_between');
	if (text !== null && rule.lookup) {
		const hit = ctx.ndc?.(text) ?? null;
		// An unknown product leaves the drug name missing (the row's reason); its class just empty.
		if (!hit && rule.lookup === 'ndc.drug_name')
			return { source, value: null, error: `NDC ${text} is not in the NDC table` };
		text = !hit ? null : rule.lookup === 'ndc.drug_name' ? hit.drugName : hit.drugClass;
	}
	if (text !== null && rule.map) {
		const key = Object.keys(rule.map).find((k) => lower(k) === lower(text as string));
		text = key !== undefined ? rule.map[key] : (rule.map['*'] ?? text);
	}
	if (text === null && rule.default !== undefined) text = rule.default;
	if (text === null || converted || rule.const !== undefined) return { source, value: text };
	if (col.type === 'number' && rule.divide) {
		const n = toSeconds(text, 's');
		return n === null
			? { source, value: text, error: `"${text}" is not a number` }
			: { source, value: String(n / rule.divide) };
	}
	if (col.type === 'number' && rule.unit) {
		const s = toSeconds(text, rule.unit as Unit);
		return s === null
			? { source, value: text, error: `"${text}" is not a duration in ${rule.unit}` }
			: { source, value: String(s) };
	}
	if (col.type === 'timestamp' && (rule.date || zone !== 'UTC')) {
		const w = parseWall(text, rule.date ?? 'iso');
		return w
			? { source, value: toUtcText(w, zone) }
			: {
					source,
					value: text,
					error: `"${text}" does not match the date format ${rule.date ?? 'iso'}`
				};
	}
	if (col.type === 'date' && rule.date) {
		const w = parseWall(text, rule.date);
		return w
			? { source, value: toDateText(w) }
			: { source, value: text, error: `"${text}" does not match the date format ${rule.date}` };
	}
	return { source, value: text };
}

/** Source fields the mapping needs that the file lacks (case-insensitive). */
export function missingFields(mapping: Mapping, fields: string[]): string[] {
	const have = new Set(fields.map(lower));
	const optional = new Set((mapping.optional ?? []).map(lower));
	const needed = new Set<string>();
	for (const rule of Object.values(mapping.columns)) {
		if (rule.from) needed.add(rule.from);
		if (rule.expr) for (const f of exprFields(parseExpr(rule.expr))) needed.add(f);
		for (const w of rule.when ?? []) needed.add(w.column);
	}
	if (mapping.groupBy) for (const f of exprFields(parseExpr(mapping.groupBy))) needed.add(f);
	if (mapping.latest) needed.add(mapping.latest.key).add(mapping.latest.by);
	if (mapping.reversal) needed.add(mapping.reversal.column);
	return [...needed].filter((f) => !have.has(lower(f)) && !optional.has(lower(f)));
}

interface Mapped extends StagedRecord {
	group: string | null;
	version: string | null;
	versionAt: number;
	isReversal: boolean;
}

function defaultCombine(col: ColumnSpec): Combine {
	if (col.type === 'timestamp') return 'min';
	if (col.name.endsWith('_seconds')) return 'sum';
	return 'last';
}

function combine(legs: Mapped[], mapping: Mapping): Pick<StagedRecord, 'values' | 'invalid'> {
	const values: Record<string, string | null> = {};
	const invalid: string[] = [];
	for (const col of SPECS[mapping.kind].columns) {
		if (legs.some((l) => l.invalid.includes(col.name))) invalid.push(col.name);
		const how = (mapping.combine?.[col.name] as Combine | undefined) ?? defaultCombine(col);
		const present = legs.map((l) => l.values[col.name]).filter((x): x is string => x !== null);
		let value: string | null = null;
		if (present.length > 0 && !invalid.includes(col.name)) {
			if (how === 'first') value = present[0];
			else if (how === 'last') value = present[present.length - 1];
			else if (how === 'sum') value = String(present.reduce((a, x) => a + Number(x), 0));
			else {
				const numeric = col.type === 'number' || col.type === 'integer';
				const key = (x: string) => (numeric ? Number(x) : x);
				value = present.reduce((a, x) =>
					(how === 'min' ? key(x) < key(a) : key(x) > key(a)) ? x : a
				);
			}
		} else if (present.length > 0)
			value = legs.find((l) => l.invalid.includes(col.name))!.values[col.name];
		values[col.name] = value;
	}
	return { values, invalid };
}

/** Maps every record; groups legs, keeps newest versions, applies reversals. */
export function applyMapping(
	table: SourceTable,
	mapping: Mapping,
	ctx: MapContext = {},
	/** Records whose per-cell detail is kept (the preview's); the rest keep only their values. */
	keepCells = Infinity
): MapResult {
	const spec = SPECS[mapping.kind];
	const index = fieldIndex(table.fields);
	const zone = mapping.sourceTimeZone ?? 'UTC';
	const groupExpr = mapping.groupBy ? parseExpr(mapping.groupBy) : null;
	const keyCol = spec.key[0];
	const mapped: Mapped[] = table.records.map((r: SourceRecord, k) => {
		const get: Get = (f) => r.values.get(index.get(lower(f)) ?? f) ?? null;
		const values: Record<string, string | null> = {};
		const cells: Record<string, Cell> = {};
		const invalid: string[] = [];
		for (const col of spec.columns) {
			const rule = mapping.columns[col.name];
			const cell =
				r.malformed || !rule
					? { source: null, value: null }
					: evalColumn(col, rule, get, zone, ctx);
			if (k < keepCells) cells[col.name] = cell;
			values[col.name] = cell.value;
			if (cell.error) invalid.push(col.name);
		}
		const w = mapping.reversal;
		const rev = w ? get(w.column) : null;
		const version = mapping.latest && !r.malformed ? get(mapping.latest.key) : null;
		const at = mapping.latest ? get(mapping.latest.by) : null;
		const wall = at ? parseWall(at) : null;
		return {
			line: r.line,
			raw: r.raw,
			malformed: r.malformed === true,
			values,
			cells,
			invalid,
			legs: 1,
			group: r.malformed ? null : groupExpr ? evalText(groupExpr, get, {}, zone) : null,
			version,
			versionAt: wall ? utcMs(toUtcText(wall, 'UTC')) : -Infinity,
			isReversal: !r.malformed && !!w && rev !== null && w.in.some((x) => lower(x) === lower(rev))
		};
	});
	// Newest version per key (ties: the later record); the others become its copies.
	const winner = new Map<string, Mapped>();
	for (const m of mapped) {
		if (m.version === null) continue;
		const best = winner.get(m.version);
		if (!best || m.versionAt >= best.versionAt) winner.set(m.version, m);
	}
	const groupOf = (m: Mapped) => {
		const w = m.version !== null ? winner.get(m.version)! : m;
		if (w.group !== null) return `g:${w.group}`;
		if (mapping.latest && w.version !== null) return `v:${w.version}`;
		return null;
	};
	const groups = new Map<string, Mapped[]>();
	for (const m of mapped) {
		const g = groupOf(m);
		if (g !== null) groups.set(g, [...(groups.get(g) ?? []), m]);
	}
	for (const members of groups.values()) {
		// A leg repeated byte for byte is one leg (an export that lists a row twice).
		const seen = new Set<string>();
		const legs = members.filter((m) => {
			if (m.version !== null && winner.get(m.version) !== m) return false;
			if (seen.has(m.raw)) return false;
			seen.add(m.raw);
			return true;
		});
		const merged = combine(legs, mapping);
		for (const m of members) {
			m.values = merged.values;
			m.invalid = merged.invalid;
			m.legs = members.length;
		}
	}
	let reversed = 0;
	const reversedKeys: string[] = [];
	const dropped = new Set<Mapped>();
	if (mapping.reversal) {
		const byKey = new Map<string, Mapped[]>();
		for (const m of mapped) {
			const k = m.values[keyCol];
			if (k !== null && !m.malformed) byKey.set(k, [...(byKey.get(k) ?? []), m]);
		}
		for (const [key, list] of byKey) {
			const last = list.findLastIndex((m) => m.isReversal);
			if (last < 0) continue;
			for (const m of list.slice(0, last + 1)) dropped.add(m);
			if (last === list.length - 1) reversedKeys.push(key);
		}
		reversed = dropped.size;
	}
	const records = mapped.filter((m) => !dropped.has(m));
	const merged = [...groups.values()].reduce(
		(n, g) => n + g.filter((m) => !dropped.has(m)).length - 1,
		0
	);
	return {
		records: records.map(({ line, raw, malformed, values, invalid, cells, legs }) => ({
			line,
			raw,
			malformed,
			values,
			invalid,
			cells,
			legs
		})),
		merged: Math.max(0, merged),
		reversed,
		reversedKeys
	};
}
