// The job runner over a real in-memory DuckDB: pending work lands with the import or not at all,
// steps run in order, a failure keeps the rows and a re-run starts at the failed step, a job
// left running by a dead process resumes where it stopped, and bookkeeping survives conflicts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { ingestPaths } from '../ingest/index.ts';
import { JobRunner, type JobStep } from './runner.ts';
import { pendingWork } from './pending.ts';
import { getJob, requeueFailed } from './store.ts';
import { isWriteConflict, retryOnConflict } from '../db/conflict.ts';
import { processJobs, queueFactsIfBehind } from './index.ts';
import { derivedReady } from '../kpi/derived.ts';
import { getSettings } from '../settings/index.ts';

const dirs: string[] = [];
afterEach(async () => {
	for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<string[]> {
	const dir = await mkdtemp(join(tmpdir(), 'careloop-jobs-test-'));
	dirs.push(dir);
	const paths: string[] = [];
	for (const [name, text] of Object.entries(contents)) {
		await writeFile(join(dir, name), text);
		paths.push(join(dir, name));
	}
	return paths;
}

const FILLS = 'fill_id,patient_id,drug_name,fill_date,days_supply\n';

/** Steps that record what they saw; `fail` makes the named step throw once. */
function recordingSteps(log: string[], fail: { step?: string } = {}): JobStep[] {
	return ['a', 'b', 'c'].map((name) => ({
		name,
		label: `Step ${name.toUpperCase()}`,
		async run(ctx) {
			if (fail.step === name) {
				fail.step = undefined;
				throw new Error(`${name} broke\nsecond line`);
			}
			const [{ n }] = await ctx.db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM fills');
			ctx.progress(1, 1);
			log.push(`${name}:${n}:${ctx.importIds.join('+')}`);
			return `${n} fills seen`;
		}
	}));
}

async function importFills(db: Db, runner: JobRunner | null, names: Record<string, string>) {
	const work = pendingWork(runner, { kind: 'import', steps: ['a', 'b', 'c'], requestedBy: 't' });
	try {
		const report = await ingestPaths(db, await files(names), {
			importedBy: 't',
			pendingWork: work
		});
		return { report, jobId: work.jobId };
	} finally {
		work.close();
	}
}

describe('background jobs', () => {
	it('queues one job per batch with the import, and runs its steps in order after the batch', async () => {
		const db = await createTestDb();
		const log: string[] = [];
		const runner = new JobRunner(db, recordingSteps(log));
		// Two files of one batch: 1 + 2 fills; a third file fails whole (no required columns).
		const { report, jobId } = await importFills(db, runner, {
			'fills-1.csv': `${FILLS}F1,P1,x,2025-01-01,30\n`,
			'fills-2.csv': `${FILLS}F2,P1,x,2025-02-01,30\nF3,P2,y,2025-02-01,30\n`,
			'fills-3.csv': 'nothing,useful\n1,2\n'
		});
		expect(report.files.map((f) => f.accepted)).toEqual([1, 2, 0]);
		expect(jobId).not.toBeNull();
		await runner.drain();
		const [i1, i2] = report.files.map((f) => f.importId);
		// Each step ran once, after both files landed (3 fills), and saw both imports.
		expect(log).toEqual([`a:3:${i1}+${i2}`, `b:3:${i1}+${i2}`, `c:3:${i1}+${i2}`]);
		const job = await getJob(db, jobId as number);
		expect(job).toMatchObject({ state: 'done', stepsDone: ['a', 'b', 'c'], attempts: 1 });
		expect(job?.message).toBe('Step A: 3 fills seen; Step B: 3 fills seen; Step C: 3 fills seen.');
	});

	it('queues nothing when no row changed (a re-import) and nothing for a file that failed', async () => {
		const db = await createTestDb();
		const runner = new JobRunner(db, recordingSteps([]));
		const csv = `${FILLS}F1,P1,x,2025-01-01,30\n`;
		expect((await importFills(db, runner, { 'fills.csv': csv })).jobId).not.toBeNull();
		expect((await importFills(db, runner, { 'fills.csv': csv })).jobId).toBeNull();
		expect((await importFills(db, runner, { 'fills.csv': 'a,b\n' })).jobId).toBeNull();
		const [{ n }] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM jobs');
		expect(n).toBe(1);
	});

	it('a failed step keeps the rows and a re-run resumes at that step', async () => {
		const db = await createTestDb();
		const log: string[] = [];
		const runner = new JobRunner(db, recordingSteps(log, { step: 'b' }), { logError: () => {} });
		const { jobId } = await importFills(db, runner, {
			'fills.csv': `${FILLS}F1,P1,x,2025-01-01,30\n`
		});
		await runner.drain();
		const failed = await getJob(db, jobId as number);
		expect(failed).toMatchObject({ state: 'failed', stepsDone: ['a'], errorDetail: 'b broke' });
		expect(failed?.message).toBe(
			'Step B failed, so the job stopped there; the imported rows are kept, and the job can be re-run.'
		);
		expect(await db.all('SELECT fill_id FROM fills')).toEqual([{ fill_id: 'F1' }]);

		expect(await requeueFailed(db, jobId as number)).toBe(true);
		expect(await requeueFailed(db, jobId as number)).toBe(false); // queued now, not failed
		await runner.drain();
		// Step a ran once (first attempt); b and c ran on the re-run.
		expect(log.map((l) => l.split(':')[0])).toEqual(['a', 'b', 'c']);
		expect(await getJob(db, jobId as number)).toMatchObject({ state: 'done', attempts: 2 });
	});

	it('resumes a job that a dead process left running, from its unfinished step', async () => {
		const db = await createTestDb();
		// No runner in the importing "process": it died before running anything.
		const { jobId } = await importFills(db, null, {
			'fills.csv': `${FILLS}F1,P1,x,2025-01-01,30\n`
		});
		// What a process killed during step b leaves behind: running, with a done.
		await db.run(
			"UPDATE jobs SET state = 'running', steps_done = ['a'], notes = ['Step A: 1 fills seen'], attempts = 1"
		);
		const log: string[] = [];
		await new JobRunner(db, recordingSteps(log)).drain();
		expect(log.map((l) => l.split(':')[0])).toEqual(['b', 'c']);
		expect(await getJob(db, jobId as number)).toMatchObject({
			state: 'done',
			attempts: 2,
			message: 'Step A: 1 fills seen; Step B: 1 fills seen; Step C: 1 fills seen.'
		});
	});

	it('holds a batch job until the batch closes', async () => {
		const db = await createTestDb();
		const log: string[] = [];
		const runner = new JobRunner(db, recordingSteps(log));
		const work = pendingWork(runner, { kind: 'import', steps: ['a'], requestedBy: 't' });
		await ingestPaths(db, await files({ 'fills.csv': `${FILLS}F1,P1,x,2025-01-01,30\n` }), {
			importedBy: 't',
			pendingWork: work
		});
		await runner.drain();
		expect(log).toEqual([]);
		work.close();
		await runner.drain();
		expect(log).toHaveLength(1);
	});

	it('retries a bookkeeping write that meets a DuckDB write conflict', async () => {
		const db = await createTestDb();
		await db.run(
			"INSERT INTO jobs VALUES (1, 'import', 'queued', ['a'], [], [], 't', now()::TIMESTAMP, NULL, NULL, 0, NULL, NULL)"
		);
		const other = await db.instance.connect();
		await other.run('BEGIN TRANSACTION');
		await other.run("UPDATE jobs SET message = 'held by another writer' WHERE job_id = 1");
		// A plain write now conflicts with the open transaction…
		// (DuckDB 1.5 detects conflicts per column: both writers change `message`.)
		const conflict = await db
			.run("UPDATE jobs SET message = 'first try' WHERE job_id = 1")
			.catch((e) => e);
		expect(isWriteConflict(conflict)).toBe(true);
		// …and the retried one succeeds once the other writer commits (after ~50 ms).
		setTimeout(() => void other.run('COMMIT'), 50);
		await retryOnConflict(() => db.run("UPDATE jobs SET message = 'retried' WHERE job_id = 1"));
		other.closeSync();
		expect(await getJob(db, 1)).toMatchObject({ message: 'retried' });
	});

	it('queues the figures once when they lag the data and nothing else will bring them up', async () => {
		const db = await createTestDb();
		try {
			// An empty database needs nothing.
			expect(await queueFactsIfBehind(db)).toBeNull();
			// Rows imported without a job (as by a process older than the figures).
			const [path] = await files({ 'fills.csv': `${FILLS}f1,p1,metformin,2026-01-05,30\n` });
			await ingestPaths(db, [path], { importedBy: 'test' });
			expect(await derivedReady(db, await getSettings(db))).toBe(false);
			const jobId = await queueFactsIfBehind(db);
			expect(jobId).not.toBeNull();
			expect(await getJob(db, jobId!)).toMatchObject({ kind: 'facts', steps: ['kpi-facts'] });
			// Queued already: not twice.
			expect(await queueFactsIfBehind(db)).toBeNull();
			await processJobs(db).drain();
			expect(await getJob(db, jobId!)).toMatchObject({ state: 'done' });
			expect(await derivedReady(db, await getSettings(db))).toBe(true);
			expect(await queueFactsIfBehind(db)).toBeNull();
		} finally {
			await db.close();
		}
	});
});
