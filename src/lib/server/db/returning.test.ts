// Why guarded writes count rows with changed() and never use UPDATE … RETURNING: DuckDB 1.5
// skips its write-conflict check for UPDATE … RETURNING, so a concurrent transaction's change to
// the same row is silently lost (seen here on a keyed table, and in qa/races.test.ts on
// coaching_tasks). If a DuckDB upgrade fixes it, the first test fails and says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { changed, openDb, type Db } from './index.ts';

let db: Db;
let a: DuckDBConnection;
let b: DuckDBConnection;
beforeEach(async () => {
	db = await openDb(':memory:');
	await db.run(
		"CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, state VARCHAR, ts TIMESTAMP); INSERT INTO t VALUES (1, 1, 'open', now())"
	);
	a = await db.instance.connect();
	b = await db.instance.connect();
	// A holds an uncommitted change to row 1 (n 1 → 2) while B writes the same row.
	await a.run('BEGIN TRANSACTION');
	await a.run('UPDATE t SET n = n + 1, ts = now() WHERE id = 1');
	await b.run('BEGIN TRANSACTION');
});
afterEach(async () => {
	a.closeSync();
	b.closeSync();
	await db.close();
});

const final = async () => db.one<{ n: number; state: string }>('SELECT n, state FROM t');

describe('a write to a row another transaction holds', () => {
	it('with RETURNING: no conflict, and the other transaction’s change is lost (DuckDB 1.5)', async () => {
		await b.runAndReadAll("UPDATE t SET state = 'done', ts = now() WHERE id = 1 RETURNING id");
		await b.run('COMMIT');
		await a.run('COMMIT');
		// Both committed; A's n = 2 vanished. Were the bug fixed, B would have been refused.
		expect(await final()).toEqual({ n: 1, state: 'done' });
	});

	it('counted with changed(): DuckDB refuses it, and the held change survives', async () => {
		await expect(
			changed(b, "UPDATE t SET state = 'done', ts = now() WHERE id = 1")
		).rejects.toThrow(/conflict/i);
		await b.run('ROLLBACK');
		await a.run('COMMIT');
		expect(await final()).toEqual({ n: 2, state: 'open' });
	});

	it('changed() counts the rows an UPDATE or DELETE changed', async () => {
		await b.run('ROLLBACK');
		await a.run('COMMIT');
		await db.withConnection(async (conn) => {
			// Row 1 is 'open': the first update changes 1 row, the same guard again 0.
			expect(await changed(conn, "UPDATE t SET state = 'x' WHERE id = 1 AND state = 'open'")).toBe(
				1
			);
			expect(await changed(conn, "UPDATE t SET state = 'x' WHERE id = 1 AND state = 'open'")).toBe(
				0
			);
			expect(await changed(conn, 'DELETE FROM t WHERE id = 1')).toBe(1);
		});
	});
});
