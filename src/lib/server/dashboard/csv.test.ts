import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV writer', () => {
	it.each([
		[null, ''],
		[42.5, '42.5'],
		[-3, '-3'],
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['=SUM(A1)', "'=SUM(A1)"],
		['-1+1', "'-1+1"]
	])('writes %j as %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('writes a header and CRLF-terminated records', () => {
		const rows = [
			{ id: 'i1', n: 2 },
			{ id: 'i,2', n: null }
		];
		const csv = toCsv(
			[
				{ header: 'id', value: (r: (typeof rows)[number]) => r.id },
				{ header: 'n', value: (r) => r.n }
			],
			rows
		);
		expect(csv).toBe('id,n\r\ni1,2\r\n"i,2",\r\n');
	});
});
