// Plain-text tables for the terminal (`--format table`): numbers right-aligned and rounded for
// reading only — JSON and CSV keep every digit.

export type Cell = string | number | boolean | null;

export function formatCell(value: Cell, digits = 1): string {
	if (value === null) return '–';
	if (typeof value === 'number')
		return Number.isInteger(value) ? String(value) : value.toFixed(digits);
	return String(value);
}

export function textTable(headers: string[], rows: Cell[][], digits = 1): string {
	const cells = rows.map((r) => r.map((v) => formatCell(v, digits)));
	const numeric = headers.map(
		(_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number')
	);
	const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
	const line = (r: string[]) =>
		r
			.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
