// CSV out (RFC 4180): what a table shows, every page, with the filters applied.
// Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).

export interface CsvColumn<T> {
	header: string;
	value: (row: T) => unknown;
}

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let s: string;
	if (value instanceof Date) s = value.toISOString();
	else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
	else s = String(value);
	// Numbers keep their sign; only text that starts like a formula is defused.
	if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
	const lines = [columns.map((c) => csvCell(c.header)).join(',')];
	for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
	return lines.join('\r\n') + '\r\n';
}

/** A download response; the file name is fixed by the caller, never taken from input. */
export function csvResponse(body: string, fileName: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}
