// Warming the default pages after the job that follows an import, over a real DuckDB and runner.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { enqueueJob, JobRunner, type JobStep } from '../jobs/index.ts';
import { warmWhenIdle } from './warm.ts';

let db: Db | null = null;
afterEach(async () => {
	await db?.close();
	db = null;
});

const states = (d: Db) =>
	d
		.all<{ state: string }>('SELECT state FROM jobs ORDER BY job_id')
		.then((r) => r.map((x) => x.state));

describe('warming the default pages', () => {
	it('runs once the queue is empty, after the job has ended, not while it runs', async () => {
		const d = (db = await createTestDb());
		const seen: string[][] = [];
		const step: JobStep = { name: 's', label: 'S', run: async () => 'ok' };
		const runner = new JobRunner(d, [step]);
		warmWhenIdle(d, runner, async () => {
			seen.push(await states(d));
		});
		await enqueueJob(d, { kind: 'import', steps: ['s'], requestedBy: 't' });
		await enqueueJob(d, { kind: 'import', steps: ['s'], requestedBy: 't' });
		await runner.drain();
		// Two jobs: the first ends while the second waits, so only the second's end warms; the
		// job starts and step changes (live progress) warm nothing.
		await vi.waitFor(() => expect(seen).toEqual([['done', 'done']]));
	});
});

describe('what the warm-up computes', () => {
	// The key the Adherence page's default load reads (adherence.ts): the year up to the last day
	// with data, end exclusive, with the patient list.
	async function adherenceHit(d: Db): Promise<boolean> {
		const { adherenceUrl } = await import('./request.ts');
		const { parseFilter } = await import('./filters.ts');
		const { lastDataDay } = await import('./context.ts');
		const { cached } = await import('./cache.ts');
		const { addDays } = await import('../time/index.ts');
		const day = await lastDataDay(d, 'UTC');
		const f = parseFilter(await adherenceUrl(d, new URL('http://x/adherence')), day, 'UTC');
		const key = `adherence ${JSON.stringify({ from: f.fromDate, to: addDays(f.toDate, 1), patients: true })}`;
		let computed = false;
		await cached(d, key, async () => {
			computed = true;
			return null;
		});
		return !computed;
	}

	it('includes the default Adherence page, so its first load after a job is a cache hit', async () => {
		const { warmDefaults } = await import('./warm.ts');
		db = await createTestDb();
		expect(await adherenceHit(db)).toBe(false);
		const other = await createTestDb();
		try {
			await warmDefaults(other);
			expect(await adherenceHit(other)).toBe(true);
		} finally {
			await other.close();
		}
	});
});
