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
