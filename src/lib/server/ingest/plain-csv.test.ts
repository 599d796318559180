// The plain-CSV road (DuckDB's reader) against the line road: which files are plain, and that a
// plain file lands exactly as read line by line — rows, rejects with their lines and raw text,
// counts and hash.
import { describe, expect, it } from 'vitest';
import { PlainScan, readLines } from './plain-csv.ts';
import { INTERACTIONS_HEADER as H, createBench, interactionRow as row } from './test-helpers.ts';

const plainWhole = (text: string) => {
	const s = new PlainScan();
	s.push(Buffer.from(text));
	return s.end();
};
/** The same text one byte at a time: every two-byte check crosses a chunk edge. */
const plainByByte = (text: string) => {
	const s = new PlainScan();
	for (const b of Buffer.from(text)) s.push(Buffer.of(b));
	return s.end();
};

/** 400,000 records (28 MB); I123456 and I399000 have channel fax (invalid). */
const bigBody = () =>
	Array.from({ length: 400_000 }, (_, i) =>
		i === 123_456 || i === 399_000 ? row(`I${i}`).replace(',voice,', ',fax,') : row(`I${i}`)
	);
/** Their rejects: record i sits on line i + 2 (after the header). */
const bigRejects = (body: string[]) => [
	{ line: 123_458, reasons: ['invalid channel'], raw: body[123_456] },
	{ line: 399_002, reasons: ['invalid channel'], raw: body[399_000] }
];

/** Eight lines of valid rows, rule breaks and repeated ids (each is said where it is counted). */
const MIXED = [
	H,
	row('I1'),
	'I2,not-a-time,voice,inbound,P1,A1,Team A,refill,10,120,5,20,resolved,,',
	row('I3', '-5'),
	row('I1', '300'),
	row('I4'),
	'I5,2025-01-06T09:00:00Z,,inbound,P1,A1,Team A,refill,10,120,5,20,resolved,,',
	row('I1')
];

describe('plain CSV', () => {
	it('is plain only without quotes, CRs, blank lines or whitespace at a field edge', () => {
		const cases: [string, boolean][] = [
			['a,b\n1,2\n', true],
			['a,b\n1,2', true], // no LF after the last line
			['a,b\n1,\n', true], // an empty last field
			['a,b\nx y,2\n', true], // a space inside a field
			['a,b\nx\u00a0y,2\n', true], // NBSP inside a field
			['a,b\n\u00a9,é\n', true], // other two-byte characters (C2 A9, C3 A9)
			['a,b\n"1",2\n', false], // a quote
			['a,b\r\n1,2\r\n', false], // CR
			['a,b\n\n1,2\n', false], // a blank line
			['a,b\n1,2\n\n', false], // a blank last line
			['a,b\n  \n1,2\n', false], // a line of spaces
			['a,b\n 1,2\n', false], // a space at a line start
			['a,b\n1 ,2\n', false], // a space before a comma
			['a,b\n1,\t2\n', false], // a tab after a comma
			['a,b\n1,2 \n', false], // a space at a line end
			['a,b\n1,2 ', false], // … of the last line without LF
			['a,b\n1,\u00a02\n', false], // NBSP after a comma
			['a,b\n1\u00a0,2\n', false], // NBSP before a comma
			['a,b\n1,2\u00a0\n', false], // NBSP at a line end
			['\uFEFFa,b\n1,2\n', false], // a byte-order mark
			['a,b\n1\u00002\n', false] // NUL
		];
		for (const [text, plain] of cases) {
			expect([text, plainWhole(text)]).toEqual([text, plain]);
			expect([text, plainByByte(text)]).toEqual([text, plain]);
		}
	});

	it('lands a plain file exactly as line by line: rows, rejects with raw text, counts, hash', async () => {
		// Line 2 I1 valid; 3 I2 bad timestamp; 4 I3 talk −5 (below 0); 5 I1 again with other
		// content → duplicate id (a valid row: its raw text is read back from the file); 6 I4
		// valid; 7 I5 without channel; 8 I1 as on line 2 → unchanged. No LF after line 8.
		// Read 7; rule rejects 3, 4, 7; valid 2, 5, 6, 8 → inserted 2 (I1, I4), unchanged 1,
		// duplicate 1 → accepted 3, rejected 7 − 3 = 4.
		const lines = MIXED;
		const content = lines.join('\n');
		const plain = await createBench();
		const byLine = await createBench();
		const a = await plain.load('interactions.csv', content);
		const b = await byLine.load('interactions.csv', content, { lineByLine: true });
		// A reject: the try to land it whole rolls back, the staged road keeps its number (1).
		expect(a).toMatchObject({ csvRoad: 'plain', importId: 1 });
		expect(b.csvRoad).toBe('lines');
		for (const r of [a, b]) {
			expect(r).toMatchObject({
				read: 7,
				accepted: 3,
				inserted: 2,
				unchanged: 1,
				updated: 0,
				rejected: 4
			});
		}
		expect(a.sha256).toBe(b.sha256);
		const expected = [
			{ line: 3, reasons: ['invalid started_at'], raw: lines[2] },
			{ line: 4, reasons: ['out of range talk_seconds'], raw: lines[3] },
			{ line: 5, reasons: ['duplicate id'], raw: lines[4] },
			{ line: 7, reasons: ['missing channel'], raw: lines[6] }
		];
		expect(await plain.rejects()).toEqual(expected);
		expect(await byLine.rejects()).toEqual(expected);
		const stored = (bench: typeof plain) =>
			bench.db.all('SELECT * EXCLUDE (import_id) FROM interactions ORDER BY interaction_id');
		expect(await stored(plain)).toEqual(await stored(byLine));
		expect((await stored(plain)).length).toBe(2);
	});

	it('lands a file of new valid rows in one statement, stored as line by line stores it', async () => {
		// I1–I4 valid, no LF after the last line (4 records: 4 line feeds − the header's + 1);
		// then I5–I6 with a final LF (2 records). Nothing stored, then the kind's last import all
		// new rows: both files land straight in the table, as imports 1 and 2. Line by line the
		// same files give the same rows, numbers, hashes and import log.
		const first = [H, ...['I1', 'I2', 'I3', 'I4'].map((id) => row(id))].join('\n');
		const second = [H, row('I5'), row('I6', '300')].join('\n') + '\n';
		const landed = await createBench();
		const byLine = await createBench();
		const a = [
			await landed.load('interactions-a.csv', first),
			await landed.load('interactions-b.csv', second)
		];
		const b = [
			await byLine.load('interactions-a.csv', first, { lineByLine: true }),
			await byLine.load('interactions-b.csv', second, { lineByLine: true })
		];
		expect(a.map((r) => r.csvRoad)).toEqual(['landed', 'landed']);
		for (const [r, s] of [a, b]) {
			expect(r).toMatchObject({ importId: 1, read: 4, inserted: 4, accepted: 4, rejected: 0 });
			expect(s).toMatchObject({ importId: 2, read: 2, inserted: 2, accepted: 2, rejected: 0 });
		}
		expect(a.map((r) => r.sha256)).toEqual(b.map((r) => r.sha256));
		const state = async (bench: typeof landed) => [
			await bench.db.all('SELECT * FROM interactions ORDER BY interaction_id'),
			await bench.db.all(`SELECT import_id, file_name, sha256, rows_read, accepted, inserted,
				updated, unchanged, rejected FROM import_log ORDER BY import_id`)
		];
		expect(await state(landed)).toEqual(await state(byLine));
		expect((await landed.db.all('SELECT 1 FROM interactions')).length).toBe(6);
	});

	it('goes the staged road with the same import number when a file cannot land whole', async () => {
		// 1. I1, I2 valid, nothing stored → landed as import 1.
		// 2. I3 new and I1 as stored: the try lands both, finds I1 stored and rolls back; staged,
		//    I3 inserted, I1 unchanged → import 2 (the number the try took), 3 rows stored.
		// 3. I4 new: the last import was not all new, so staged at once → import 3, 4 rows.
		// 4. I5 new: the last import was all new again → landed, import 4, 5 rows.
		const b = await createBench();
		const steps = [
			[[row('I1'), row('I2')], 'landed', { inserted: 2 }, 2],
			[[row('I3'), row('I1')], 'plain', { inserted: 1, unchanged: 1 }, 3],
			[[row('I4')], 'plain', { inserted: 1 }, 4],
			[[row('I5')], 'landed', { inserted: 1 }, 5]
		] as const;
		for (const [i, [body, road, counts, stored]] of steps.entries()) {
			const r = await b.load(`interactions-${i + 1}.csv`, [H, ...body].join('\n'));
			expect(r).toMatchObject({ csvRoad: road, importId: i + 1, rejected: 0, ...counts });
			// Read as the import's own work: another user's query would send the next file to pieces.
			const rows = await b.db.asBackground(() => b.db.all('SELECT 1 FROM interactions'));
			expect(rows).toHaveLength(stored);
		}
		// A first load whose valid rows repeat a key (I1 on lines 2 and 3, other content): the
		// try finds the repeat and rolls back; staged, line 3 is a duplicate id with its raw text.
		const c = await createBench();
		const twice = [H, row('I1'), row('I1', '300'), row('I2')];
		const r = await c.load('interactions-twice.csv', twice.join('\n'));
		expect(r).toMatchObject({ csvRoad: 'plain', importId: 1, read: 3, inserted: 2, rejected: 1 });
		expect(await c.rejects()).toEqual([{ line: 3, reasons: ['duplicate id'], raw: twice[2] }]);
		expect(
			await c.db.all(`SELECT talk_seconds FROM interactions WHERE interaction_id = 'I1'`)
		).toEqual([{ talk_seconds: 120 }]);
	});

	it('keeps file order across the parallel reader buffers (line numbers of rejects deep in a 28 MB file)', async () => {
		// 400,000 records on lines 2–400,001; the records of I123456 and I399000 have channel
		// fax (invalid), so they sit on lines 123,456 + 2 = 123,458 and 399,000 + 2 = 399,002.
		const body = bigBody();
		const b = await createBench();
		const r = await b.load('interactions.csv', [H, ...body].join('\n') + '\n');
		expect(r).toMatchObject({ csvRoad: 'plain', read: 400_000, accepted: 399_998, rejected: 2 });
		expect(await b.rejects()).toEqual(bigRejects(body));
	});

	it('goes line by line when a quote turns up after the reader started, staging nothing twice', async () => {
		// The same 400,000 records, and record I399500's team quoted ("Team A"): the first 4 MB
		// chunk is plain, so DuckDB's reader starts; the chunk holding line 399,502 is not, so the
		// reader is stopped (or its rows dropped) and the file goes line by line, where the quotes
		// are CSV quoting: the record lands as Team A. Read 400,000, accepted 399,998, rejected 2
		// at the same lines; a row staged twice would make read 800,000 or a duplicate id.
		const body = bigBody();
		body[399_500] = body[399_500].replace(',Team A,', ',"Team A",');
		const b = await createBench();
		const r = await b.load('interactions.csv', [H, ...body].join('\n') + '\n');
		expect(r).toMatchObject({ csvRoad: 'lines', read: 400_000, accepted: 399_998, rejected: 2 });
		expect(await b.rejects()).toEqual(bigRejects(body));
		expect(
			await b.db.one(`SELECT team FROM interactions WHERE interaction_id = 'I399500'`)
		).toEqual({ team: 'Team A' });
	});

	it('lands the same in pieces (another user is working) as in one statement', async () => {
		// The first 6 lines of the file above, in pieces of 64 bytes read 256 bytes at a time: each
		// piece ends after the first line feed past its 64th byte (the header is 158 bytes, so the
		// first piece is the header alone; records are ~85 bytes), only the first skips the header.
		// Same counts, rejects and lines as line by line.
		const content = MIXED.slice(0, 6).join('\n') + '\n';
		const pieces = await createBench();
		const byLine = await createBench();
		const a = await pieces.load('interactions.csv', content, {
			plainPieceBytes: 64,
			chunkBytes: 256
		});
		const b = await byLine.load('interactions.csv', content, { lineByLine: true });
		expect(a.csvRoad).toBe('plain');
		// Read 5; rejects on lines 3 (time), 4 (talk −5), 5 (duplicate id) → accepted 2.
		for (const r of [a, b]) expect(r).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
		expect(await pieces.rejects()).toEqual(await byLine.rejects());
		expect((await pieces.rejects()).map((r) => r.line)).toEqual([3, 4, 5]);
	});

	it('classifies against stored rows in key ranges (pieces) as in one statement', async () => {
		// Stored first (alone, one statement): I1–I6. Then the re-import, with --replace: I1
		// unchanged, I2 talk 300 (updated), I3 unchanged, I7 and I8 new, I9 bad channel → read 6,
		// inserted 2, updated 1, unchanged 2, rejected 1 — in pieces (4 classification slices)
		// and line by line (1).
		const first = [H, ...['I1', 'I2', 'I3', 'I4', 'I5', 'I6'].map((id) => row(id))].join('\n');
		const again = [
			H,
			row('I1'),
			row('I2', '300'),
			row('I3'),
			row('I7'),
			row('I8'),
			row('I9').replace(',voice,', ',fax,')
		].join('\n');
		const results = [];
		for (const opts of [{ plainPieceBytes: 64, chunkBytes: 256 }, { lineByLine: true }]) {
			const b = await createBench();
			await b.load('interactions.csv', first);
			const r = await b.load('interactions.csv', again, { ...opts, replace: true });
			expect(r).toMatchObject({ read: 6, inserted: 2, updated: 1, unchanged: 2, rejected: 1 });
			results.push(
				await b.db.all('SELECT * EXCLUDE (import_id) FROM interactions ORDER BY interaction_id')
			);
		}
		expect(results[0]).toEqual(results[1]);
		expect(results[0].length).toBe(8);
	});

	it('keeps file order across 4 MB pieces of the 28 MB file, and drops them all for a quote in the last', async () => {
		// Seven pieces; the rejects keep lines 123,458 and 399,002 (record i on line i + 2).
		const body = bigBody();
		const b = await createBench();
		const opts = { plainPieceBytes: 4 << 20, chunkBytes: 1 << 20 };
		const r = await b.load('interactions.csv', [H, ...body].join('\n') + '\n', opts);
		expect(r).toMatchObject({ csvRoad: 'plain', read: 400_000, accepted: 399_998, rejected: 2 });
		expect(await b.rejects()).toEqual(bigRejects(body));
		// A quote on line 399,502: the pieces read before it are dropped, the file goes line by
		// line, and nothing lands twice (read would be above 400,000, or ids duplicate).
		body[399_500] = body[399_500].replace(',Team A,', ',"Team A",');
		const c = await createBench();
		const q = await c.load('interactions.csv', [H, ...body].join('\n') + '\n', opts);
		expect(q).toMatchObject({ csvRoad: 'lines', read: 400_000, accepted: 399_998, rejected: 2 });
		expect(await c.rejects()).toEqual(bigRejects(body));
	});

	it('reads a file whose record has the wrong field count line by line, as a malformed record', async () => {
		// Line 3 has 14 fields instead of 15: DuckDB's reader refuses the file, the line road keeps
		// the record as a reject. Read 3, accepted 2, rejected 1.
		const short = 'I2,2025-01-06T09:00:00Z,voice,inbound,P1,A1,Team A,refill,10,120,5,20,resolved,';
		const content = [H, row('I1'), short, row('I3')].join('\n') + '\n';
		// In one statement, and in pieces (the second piece is refused after the first landed).
		for (const opts of [{}, { plainPieceBytes: 64, chunkBytes: 256 }]) {
			const b = await createBench();
			const r = await b.load('interactions.csv', content, opts);
			expect(r).toMatchObject({ csvRoad: 'lines', read: 3, accepted: 2, rejected: 1 });
			expect(await b.rejects()).toEqual([{ line: 3, reasons: ['malformed record'], raw: short }]);
		}
	});

	it('reads physical lines back by number, across chunk edges', async () => {
		const b = await createBench();
		const path = b.write('lines.csv', 'h\nfirst\nsecond line\n\nlast');
		const want = new Map([
			[2, 'first'],
			[3, 'second line'],
			[5, 'last']
		]);
		for (const chunk of [1, 2, 3, 5, 64])
			expect(await readLines(path, [2, 3, 5], chunk)).toEqual(want);
	});
});
