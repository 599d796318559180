// Reading a vendor file into source records: every record keeps its 1-based line (CSV physical
// line where it starts, the element index of a JSON array, the row of a sheet) and its exact raw
// text, so a mapped file's rejects carry what the contract promises. Nested JSON members become
// dotted field names ("Agent.Username"); arrays stay as their JSON text for a preset to unpack.
import { FileError } from '../read.ts';

export type SourceFormat = 'csv' | 'json' | 'ndjson' | 'xlsx';

/** A record's values by field name as written (trimmed text, empty → null). */
export interface Values {
	get(field: string): string | null | undefined;
	set(field: string, value: string | null): unknown;
	keys(): Iterable<string>;
	[Symbol.iterator](): Iterator<[string, string | null]>;
}

/**
 * Values of a CSV or sheet row: one array over the table's shared field index (a Map per row
 * costs several times the memory on large exports); fields a preset adds go to a small Map.
 */
export class Row implements Values {
	private extra: Map<string, string | null> | null = null;
	constructor(
		private readonly index: Map<string, number>,
		private readonly cells: (string | null)[]
	) {}
	get(field: string): string | null | undefined {
		const at = this.index.get(field);
		return at !== undefined ? this.cells[at] : this.extra?.get(field);
	}
	set(field: string, value: string | null): this {
		const at = this.index.get(field);
		if (at !== undefined) this.cells[at] = value;
		else (this.extra ??= new Map()).set(field, value);
		return this;
	}
	*keys(): IterableIterator<string> {
		for (const [field] of this) yield field;
	}
	*[Symbol.iterator](): IterableIterator<[string, string | null]> {
		for (const [field, at] of this.index) yield [field, this.cells[at] ?? null];
		if (this.extra) yield* this.extra;
	}
}

/** Field name → position, for Row. */
export const positions = (fields: string[]) => new Map(fields.map((f, k) => [f, k]));

export interface SourceRecord {
	line: number;
	raw: string;
	values: Values;
	/** The record cannot be read (wrong field count, broken JSON, not an object). */
	malformed?: boolean;
	/** The parsed JSON element, for presets that read nested structures. */
	json?: unknown;
}

export interface SourceTable {
	format: SourceFormat;
	/** Field names in file order (CSV header, or every key seen in JSON records). */
	fields: string[];
	records: SourceRecord[];
	sheet?: string;
}

const trimValue = (s: string): string | null => {
	const t = s.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
	return t === '' ? null : t;
};

/** RFC 4180 records with the physical line each starts on; a broken quote runs to the end. */
export function splitCsv(text: string): { line: number; raw: string; fields: string[] | null }[] {
	const out: { line: number; raw: string; fields: string[] | null }[] = [];
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	while (i < text.length) {
		const start = i;
		const startLine = line;
		// Most records hold no quote: split the line as it is.
		const nl = text.indexOf('\n', i);
		const end = nl < 0 ? text.length : nl;
		const plain = text.slice(i, end);
		if (!plain.includes('"')) {
			const raw = plain.endsWith('\r') ? plain.slice(0, -1) : plain;
			i = end + 1;
			line++;
			if (raw.trim() !== '') out.push({ line: startLine, raw, fields: raw.split(',') });
			continue;
		}
		const fields: string[] = [];
		let field = '';
		let quoted = false;
		let ok = true;
		let fieldStart = true;
		for (; i < text.length; i++) {
			const ch = text[i];
			if (quoted) {
				if (ch === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i++;
					} else quoted = false;
				} else {
					if (ch === '\n') line++;
					field += ch;
				}
			} else if (ch === '"' && fieldStart) {
				quoted = true;
				field = '';
				fieldStart = false;
			} else if (ch === '"') {
				ok = ok && field.trim() === '';
				quoted = true;
			} else if (ch === ',') {
				fields.push(field);
				field = '';
				fieldStart = true;
			} else if (ch === '\n') break;
			else {
				if (!(ch === ' ' || ch === '\t') || !fieldStart) fieldStart = false;
				field += ch;
			}
		}
		if (quoted) ok = false;
		fields.push(field);
		let raw = text.slice(start, i);
		if (raw.endsWith('\r')) {
			raw = raw.slice(0, -1);
			const last = fields.length - 1;
			if (fields[last].endsWith('\r')) fields[last] = fields[last].slice(0, -1);
		}
		if (i < text.length) {
			i++;
			line++;
		}
		if (raw.trim() === '') continue;
		out.push({ line: startLine, raw, fields: ok ? fields : null });
	}
	return out;
}

/**
 * A CSV with `headerRows` rows of header: the first names the fields, the others (Qualtrics'
 * question texts and import ids) are skipped and are not records.
 */
export function readCsv(text: string, headerRows = 1): SourceTable {
	const all = splitCsv(text);
	const header = all[0];
	if (!header) return { format: 'csv', fields: [], records: [] };
	if (!header.fields) throw new FileError('The header row is not valid CSV (check its quotes).');
	const fields = header.fields.map((f) => f.trim());
	const seen = new Set<string>();
	for (const f of fields) {
		const key = f.toLowerCase();
		if (seen.has(key))
			throw new FileError(
				`The header names the column "${f}" more than once, so its values are ambiguous.`
			);
		seen.add(key);
	}
	const index = positions(fields);
	const records = all.slice(headerRows).map((r) => {
		const malformed = !r.fields || r.fields.length !== fields.length;
		const cells = malformed ? [] : r.fields!.map(trimValue);
		return { line: r.line, raw: r.raw, values: new Row(index, cells), malformed };
	});
	return { format: 'csv', fields, records };
}

/** Nested members → dotted names; scalars by their text form; arrays as JSON text. */
export function flattenObject(
	obj: Record<string, unknown>,
	prefix = '',
	into = new Map<string, string | null>()
): Map<string, string | null> {
	for (const [key, value] of Object.entries(obj)) {
		const name = prefix + key;
		if (value === null || value === undefined) into.set(name, null);
		else if (Array.isArray(value)) into.set(name, JSON.stringify(value));
		else if (typeof value === 'object')
			flattenObject(value as Record<string, unknown>, name + '.', into);
		else into.set(name, trimValue(String(value)));
	}
	return into;
}

function objectRecord(line: number, raw: string, value: unknown): SourceRecord {
	const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
	return {
		line,
		raw,
		values: isObject ? flattenObject(value as Record<string, unknown>) : new Map(),
		malformed: !isObject,
		json: value
	};
}

function fieldsOf(records: SourceRecord[]): string[] {
	const seen = new Set<string>();
	for (const r of records) for (const k of r.values.keys()) seen.add(k);
	return [...seen];
}

/**
 * A JSON array of objects, or an object wrapping one array (an API page such as
 * `{"conversations": [...]}`): its elements are the records, numbered from 1.
 */
export function readJson(text: string, wrapper?: string): SourceTable {
	let doc: unknown;
	try {
		doc = JSON.parse(text.replace(/^\ufeff/, ''));
	} catch {
		throw new FileError(
			'The file is not valid JSON (a .json file must hold one array of objects).'
		);
	}
	if (!Array.isArray(doc) && wrapper && doc && typeof doc === 'object') {
		const inner = (doc as Record<string, unknown>)[wrapper];
		if (Array.isArray(inner)) doc = inner;
	}
	if (!Array.isArray(doc)) {
		const what = doc === null ? 'null' : typeof doc === 'object' ? 'object' : typeof doc;
		throw new FileError(
			`The file is JSON but not an array (it holds one ${what}); give an array of objects or NDJSON.`
		);
	}
	const records = doc.map((el, k) => objectRecord(k + 1, JSON.stringify(el), el));
	return { format: 'json', fields: fieldsOf(records), records };
}

/** One JSON object per non-blank line. */
export function readNdjson(text: string): SourceTable {
	const records: SourceRecord[] = [];
	const lines = text.replace(/^\ufeff/, '').split('\n');
	for (const [k, l] of lines.entries()) {
		const raw = l.endsWith('\r') ? l.slice(0, -1) : l;
		if (raw.trim() === '') continue;
		let value: unknown;
		try {
			value = JSON.parse(raw);
		} catch {
			records.push({ line: k + 1, raw, values: new Map(), malformed: true });
			continue;
		}
		records.push(objectRecord(k + 1, raw, value));
	}
	return { format: 'ndjson', fields: fieldsOf(records), records };
}

/** Case-insensitive field lookup, built once per table. */
export function fieldIndex(fields: string[]): Map<string, string> {
	const index = new Map<string, string>();
	for (const f of fields) if (!index.has(f.toLowerCase())) index.set(f.toLowerCase(), f);
	return index;
}
