// The jobs table: every write is one short statement (or a short transaction), retried when a
// concurrent writer makes DuckDB report a conflict, so bookkeeping never fails a job or an import.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRow {
	jobId: number;
	kind: string;
	state: JobState;
	steps: string[];
	stepsDone: string[];
	notes: string[];
	requestedBy: string;
	createdAt: string;
	startedAt: string | null;
	finishedAt: string | null;
	attempts: number;
	/** One sentence: the summary when done, what failed when failed. */
	message: string | null;
	/** The first line of the error, for the CLI and the server log only (never shown on a page). */
	errorDetail: string | null;
	importIds: number[];
}

const iso = (d: Date) => d.toISOString().replace('Z', '');

const INSERT_JOB = `-- a queued job (inside the caller's transaction when it records an import's pending work)
INSERT INTO jobs (job_id, kind, state, steps, steps_done, notes, requested_by, created_at, attempts)
VALUES ($jobId, $kind, 'queued', $steps::VARCHAR[], []::VARCHAR[], []::VARCHAR[], $by, $at::TIMESTAMP, 0)`;

const LINK_IMPORT = `-- which import a job follows up (inserts only: never conflicts with the runner's updates)
INSERT INTO job_imports (job_id, import_id) VALUES ($jobId, $importId)`;

/** A new job id (sequence values are never rolled back, so ids may skip). */
export async function nextJobId(conn: DuckDBConnection): Promise<number> {
	const [{ id }] = await all<{ id: number }>(conn, "SELECT nextval('job_id_seq')::INTEGER AS id");
	return id;
}

/** Writes a queued job on the caller's connection (and so in its transaction, if one is open). */
export async function insertJob(
	conn: DuckDBConnection,
	job: { jobId: number; kind: string; steps: string[]; requestedBy: string; now?: Date }
): Promise<void> {
	await conn.run(INSERT_JOB, {
		jobId: job.jobId,
		kind: job.kind,
		steps: JSON.stringify(job.steps),
		by: job.requestedBy,
		at: iso(job.now ?? new Date())
	});
}

export async function linkImport(
	conn: DuckDBConnection,
	jobId: number,
	importId: number
): Promise<void> {
	await conn.run(LINK_IMPORT, { jobId, importId });
}

/** A queued job of its own (not tied to an import transaction), e.g. a manual re-run of steps. */
export async function enqueueJob(
	db: Db,
	job: { kind: string; steps: string[]; requestedBy: string; importIds?: number[] }
): Promise<number> {
	return retryOnConflict(() =>
		db.transaction(async (conn) => {
			const jobId = await nextJobId(conn);
			await insertJob(conn, { ...job, jobId });
			for (const importId of job.importIds ?? []) await linkImport(conn, jobId, importId);
			return jobId;
		})
	);
}

const SELECT_JOBS = `SELECT j.job_id::INTEGER AS "jobId", j.kind, j.state, j.steps, j.steps_done AS "stepsDone",
	j.notes, j.requested_by AS "requestedBy", strftime(j.created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt",
	strftime(j.started_at, '%Y-%m-%dT%H:%M:%SZ') AS "startedAt", strftime(j.finished_at, '%Y-%m-%dT%H:%M:%SZ') AS "finishedAt",
	j.attempts::INTEGER AS attempts, j.message, j.error_detail AS "errorDetail",
	coalesce((SELECT list(i.import_id::INTEGER ORDER BY i.import_id) FROM job_imports i WHERE i.job_id = j.job_id), []) AS "importIds"
FROM jobs j`;

const LIST_JOBS = `-- the newest jobs first
${SELECT_JOBS} ORDER BY j.job_id DESC LIMIT $limit`;

const GET_JOB = `-- one job
${SELECT_JOBS} WHERE j.job_id = $jobId`;

const RUNNABLE = `-- jobs to run, oldest first (a job left running by a crashed process counts as queued)
${SELECT_JOBS} WHERE j.state IN ('queued', 'running') ORDER BY j.job_id`;

export async function listJobs(db: Db, limit = 20): Promise<JobRow[]> {
	return db.all<JobRow>(LIST_JOBS, { limit });
}

export async function getJob(db: Db, jobId: number): Promise<JobRow | null> {
	return db.one<JobRow>(GET_JOB, { jobId });
}

export async function listRunnable(db: Db): Promise<JobRow[]> {
	return db.all<JobRow>(RUNNABLE);
}

const START = `-- the runner takes the job
UPDATE jobs SET state = 'running', started_at = $at::TIMESTAMP, attempts = attempts + 1,
	finished_at = NULL, message = NULL, error_detail = NULL
WHERE job_id = $jobId AND state IN ('queued', 'running')`;

const STEP_DONE = `-- one step finished: a resumed job skips it
UPDATE jobs SET steps_done = list_append(steps_done, $step), notes = list_append(notes, $note)
WHERE job_id = $jobId`;

const FINISH = `-- every step finished
UPDATE jobs SET state = 'done', finished_at = $at::TIMESTAMP, message = $message WHERE job_id = $jobId`;

const FAIL = `-- a step failed: the imported rows stay, the job can be re-run from that step
UPDATE jobs SET state = 'failed', finished_at = $at::TIMESTAMP, message = $message, error_detail = $detail
WHERE job_id = $jobId`;

const REQUEUE = `-- a failed job runs again from the step that failed
UPDATE jobs SET state = 'queued', message = NULL, error_detail = NULL, finished_at = NULL
WHERE job_id = $jobId AND state = 'failed'`;

const write = (db: Db, sql: string, params: Record<string, string | number | null>) =>
	retryOnConflict(() => db.run(sql, params));

export const markStarted = (db: Db, jobId: number, now = new Date()) =>
	write(db, START, { jobId, at: iso(now) });

export const markStepDone = (db: Db, jobId: number, step: string, note: string) =>
	write(db, STEP_DONE, { jobId, step, note });

export const markDone = (db: Db, jobId: number, message: string, now = new Date()) =>
	write(db, FINISH, { jobId, message, at: iso(now) });

export const markFailed = (
	db: Db,
	jobId: number,
	message: string,
	detail: string,
	now = new Date()
) => write(db, FAIL, { jobId, message, detail, at: iso(now) });

/** Puts a failed job back in the queue; false when there is no failed job with that id. */
export async function requeueFailed(db: Db, jobId: number): Promise<boolean> {
	const job = await getJob(db, jobId);
	if (!job || job.state !== 'failed') return false;
	await write(db, REQUEUE, { jobId });
	return true;
}
