import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { updateSettings } from '../settings/index.ts';
import { cached, clearCache } from './cache.ts';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => db.close());

describe('cached engine results', () => {
	it('computes once per data version and again after the data or a target changes', async () => {
		let calls = 0;
		const compute = async () => ++calls;
		expect(await cached(db, 'k', compute)).toBe(1);
		expect(await cached(db, 'k', compute)).toBe(1);
		await db.run(
			`INSERT INTO interactions VALUES ('x1', '2026-03-02 10:00:00', 'voice', 'inbound', NULL, 'a1', 't', 'refill', 1, 1, 1, 1, 'resolved', NULL, NULL, 1)`
		);
		expect(await cached(db, 'k', compute)).toBe(2);
		await db.run(`DELETE FROM kpi_targets WHERE kpi = 'csat'`);
		expect(await cached(db, 'k', compute)).toBe(3);
		clearCache(db);
		expect(await cached(db, 'k', compute)).toBe(4);
	});

	it('forgets every figure when a setting changes, and keeps them when a save changes nothing', async () => {
		let calls = 0;
		const compute = async () => ++calls;
		expect(await cached(db, 's', compute)).toBe(1);
		await updateSettings(db, { min_sample: 30 }, 'test');
		expect(await cached(db, 's', compute)).toBe(1);
		await updateSettings(db, { min_sample: 10 }, 'test');
		expect(await cached(db, 's', compute)).toBe(2);
	});

	it('shares one computation between concurrent callers and forgets failures', async () => {
		let calls = 0;
		const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 20));
		expect(await Promise.all([cached(db, 'c', slow), cached(db, 'c', slow)])).toEqual([1, 1]);
		await expect(cached(db, 'f', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await cached(db, 'f', async () => 'ok')).toBe('ok');
	});
});

describe('cached list pages', () => {
	it('reuse a page until the data changes; search is always computed afresh', async () => {
		const { runList } = await import('./lists.ts');
		const { parseDrill, parseFilter } = await import('./filters.ts');
		const url = new URL('http://x/interactions?from=2026-03-01&to=2026-03-31');
		const filter = parseFilter(url, '2026-03-31');
		const first = await runList(db, filter, parseDrill(url));
		// the same page again: the very same result object, no query ran
		expect(await runList(db, filter, parseDrill(url))).toBe(first);
		await db.run(
			`INSERT INTO interactions VALUES ('x2', '2026-03-03 10:00:00', 'voice', 'inbound', NULL, 'a1', 't', 'refill', 1, 1, 1, 1, 'resolved', NULL, NULL, 1)`
		);
		const after = await runList(db, filter, parseDrill(url));
		expect(after).not.toBe(first);
		// one more interaction in March: x2 (x1 of the first test is there too)
		expect(after.total).toBe(first.total + 1);
		const search = new URL(`${url}&q=refill`);
		const a = await runList(db, filter, parseDrill(search));
		expect(await runList(db, filter, parseDrill(search))).not.toBe(a);
	});
});
