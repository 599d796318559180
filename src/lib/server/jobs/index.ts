// Background jobs: the work that follows an import runs after the import request has returned,
// one job at a time, step by step (steps: post-import.ts). Durable: a job is queued in the same
// transaction as the rows that need it, and a job that was queued or running when the process
// died runs (from its unfinished step) when the next process starts its runner.
//
//   processJobs(db)            the process's runner (the server's, or a CLI command's), created once;
//                              startJobs(db) also resumes what is pending and mirrors the status
//                              into a file beside the database for `careloop jobs`
//   pendingWork(runner, job)   hand to ingestPaths: records the batch's job inside its transactions
//   listJobViews(db, runner)   recent jobs with live progress;  requeueFailed(db, id) → re-run
import type { Db } from '../db/index.ts';
import { ALL_STEPS } from '../post-import.ts';
import { JobRunner } from './runner.ts';
import { statusPath, throttle, writeStatus } from './status-file.ts';
import { enqueueJob, getJob, listJobs, listRunnable } from './store.ts';
import { derivedReady } from '../kpi/derived.ts';
import { getSettings } from '../kpi/settings.ts';
import { viewJob, type JobView } from './view.ts';

export { JobRunner, type JobStep, type StepContext, type LiveProgress } from './runner.ts';
export { pendingWork, type PendingWork } from './pending.ts';
export { enqueueJob, requeueFailed, type JobRow, type JobState } from './store.ts';
export { describeJob, type JobView } from './view.ts';
export { readStatus, statusPath } from './status-file.ts';
export { postImportStepNames, DEMO_STEPS } from '../post-import.ts';

const runners = new WeakMap<Db, JobRunner>();

/** The runner for this database handle in this process (one, so jobs never run twice at once). */
export function processJobs(db: Db): JobRunner {
	let runner = runners.get(db);
	if (!runner) {
		runner = new JobRunner(db, ALL_STEPS, { onChange: () => mirror.get(db)?.() });
		runners.set(db, runner);
	}
	return runner;
}

const mirror = new WeakMap<Db, () => void>();

/**
 * When the maintained figures lag the data and no job will bring them up to date (a database
 * from before a migration that added or reset them), queues a job of that one step. Returns its
 * id, or null when none was needed.
 */
export async function queueFactsIfBehind(db: Db): Promise<number | null> {
	const imported = await db.one<{ n: number }>(
		'SELECT count(*)::INTEGER AS n FROM (SELECT 1 FROM import_log LIMIT 1)'
	);
	if (!imported?.n || (await derivedReady(db, await getSettings(db)))) return null;
	if ((await listRunnable(db)).length > 0) return null;
	return enqueueJob(db, { kind: 'facts', steps: ['kpi-facts'], requestedBy: 'CareLoop' });
}

/** The server's start: resume pending jobs and keep the status file current. */
export function startJobs(db: Db): JobRunner {
	const runner = processJobs(db);
	if (db.path !== ':memory:' && !mirror.has(db)) {
		const path = statusPath(db.path);
		mirror.set(
			db,
			throttle(async () => writeStatus(path, await listJobViews(db, runner)), 1000)
		);
		mirror.get(db)?.();
	}
	runner.kick();
	return runner;
}

export async function listJobViews(
	db: Db,
	runner: JobRunner | null,
	limit = 20
): Promise<JobView[]> {
	const rows = await listJobs(db, limit);
	return rows.map((r) => viewJob(r, runner?.live ?? null, (s) => runner?.stepLabel(s) ?? s));
}

export async function getJobView(db: Db, runner: JobRunner | null, jobId: number) {
	const row = await getJob(db, jobId);
	return row ? viewJob(row, runner?.live ?? null, (s) => runner?.stepLabel(s) ?? s) : null;
}
