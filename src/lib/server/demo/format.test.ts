// The writers' formats: RFC 4180 quoting read back by DuckDB's own CSV reader, dates, and the PRNG.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import {
	csvField,
	formatDay,
	formatInstant,
	parseDay,
	RawLine,
	toCsv,
	toJsonArray,
	toNdjson,
	weekday
} from './format.ts';
import { Rng, Weighted } from './random.ts';

const dir = mkdtempSync(join(tmpdir(), 'careloop-demo-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A comment with every character RFC 4180 cares about, plus non-ASCII text.
const NASTY = 'Waited 20 min, then "the agent" hung up.\nNext day: fixed, ¡gracias!';

describe('csv', () => {
	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['cr\rhere', '"cr\rhere"']
	])('quotes %j as %j', (value, expected) => {
		expect(csvField(value)).toBe(expected);
	});

	it('writes null as an empty field and numbers and booleans as text', () => {
		expect(toCsv(['a', 'b', 'c'], [{ a: null, b: 4.5, c: true }])).toBe('a,b,c\r\n,4.5,true\r\n');
	});

	it('round-trips a comment with comma, quote and newline through a real CSV reader', async () => {
		const path = join(dir, 'surveys.csv');
		writeFileSync(
			path,
			toCsv(
				['survey_id', 'comment'],
				[
					{ survey_id: 'S1', comment: NASTY },
					{ survey_id: 'S2', comment: 'ok' }
				]
			)
		);
		const db = await createTestDb();
		const rows = await db.all<{ survey_id: string; comment: string }>(
			// -- read the file back with DuckDB's RFC 4180 reader, every column as text
			`SELECT survey_id, comment FROM read_csv($path, header = true, all_varchar = true, quote = '"', escape = '"') ORDER BY survey_id`,
			{ path }
		);
		await db.close();
		expect(rows).toEqual([
			{ survey_id: 'S1', comment: NASTY },
			{ survey_id: 'S2', comment: 'ok' }
		]);
	});

	it('writes raw lines verbatim', () => {
		expect(toCsv(['a', 'b'], [new RawLine('x'), { a: '1', b: '2' }])).toBe('a,b\r\nx\r\n1,2\r\n');
	});
});

describe('json', () => {
	it('writes every column on every NDJSON line and keeps the text intact', () => {
		const text = toNdjson(['id', 'comment', 'csat'], [{ id: 'S1', comment: NASTY }]);
		expect(text.split('\n')).toHaveLength(2); // one line plus the final newline
		expect(JSON.parse(text)).toEqual({ id: 'S1', comment: NASTY, csat: null });
	});

	it('writes a JSON array that parses back', () => {
		const text = toJsonArray(
			['id', 'n'],
			[
				{ id: 'a', n: 1 },
				{ id: 'b', n: null }
			]
		);
		expect(JSON.parse(text)).toEqual([
			{ id: 'a', n: 1 },
			{ id: 'b', n: null }
		]);
	});
});

describe('dates', () => {
	it('parses real calendar dates only', () => {
		// 1970-01-01 → 2026-01-01 is 56 × 365 + 14 leap days (1972…2024) = 20,454 days; then to
		// 23 November: 31+28+31+30+31+30+31+31+30+31 = 304 days to 1 November, + 22 = 326.
		expect(parseDay('2026-11-23')).toBe(20_454 + 326);
		expect(parseDay('2026-02-30')).toBeNull();
		expect(parseDay('2026-13-01')).toBeNull();
		expect(parseDay('26-1-1')).toBeNull();
		expect(formatDay(20_780)).toBe('2026-11-23');
	});

	it('formats instants in whole UTC seconds and knows the weekday', () => {
		expect(formatInstant(Date.UTC(2026, 10, 23, 9, 5, 7, 999))).toBe('2026-11-23T09:05:07Z');
		expect(weekday(20_780)).toBe(1); // 23 November 2026 is a Monday
		expect(weekday(0)).toBe(4); // 1 January 1970 was a Thursday
	});
});

describe('random', () => {
	it('repeats a stream for the same seed and label, and differs otherwise', () => {
		const draw = (seed: number, label: string) => {
			const rng = new Rng(seed, label);
			return Array.from({ length: 5 }, () => rng.next());
		};
		expect(draw(7, 'x')).toEqual(draw(7, 'x'));
		expect(draw(7, 'x')).not.toEqual(draw(8, 'x'));
		expect(draw(7, 'x')).not.toEqual(draw(7, 'y'));
	});

	it('draws in range with the right rough moments', () => {
		const rng = new Rng(1, 'moments');
		let sum = 0;
		let sumSq = 0;
		let lo = 1;
		let hi = 0;
		const n = 20_000;
		for (let i = 0; i < n; i++) {
			const u = rng.next();
			lo = Math.min(lo, u);
			hi = Math.max(hi, u);
			const z = rng.normal();
			sum += z;
			sumSq += z * z;
		}
		expect(lo).toBeGreaterThanOrEqual(0);
		expect(hi).toBeLessThan(1);
		// Mean 0 ± 4 standard errors (1/√20000 ≈ 0.007); variance 1 ± 0.05.
		expect(Math.abs(sum / n)).toBeLessThan(0.03);
		expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
	});

	it('draws weighted choices in proportion', () => {
		const rng = new Rng(2, 'weighted');
		const w = new Weighted([
			['a', 3],
			['b', 1]
		] as const);
		let a = 0;
		for (let i = 0; i < 10_000; i++) if (w.draw(rng) === 'a') a++;
		// Expected 3/4 × 10,000 = 7,500; sd √(10000 × 0.75 × 0.25) ≈ 43, so ±200 is > 4 sd.
		expect(Math.abs(a - 7_500)).toBeLessThan(200);
	});
});
