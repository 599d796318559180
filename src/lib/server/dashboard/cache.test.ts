import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { ingestPaths } from '../ingest/index.ts';
import { JobRunner, pendingWork } from '../jobs/index.ts';
import { POST_IMPORT_STEPS } from '../post-import.ts';
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

	it('computes again after new sentiment scores and after a correction', async () => {
		let calls = 0;
		const compute = async () => ++calls;
		expect(await cached(db, 'sent', compute)).toBe(1);
		await db.run(
			`INSERT INTO sentiment_scores (text_hash, model_version, label, p_negative, p_neutral, p_positive, polarity)
			VALUES ('h1', 'm', 'negative', 0.8, 0.1, 0.1, -0.7)`
		);
		expect(await cached(db, 'sent', compute)).toBe(2);
		await db.run(
			`INSERT INTO sentiment_corrections (text_hash, text, label, source_kind, source_id, corrected_by)
			VALUES ('h1', 'not good', 'neutral', 'survey', 's1', 'qa')`
		);
		expect(await cached(db, 'sent', compute)).toBe(3);
		expect(await cached(db, 'sent', compute)).toBe(3);
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

describe('cached results and the job that follows an import', () => {
	it('are computed again once the job has written what pages read', async () => {
		const jobDb = await createTestDb();
		const dir = await mkdtemp(join(tmpdir(), 'careloop-cache-test-'));
		try {
			const file = join(dir, 'interactions.csv');
			await writeFile(
				file,
				'interaction_id,started_at,channel,direction,patient_id,agent_id,team,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition,campaign,outcome\n' +
					'j1,2026-03-02T10:00:00Z,voice,inbound,p1,a1,t1,refill,5,60,,,resolved,,\n' +
					'j2,2026-03-02T11:00:00Z,voice,inbound,p1,a1,t1,refill,5,60,,,resolved,,\n'
			);
			// The import returns with its job queued; no runner is told, so the job waits.
			const kpiFacts = POST_IMPORT_STEPS.filter((s) => s.name === 'kpi-facts');
			const work = pendingWork(null, { kind: 'import', steps: ['kpi-facts'], requestedBy: 't' });
			await ingestPaths(jobDb, [file], { importedBy: 't', pendingWork: work });
			work.close();
			const facts = async () =>
				(await jobDb.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM fact_interactions'))!.n;
			// A page loaded between the import and its job: no stored facts yet.
			expect(await cached(jobDb, 'facts', facts)).toBe(0);
			await new JobRunner(jobDb, kpiFacts).drain();
			// The job's first step stored the two imported contacts (j1, j2); the cache must not
			// keep serving the 0 it saw before (it did while the version ignored jobs).
			expect(await cached(jobDb, 'facts', facts)).toBe(2);
		} finally {
			await jobDb.close();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
