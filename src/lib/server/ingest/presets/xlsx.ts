// Excel workbooks (.xlsx, read with exceljs, MIT): the first sheet or a named one. A row's line
// is its row number in the sheet (the header is row 1); its raw text is the row's cells as one
// CSV record, since a sheet has no source text of its own. Dates typed in Excel are wall-clock
// times (`YYYY-MM-DD HH:MM:SS`, no zone): the mapping's source time zone reads them.
import ExcelJS from 'exceljs';
import { FileError } from '../read.ts';
import { positions, Row, type SourceRecord, type SourceTable } from './source.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const d = value;
		const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
		const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
		return secs === 0
			? day
			: `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	}
	if (typeof value === 'object') {
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('richText' in value) return value.richText.map((t) => t.text).join('');
		if ('text' in value) return String(value.text);
		if ('error' in value) return String(value.error);
		return '';
	}
	return String(value);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function readXlsx(
	bytes: Uint8Array,
	sheetName?: string,
	headerRows = 1
): Promise<SourceTable> {
	const book = new ExcelJS.Workbook();
	try {
		await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	} catch {
		throw new FileError('The file is not a readable Excel workbook (.xlsx).');
	}
	const names = book.worksheets.map((w) => w.name);
	const sheet = sheetName ? book.getWorksheet(sheetName) : book.worksheets[0];
	if (!sheet) {
		throw new FileError(
			sheetName
				? `The workbook has no sheet "${sheetName}" (it has ${names.map((n) => `"${n}"`).join(', ')}).`
				: 'The workbook has no sheets.'
		);
	}
	const rows: { line: number; cells: string[] }[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		const cells: string[] = [];
		for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
		if (cells.some((x) => x !== '')) rows.push({ line, cells });
	});
	if (rows.length === 0) return { format: 'xlsx', fields: [], records: [], sheet: sheet.name };
	const fields = rows[0].cells;
	while (fields.length && fields[fields.length - 1] === '') fields.pop();
	const seen = new Set<string>();
	for (const f of fields) {
		if (seen.has(f.toLowerCase()))
			throw new FileError(
				`The header names the column "${f}" more than once, so its values are ambiguous.`
			);
		seen.add(f.toLowerCase());
	}
	const index = positions(fields);
	const records: SourceRecord[] = rows.slice(headerRows).map(({ line, cells }) => {
		const values = new Row(
			index,
			fields.map((_, k) => cells[k] || null)
		);
		const extra = cells.slice(fields.length).some((x) => x !== '');
		return { line, raw: cells.map(csvField).join(','), values, malformed: extra };
	});
	return { format: 'xlsx', fields, records, sheet: sheet.name };
}
