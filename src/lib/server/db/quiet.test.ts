// Background work steps aside: Db.quiet() waits for other units of work to end (at most maxMs),
// and a background connection (an import's) is not one of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, outsideBackground, type Db } from './index.ts';

let db: Db;
beforeAll(async () => {
	db = await openDb(':memory:');
});
afterAll(async () => db.close());

/** A unit of work that holds its connection until released. */
function holdConnection(background = false) {
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	const unit = (background ? db.withBackgroundConnection : db.withConnection).call(
		db,
		async () => held
	);
	return { release, unit };
}

describe('Db.quiet', () => {
	it('returns at once when nothing else runs, background work included', async () => {
		const background = holdConnection(true);
		const started = performance.now();
		await db.quiet(5_000);
		expect(performance.now() - started).toBeLessThan(1_000);
		background.release();
		await background.unit;
	});

	it('waits for a running unit of work to end', async () => {
		const page = holdConnection();
		let quiet = false;
		const waiting = db.quiet(10_000).then(() => (quiet = true));
		await new Promise((r) => setTimeout(r, 50));
		expect(quiet).toBe(false);
		page.release();
		await page.unit;
		await waiting;
		expect(quiet).toBe(true);
	});

	it('gives up waiting after maxMs, so steady traffic never stops background work', async () => {
		const page = holdConnection();
		const started = performance.now();
		await db.quiet(100);
		const waited = performance.now() - started;
		expect(waited).toBeGreaterThanOrEqual(90);
		expect(waited).toBeLessThan(5_000);
		page.release();
		await page.unit;
	});
});

describe('Db.quiet with a settle time', () => {
	it('waits until no other unit of work has run for settleMs, not just for a gap between two', async () => {
		const page = holdConnection();
		const started = performance.now();
		let at = 0;
		const waiting = db.quiet(5_000, 200).then(() => (at = performance.now() - started));
		await new Promise((r) => setTimeout(r, 50));
		page.release();
		await page.unit;
		// A second page 50 ms after the first: the 200 ms start again from its end (≈ 100 ms).
		await new Promise((r) => setTimeout(r, 50));
		await db.withConnection(async () => {});
		await waiting;
		// ≈ 100 + 200 ms; without the settle time it would have returned at ≈ 50 ms.
		expect(at).toBeGreaterThanOrEqual(290);
		expect(at).toBeLessThan(2_000);
	});
});

describe('Db.sharedWithin', () => {
	it('is true while another unit of work runs and for the given time after, never for background work or its own reads', async () => {
		// Opening (settings, migrations) is nobody's traffic: an import right after it is alone.
		const fresh = await openDb(':memory:');
		try {
			expect(fresh.sharedWithin(5_000)).toBe(false);
			let release = () => {};
			const held = new Promise<void>((resolve) => (release = resolve));
			const importing = fresh.withBackgroundConnection(async () => held);
			await new Promise((r) => setTimeout(r, 10));
			expect(fresh.sharedWithin(0)).toBe(false);
			release();
			await importing;
			// The import's own reads (inside asBackground) are not other users' work either.
			await fresh.asBackground(() =>
				fresh.withConnection(async () => {
					await new Promise((r) => setTimeout(r, 10));
					expect(fresh.sharedWithin(0)).toBe(false);
				})
			);
			expect(fresh.sharedWithin(0)).toBe(false);
			// Work that outlives the import, started from inside it, counts again.
			await fresh.asBackground(() =>
				outsideBackground(() =>
					fresh.withConnection(async () => {
						await new Promise((r) => setTimeout(r, 10));
						expect(fresh.sharedWithin(0)).toBe(true);
					})
				)
			);
			let releasePage = () => {};
			const page = fresh.withConnection(
				async () => new Promise<void>((resolve) => (releasePage = resolve))
			);
			await new Promise((r) => setTimeout(r, 10));
			expect(fresh.sharedWithin(0)).toBe(true);
			releasePage();
			await page;
			expect(fresh.sharedWithin(5_000)).toBe(true);
			await new Promise((r) => setTimeout(r, 30));
			expect(fresh.sharedWithin(20)).toBe(false);
		} finally {
			await fresh.close();
		}
	});
});
