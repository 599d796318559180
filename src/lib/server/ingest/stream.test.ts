// Streaming: the same file read in chunks of every size gives the same rows, lines, raw text,
// rejects and hash as in one piece. Tiny chunks put every boundary inside a quoted field, a
// CRLF, a multi-byte character, a JSON string and an escape.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkedFile } from './source.ts';
import { JsonArrayScanner, LineCutter } from './split.ts';
import { createBench } from './test-helpers.ts';

/** Feeds text to a cutter in chunks of `size` bytes; returns the pieces as strings. */
function cut(text: string, size: number, quotes: boolean): string[] {
	const bytes = Buffer.from(text);
	const cutter = new LineCutter({ quotes });
	const pieces: string[] = [];
	for (let i = 0; i < bytes.length; i += size) {
		const piece = cutter.push(bytes.subarray(i, i + size));
		if (piece) pieces.push(piece.toString());
	}
	pieces.push(cutter.end().toString());
	return pieces;
}

function elements(text: string, size: number): string[] {
	const bytes = Buffer.from(text);
	const scanner = new JsonArrayScanner();
	const out: string[] = [];
	for (let i = 0; i < bytes.length; i += size) {
		const { text: joined, count } = scanner.push(bytes.subarray(i, i + size));
		if (count > 0) out.push(...joined.toString().split('\x1e'));
	}
	scanner.end();
	return out;
}

describe('cutting text into pieces that keep records whole', () => {
	// Record 2 holds a quoted line break and an escaped quote; record 3 ends in CRLF.
	const csv = 'a,b\n1,"x\ny ""q"""\r\n3,z\r\n';

	it('cuts CSV only at line breaks outside quotes, for every chunk size', () => {
		for (let size = 1; size <= csv.length + 1; size++) {
			const pieces = cut(csv, size, true);
			// Joined back with the LFs the cuts removed, the pieces are the file again…
			expect(pieces.join('\n')).toBe(csv);
			// …and no piece ends inside the quoted field (between "x" and "y").
			for (const p of pieces) expect(p.endsWith('"x')).toBe(false);
		}
	});

	it('cuts NDJSON at any line break', () => {
		const nd = '{"a":1}\n{"b":"x"}\r\n\n{"c":3}';
		for (let size = 1; size <= nd.length; size++) {
			expect(cut(nd, size, false).join('\n')).toBe(nd);
		}
	});

	it('streams JSON array elements across chunks, strings with escapes and brackets included', () => {
		// Element 2 has an escaped quote, a backslash before the closing quote, and brackets and
		// commas inside a string; element 3 nests arrays and objects.
		const text = '\uFEFF [ {"a": 1} ,\n {"s": "q\\" ], \\\\"}, [1, [2, {"x": [3]}]] , "end" ]  \n';
		const expected = ['{"a": 1}', '{"s": "q\\" ], \\\\"}', '[1, [2, {"x": [3]}]]', '"end"'];
		for (let size = 1; size <= Buffer.byteLength(text); size++) {
			expect(elements(text, size)).toEqual(expected);
		}
		expect(elements('[]', 1)).toEqual([]);
		expect(elements(' [ \n ] ', 2)).toEqual([]);
		expect(() => elements('[1,]', 1)).toThrow(/empty array element/);
		expect(() => elements('[1] x', 1)).toThrow(/after the array/);
		expect(() => elements('[1, 2', 3)).toThrow(/does not end/);
	});
});

describe('reading a file in chunks', () => {
	it('hashes every byte and finds bad UTF-8 wherever a chunk boundary falls', async () => {
		const b = await createBench();
		// "é" is 2 bytes, "€" 3, "😀" 4: every split point of each is crossed by some chunk size.
		const good = Buffer.from('ab é € 😀 z\n');
		const bad = Buffer.concat([Buffer.from('ab é '), Buffer.of(0xe2, 0x82), Buffer.from(' z')]);
		const truncated = Buffer.concat([Buffer.from('ab '), Buffer.of(0xf0, 0x9f, 0x98)]);
		const paths = [good, bad, truncated].map((bytes, i) => {
			const path = join(b.dir, `f${i}`);
			writeFileSync(path, bytes);
			return path;
		});
		for (let size = 1; size <= good.length; size++) {
			const results: [boolean, string][] = [];
			for (const path of paths) {
				const file = await ChunkedFile.open(path, size);
				while (await file.next());
				results.push([file.validUtf8, file.digest()]);
				await file.close();
			}
			const sha = (x: Buffer) => createHash('sha256').update(x).digest('hex');
			expect(results).toEqual([
				[true, sha(good)],
				[false, sha(bad)],
				[false, sha(truncated)]
			]);
		}
	});

	it('imports a CSV read 5 bytes at a time exactly as read whole', async () => {
		const header = 'survey_id,submitted_at,csat,comment';
		// Line 3–4: a quoted comment with a line break; line 5: csat 9 (out of range) with an
		// "é" that a 5-byte chunk splits; line 7: S1 again with other content → duplicate id;
		// line 6 blank (not a row). Read 5 = accepted 3 (S1, S2, S3) + rejected 2.
		const csv =
			`\uFEFF${header}\r\n` +
			`S1,2025-01-06,5,fine\r\n` +
			`S2,2025-01-06,4,"two\r\nlines, ""quoted"""\r\n` +
			`S3,2025-01-06,9,café\r\n` +
			`\r\n` +
			`S1,2025-01-06,1,changed\r\n` +
			`S4,2025-01-07,3,`;
		const whole = await createBench();
		const small = await createBench();
		const a = await whole.load('surveys.csv', csv);
		const c = await small.load('surveys.csv', csv, { chunkBytes: 5 });
		for (const r of [a, c]) {
			expect(r).toMatchObject({ read: 5, accepted: 3, rejected: 2, inserted: 3 });
		}
		expect(c.sha256).toBe(a.sha256);
		const expected = [
			{ line: 5, reasons: ['out of range csat'], raw: 'S3,2025-01-06,9,café' },
			{ line: 7, reasons: ['duplicate id'], raw: 'S1,2025-01-06,1,changed' }
		];
		expect(await whole.rejects()).toEqual(expected);
		expect(await small.rejects()).toEqual(expected);
		const comment = await small.db.one(`SELECT comment FROM surveys WHERE survey_id = 'S2'`);
		expect(comment).toEqual({ comment: 'two\r\nlines, "quoted"' });
	});

	it('numbers NDJSON lines and JSON elements across chunks', async () => {
		const fill = (id: string, days: number) =>
			`{"fill_id":"${id}","patient_id":"P1","drug_name":"x","fill_date":"2025-01-06","days_supply":${days}}`;
		const b = await createBench();
		// NDJSON: line 2 blank, line 3 F2 with days 0 (out of range), line 4 not an object.
		const nd = await b.load('fills.ndjson', `${fill('F1', 30)}\n\n${fill('F2', 0)}\n[1]\n`, {
			chunkBytes: 7
		});
		expect(nd).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		// JSON: element 3 (F4, days 400) out of range; element 2 is a string → malformed.
		const js = await b.load(
			'fills-b.json',
			`[\n ${fill('F3', 30)},\n "text, with [brackets]",\n ${fill('F4', 400)}\n]`,
			{ chunkBytes: 3 }
		);
		expect(js).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		expect((await b.rejects()).map((r) => [r.line, r.reasons[0]])).toEqual([
			[3, 'out of range days_supply'],
			[4, 'malformed record'],
			[2, 'malformed record'],
			[3, 'out of range days_supply']
		]);
	});
});
