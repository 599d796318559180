import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	DbConflictError,
	DbConstraintError,
	DatabaseLockedError,
	classifyDbError,
	isWriteConflict,
	type Db
} from './index.ts';
import { createTestDb } from './testing.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)');
	await db.run('INSERT INTO t VALUES (1, 1)');
});
afterEach(() => db.close());

describe('the DuckDB store', () => {
	it('reports two transactions updating one row as a write conflict and keeps the winner', async () => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		let entered!: () => void;
		const inside = new Promise<void>((r) => (entered = r));
		const first = db.transaction(async (tx) => {
			await tx.run('UPDATE t SET v = 2 WHERE id = 1');
			entered();
			await held;
		});
		await inside;
		const second = db.transaction((tx) => tx.run('UPDATE t SET v = 3 WHERE id = 1'));
		await expect(second).rejects.toBeInstanceOf(DbConflictError);
		const err = await second.catch((e: unknown) => e);
		expect(isWriteConflict(err)).toBe(true);
		expect((err as Error).message).toMatch(/Conflict on update/);
		release();
		await first;
		expect(await db.one('SELECT v FROM t')).toEqual({ v: 2 });
	});

	it('classifies key and NOT NULL violations as constraint errors', async () => {
		const dup = await db.run('INSERT INTO t VALUES (1, 5)').catch((e: unknown) => e);
		expect(dup).toBeInstanceOf(DbConstraintError);
		expect(classifyDbError(dup)).toBe('constraint');
		const nul = await db.run('INSERT INTO t VALUES (2, NULL)').catch((e: unknown) => e);
		expect(classifyDbError(nul)).toBe('constraint');
		expect(isWriteConflict(nul)).toBe(false);
	});

	it('rolls a transaction back whole and lets the application error through unchanged', async () => {
		class Mine extends Error {}
		const out = db
			.transaction(async (tx) => {
				await tx.run('UPDATE t SET v = 9 WHERE id = 1');
				await tx.append('t', [[2, 2]]);
				throw new Mine('refused');
			})
			.catch((e: unknown) => e);
		expect(await out).toBeInstanceOf(Mine);
		expect(await db.all('SELECT id, v FROM t ORDER BY id')).toEqual([{ id: 1, v: 1 }]);
	});

	it('appends rows and reads them back through the interface inside a transaction', async () => {
		const n = await db.transaction(async (tx) => {
			await tx.append('t', [
				[2, 20],
				[3, 30]
			]);
			return (await tx.one<{ n: number }>('SELECT count(*) AS n FROM t'))?.n;
		});
		// 1 seeded row + 2 appended.
		expect(n).toBe(3);
	});

	it('classifies raw messages of each kind', () => {
		expect(
			classifyDbError(new Error('TransactionContext Error: Conflict on tuple deletion!'))
		).toBe('write_conflict');
		expect(classifyDbError(new Error('Catalog write-write conflict on create with "x"'))).toBe(
			'write_conflict'
		);
		expect(classifyDbError(new Error('IO Error: Could not set lock on file "a.duckdb"'))).toBe(
			'locked'
		);
		expect(classifyDbError(new DatabaseLockedError('in use'))).toBe('locked');
		expect(classifyDbError(new Error('Conversion Error: date field value out of range'))).toBe(
			'conversion'
		);
		expect(classifyDbError(new Error('something else'))).toBe('other');
		expect(classifyDbError('not an error')).toBe('other');
	});
});
