// What the Import page polls while an import or its job runs: imports in progress in this
// server and the recent jobs, shaped for the page (no server paths, no internal error text).
import type { Db } from '$lib/server/db/index.ts';
import { listLiveImports } from '$lib/server/ingest/live.ts';
import { listJobViews, processJobs } from '$lib/server/jobs/index.ts';

export async function importStatus(db: Db) {
	const jobs = await listJobViews(db, processJobs(db), 10);
	return {
		live: listLiveImports().map((l) => ({
			id: l.id,
			by: l.by,
			phase: l.phase,
			received: l.received,
			expected: l.expected,
			file: l.file,
			fileIndex: l.fileIndex,
			fileCount: l.fileCount,
			rowsDone: l.rowsDone,
			bytesDone: l.batchBytesDone,
			bytesTotal: l.batchBytesTotal
		})),
		jobs: jobs.map((j) => ({
			jobId: j.jobId,
			state: j.state,
			requestedBy: j.requestedBy,
			createdAt: j.createdAt,
			finishedAt: j.finishedAt,
			importIds: j.importIds,
			stepLabel: j.stepLabel,
			stepNumber: j.stepNumber,
			stepCount: j.stepCount,
			done: j.done,
			total: j.total,
			message: j.message
		}))
	};
}

export type ImportStatus = Awaited<ReturnType<typeof importStatus>>;
