// Pending work recorded with the import that causes it. The first file of a batch that lands rows
// writes the batch's job row inside its own transaction; every later file links its import to the
// same job, also inside its transaction (an insert, so it never conflicts with the runner). The
// job is held back until the batch is over, so it runs once over all the batch's files.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobRunner } from './runner.ts';
import { insertJob, linkImport, nextJobId } from './store.ts';

export interface PendingWork {
	/** Inside a file's transaction, once its rows are written: record the work they need. */
	record(conn: DuckDBConnection, importId: number): Promise<void>;
	/** After that transaction: whether it committed. */
	settle(committed: boolean): void;
	/** The batch is over: its job may run. */
	close(): void;
	/** The batch's job, once a file that records it has committed. */
	readonly jobId: number | null;
}

export function pendingWork(
	runner: JobRunner | null,
	job: { kind: string; steps: string[]; requestedBy: string }
): PendingWork {
	let jobId: number | null = null;
	let fresh: number | null = null;
	return {
		get jobId() {
			return jobId;
		},
		async record(conn, importId) {
			if (jobId === null && fresh === null) {
				fresh = await nextJobId(conn);
				runner?.hold(fresh);
				await insertJob(conn, { ...job, jobId: fresh });
			}
			await linkImport(conn, (jobId ?? fresh) as number, importId);
		},
		settle(committed) {
			if (fresh === null) return;
			if (committed) jobId = fresh;
			else runner?.release(fresh);
			fresh = null;
		},
		close() {
			if (jobId !== null) runner?.release(jobId);
		}
	};
}
