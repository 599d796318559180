// Runs the database's pending background jobs in this process, with a progress bar per step on
// stderr and one line per finished job. Used by ingest, setup and `careloop jobs run`.
import { createProgress, type Progress } from './progress.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import {
	describeJob,
	getJobView,
	processJobs,
	type JobRunner
} from '../../src/lib/server/jobs/index.ts';

/** Drains the queue; returns the ids of jobs that failed. */
export async function runPendingJobs(
	db: Db,
	log: (line: string) => void = (line) => console.error(line)
): Promise<number[]> {
	const runner: JobRunner = processJobs(db);
	let bar: Progress | null = null;
	let step = '';
	let quarter = 0;
	let current: number | null = null;
	const failed: number[] = [];
	const pending: Promise<void>[] = [];
	const report = async (jobId: number) => {
		const view = await getJobView(db, runner, jobId);
		if (!view) return;
		log(`Job ${jobId}: ${describeJob(view)}`);
		if (view.state === 'failed') {
			log(`  cause: ${view.errorDetail ?? 'unknown'} — re-run with careloop jobs retry ${jobId}`);
			failed.push(jobId);
		}
	};
	const stop = runner.subscribe(() => {
		const live = runner.live;
		if (current !== null && live?.jobId !== current) {
			// The job we were drawing ended (done or failed).
			bar?.finish();
			bar = null;
			step = '';
			pending.push(report(current));
			current = null;
		}
		if (!live) return;
		current = live.jobId;
		if (live.step !== step) {
			bar?.finish();
			step = live.step;
			// Logs (and the durability test) see each step begin; a terminal sees its bar instead.
			if (!process.stderr.isTTY)
				log(`Job ${live.jobId}: step ${live.stepIndex + 1} of ${live.stepCount}, ${live.label}…`);
			bar = createProgress(
				`Job ${live.jobId} [${live.stepIndex + 1}/${live.stepCount}] ${live.label}`
			);
			quarter = 0;
		}
		bar?.update(live.done, live.total);
		// A log has no bar: it gets a line as a long step passes each quarter (work committed
		// so far), which is also where the durability test pulls the plug.
		const reached = live.total > 0 ? Math.floor((4 * live.done) / live.total) : 0;
		if (!process.stderr.isTTY && reached > quarter && reached < 4) {
			quarter = reached;
			const count = (x: number) => x.toLocaleString('en-US');
			log(
				`Job ${live.jobId}: ${live.label} ${quarter * 25}% (${count(live.done)} of ${count(live.total)})`
			);
		}
	});
	try {
		await runner.drain();
	} finally {
		stop();
		(bar as Progress | null)?.finish();
	}
	await Promise.all(pending);
	return failed;
}
