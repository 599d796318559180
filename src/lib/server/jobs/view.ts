// Jobs as pages and the CLI show them: stored rows with the running step's live progress.
import type { LiveProgress } from './runner.ts';
import type { JobRow, JobState } from './store.ts';

export interface JobView {
	jobId: number;
	kind: string;
	state: JobState;
	requestedBy: string;
	createdAt: string;
	finishedAt: string | null;
	importIds: number[];
	stepsDone: number;
	stepCount: number;
	/** The step running now, or the next to run (the failed one, for a failed job). */
	stepLabel: string | null;
	/** Its 1-based position among the job's steps. */
	stepNumber: number | null;
	/** Progress of the running step; total 0 = not known yet. */
	done: number;
	total: number;
	message: string | null;
	/** For the CLI and the log only. */
	errorDetail: string | null;
}

export function viewJob(
	row: JobRow,
	live: LiveProgress | null,
	label: (step: string) => string
): JobView {
	const current = live?.jobId === row.jobId ? live : null;
	const pending = row.steps.find((s) => !row.stepsDone.includes(s)) ?? null;
	return {
		jobId: row.jobId,
		kind: row.kind,
		state: row.state,
		requestedBy: row.requestedBy,
		createdAt: row.createdAt,
		finishedAt: row.finishedAt,
		importIds: row.importIds,
		stepsDone: row.stepsDone.length,
		stepCount: row.steps.length,
		stepLabel: current ? current.label : row.state === 'done' || !pending ? null : label(pending),
		stepNumber: current
			? current.stepIndex + 1
			: row.state === 'done' || !pending
				? null
				: row.steps.indexOf(pending) + 1,
		done: current?.done ?? 0,
		total: current?.total ?? 0,
		message: row.message,
		errorDetail: row.errorDetail
	};
}

/** One line: "running — Sentiment scores (step 1 of 4): 2,048 of 5,016". */
export function describeJob(j: JobView): string {
	const n = (x: number) => x.toLocaleString('en-US');
	switch (j.state) {
		case 'queued':
			return j.stepsDone > 0
				? `queued to resume at ${j.stepLabel} (step ${j.stepNumber} of ${j.stepCount})`
				: 'queued';
		case 'running': {
			const step = j.stepLabel
				? `${j.stepLabel} (step ${j.stepNumber} of ${j.stepCount})`
				: 'starting';
			const count = j.total > 0 ? `: ${n(j.done)} of ${n(j.total)}` : '';
			return `running — ${step}${count}`;
		}
		case 'done':
			return `done — ${j.message ?? ''}`;
		case 'failed':
			return `failed — ${j.message ?? ''}`;
	}
}
