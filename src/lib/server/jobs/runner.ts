// Runs queued jobs one at a time, in id order, step by step. A step's progress lives in memory
// (pages and the status file read it); the jobs table is written only when a job starts, a step
// finishes and the job ends, so a long step never holds a write open against other users.
import { outsideBackground, type Db } from '../db/index.ts';
import {
	listRunnable,
	markDone,
	markFailed,
	markStarted,
	markStepDone,
	type JobRow
} from './store.ts';

export interface StepContext {
	db: Db;
	jobId: number;
	/** The imports the job follows up (empty for a job not caused by an import). */
	importIds: number[];
	/**
	 * When the job was queued. Rules judge the data as of then, so a job resumed after a restart
	 * days later opens the same tasks it would have opened at the time.
	 */
	now: Date;
	progress(done: number, total: number): void;
}

/** One unit of follow-up work. Steps must be safe to run again after being cut off midway. */
export interface JobStep {
	/** Stable id stored in jobs.steps (never rename one that shipped). */
	name: string;
	/** What a person reads: "Sentiment scores". */
	label: string;
	/** Does the work; returns a short note for the job's summary ("5,016 texts scored"). */
	run(ctx: StepContext): Promise<string>;
}

export interface LiveProgress {
	jobId: number;
	step: string;
	label: string;
	/** 0-based position of the step among the job's steps. */
	stepIndex: number;
	stepCount: number;
	done: number;
	total: number;
}

export interface RunnerOptions {
	/** Called when a job starts, a step moves on or a job ends (throttle in the listener). */
	onChange?: () => void;
	/** Where a failed step's full error goes (the server log). */
	logError?: (jobId: number, step: string, err: unknown) => void;
}

const firstLine = (err: unknown) =>
	(err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 500);

export class JobRunner {
	readonly db: Db;
	readonly #steps: Map<string, JobStep>;
	readonly #opts: RunnerOptions;
	/** Jobs whose import batch is still landing files: they wait until it is over. */
	readonly #held = new Set<number>();
	#pump: Promise<void> | null = null;
	#again = false;
	#live: LiveProgress | null = null;
	#stopped = false;
	readonly #listeners = new Set<() => void>();

	constructor(db: Db, steps: readonly JobStep[], opts: RunnerOptions = {}) {
		this.db = db;
		this.#steps = new Map(steps.map((s) => [s.name, s]));
		this.#opts = opts;
	}

	#logError(jobId: number, step: string, err: unknown): void {
		if (this.#opts.logError) this.#opts.logError(jobId, step, err);
		else console.error(`Job ${jobId}, ${step}:`, err);
	}

	/** Calls fn whenever a job starts, its step moves on or it ends; returns the unsubscribe. */
	subscribe(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	#changed(): void {
		this.#opts.onChange?.();
		for (const fn of this.#listeners) fn();
	}

	get live(): LiveProgress | null {
		return this.#live;
	}

	stepLabel(name: string): string {
		return this.#steps.get(name)?.label ?? name;
	}

	hold(jobId: number): void {
		this.#held.add(jobId);
	}

	release(jobId: number): void {
		this.#held.delete(jobId);
		this.kick();
	}

	/** Starts working through the queue unless already at it; never throws (failures are stored). */
	kick(): void {
		if (this.#stopped) return;
		if (this.#pump) {
			this.#again = true;
			return;
		}
		// Started from inside an import (a file that failed releases its job), the pump must not
		// inherit the import's background context (Db.asBackground).
		this.#pump = outsideBackground(() => this.#work())
			.catch((err) => {
				this.#live = null;
				this.#logError(0, 'bookkeeping', err);
			})
			.finally(() => {
				this.#pump = null;
				if (this.#again) {
					this.#again = false;
					this.kick();
				}
			});
	}

	/** Runs until no job is left to run (the CLI waits on this). */
	async drain(): Promise<void> {
		this.kick();
		while (this.#pump) await this.#pump;
	}

	/** Finishes the current step's job bookkeeping and takes no new job (shutdown). */
	async stop(): Promise<void> {
		this.#stopped = true;
		await this.#pump;
	}

	async #work(): Promise<void> {
		for (;;) {
			if (this.#stopped) return;
			const next = (await listRunnable(this.db)).find((j) => !this.#held.has(j.jobId));
			if (!next) return;
			await this.#run(next);
		}
	}

	async #run(job: JobRow): Promise<void> {
		await markStarted(this.db, job.jobId);
		const done = new Set(job.stepsDone);
		const notes: string[] = [...job.notes];
		const change = () => this.#changed();
		change();
		for (const [stepIndex, name] of job.steps.entries()) {
			if (done.has(name)) continue;
			const step = this.#steps.get(name);
			if (!step) {
				// A step that a later version of CareLoop dropped has nothing left to do.
				await markStepDone(
					this.db,
					job.jobId,
					name,
					`${name}: skipped (no longer part of CareLoop)`
				);
				continue;
			}
			this.#live = {
				jobId: job.jobId,
				step: name,
				label: step.label,
				stepIndex,
				stepCount: job.steps.length,
				done: 0,
				total: 0
			};
			change();
			let note: string;
			try {
				note = await step.run({
					db: this.db,
					jobId: job.jobId,
					importIds: job.importIds,
					now: new Date(job.createdAt),
					progress: (d, t) => {
						if (this.#live?.jobId !== job.jobId) return;
						this.#live = { ...this.#live, done: d, total: t };
						change();
					}
				});
			} catch (err) {
				this.#live = null;
				this.#logError(job.jobId, name, err);
				await markFailed(
					this.db,
					job.jobId,
					`${step.label} failed, so the job stopped there; the imported rows are kept, and the job can be re-run.`,
					firstLine(err)
				);
				change();
				return;
			}
			notes.push(`${step.label}: ${note}`);
			await markStepDone(this.db, job.jobId, name, `${step.label}: ${note}`);
		}
		this.#live = null;
		await markDone(this.db, job.jobId, notes.length ? `${notes.join('; ')}.` : 'Nothing to do.');
		change();
	}
}
