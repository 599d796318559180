// An import's background connection shares the engine: alone it runs with DuckDB's memory capped;
// while another unit of work runs beside it, the cap is lifted (a page must never fail for memory
// the import holds); afterwards the limit is DuckDB's own again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db, type Tx } from './index.ts';

let db: Db;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'careloop-share-'));
	db = await openDb(join(dir, 'share.duckdb'));
});
afterAll(async () => {
	await db.close();
	rmSync(dir, { recursive: true, force: true });
});

interface Engine {
	threads: number;
	memory: string;
}
const engine = async (conn: Pick<Tx, 'one'>) => {
	const row = await conn.one<Engine>(
		"SELECT current_setting('threads')::INTEGER AS threads, current_setting('memory_limit') AS memory"
	);
	return row!;
};
/** "61.0 MiB" → bytes. */
const bytes = (size: string) => {
	const [, n, unit] = /^([\d.]+)\s*(\w+)$/.exec(size)!;
	const scale: Record<string, number> = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 };
	return Number(n) * scale[unit];
};
async function until(conn: Tx, ok: (e: Engine) => boolean): Promise<Engine> {
	for (let i = 0; i < 100; i++) {
		const e = await engine(conn);
		if (ok(e)) return e;
		await new Promise((r) => setTimeout(r, 20));
	}
	return engine(conn);
}

describe('Db.withBackgroundConnection', () => {
	it('caps memory while alone, lifts the cap while a page runs, then restores', async () => {
		const configured = await db.withConnection((c) => engine(c));
		expect(configured.threads).toBeGreaterThanOrEqual(1);
		// The page is another user's: started from outside the import's work (a unit of work
		// started inside it would be the import's own, Db.asBackground).
		const step = () => {
			let done = () => {};
			const reached = new Promise<void>((resolve) => (done = resolve));
			return { done, reached };
		};
		const [aloneChecked, pageRunning, besideChecked, pageDone] = [step(), step(), step(), step()];
		const importing = db.withBackgroundConnection(
			async (conn) => {
				// 64MB = 64,000,000 bytes = 61.0 MiB.
				const alone = await engine(conn);
				expect(bytes(alone.memory)).toBeCloseTo(61.04 * 2 ** 20, -5);
				aloneChecked.done();
				await pageRunning.reached;
				const beside = await until(conn, (e) => e.memory === configured.memory);
				expect(beside.memory).toBe(configured.memory);
				besideChecked.done();
				await pageDone.reached;
				// A quarter of a second after the last page, the import has its share back.
				const after = await until(conn, (e) => e.memory !== configured.memory);
				expect(bytes(after.memory)).toBeCloseTo(61.04 * 2 ** 20, -5);
			},
			{ memoryCap: '64MB' }
		);
		await aloneChecked.reached;
		let release = () => {};
		const page = db.withConnection(() => new Promise<void>((resolve) => (release = resolve)));
		pageRunning.done();
		await besideChecked.reached;
		release();
		await page;
		pageDone.done();
		await importing;
		expect(await db.withConnection((c) => engine(c))).toEqual(configured);
	});
});
