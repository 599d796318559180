// Writing rows in the contract's formats: RFC 4180 CSV (CRLF records, fields quoted when they
// hold a comma, quote, CR or LF, quotes doubled), NDJSON and a JSON array; and UTC date helpers.
// Rows are joined into one string per file: tens of thousands of rows write in one syscall.

export type Cell = string | number | boolean | null;
export type Record_ = Record<string, Cell>;

/** A record written verbatim (a deliberately malformed line); never quoted or re-encoded. */
export class RawLine {
	readonly text: string;
	constructor(text: string) {
		this.text = text;
	}
}
export type Row = Record_ | RawLine;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Cell): string {
	if (value === null) return '';
	const text = String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
	const lines = [columns.map(csvField).join(',')];
	for (const row of rows) {
		lines.push(
			row instanceof RawLine ? row.text : columns.map((c) => csvField(row[c] ?? null)).join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

/** Every column on every line (explicit nulls), so no reader has to guess absent keys. */
export function toNdjson(columns: readonly string[], rows: readonly Row[]): string {
	return rows.map((row) => jsonText(columns, row)).join('\n') + '\n';
}

export function toJsonArray(columns: readonly string[], rows: readonly Row[]): string {
	return '[\n' + rows.map((row) => jsonText(columns, row)).join(',\n') + '\n]\n';
}

function jsonText(columns: readonly string[], row: Row): string {
	if (row instanceof RawLine) return row.text;
	const out: Record_ = {};
	for (const c of columns) out[c] = row[c] ?? null;
	return JSON.stringify(out);
}

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` that is a real calendar date, else null. */
export function parseDay(text: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return null;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	const back = new Date(ms);
	if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() !== Number(m[2]) - 1)
		return null;
	return ms / DAY_MS;
}

export function formatDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, whole seconds. */
export function formatInstant(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
	return (day + 4) % 7;
}

export function todayUtc(now = Date.now()): number {
	return Math.floor(now / DAY_MS);
}
