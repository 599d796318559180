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
import { getJob, listJobs } from './store.ts';
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
