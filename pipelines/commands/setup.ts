// `careloop setup`: make a fresh installation usable offline. On an empty database it writes the
// seeded demo data and imports it, queueing the post-import work (scores, rules, the demo's
// coaching history) as a background job; it makes sure the default sentiment model exists and
// creates the first admin. `setup` runs the queued work before it returns; `start` leaves it to
// the server, which resumes it at once (the page shows its progress), so the app is up sooner.
import type { Command } from '../cli.ts';
import { parse } from '../lib/args.ts';
import { createProgress, rowsNote } from '../lib/progress.ts';
import { runPendingJobs } from '../lib/jobs.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { auditImport } from '../../src/lib/server/ingest/audit-import.ts';
import { ensureDefaultModel } from '../../src/lib/server/sentiment/index.ts';
import { ensureFirstAdmin } from '../../src/lib/server/auth/users.ts';
import { now as clockNow } from '../../src/lib/server/time/index.ts';
import {
	DEMO_STEPS,
	pendingWork,
	postImportStepNames,
	processJobs
} from '../../src/lib/server/jobs/index.ts';

/** One progress line per step: "[2/5] Demo data … 90 days in data/demo (3.1 s)". */
export interface StepLog {
	step(label: string): { done(summary: string): void };
}

export function stepLog(count: number): StepLog {
	let n = 0;
	return {
		step(label) {
			const started = performance.now();
			const prefix = `[${++n}/${count}] ${label}`;
			// A terminal sees the step begin; a log gets one line per step when it ends.
			if (process.stdout.isTTY) process.stdout.write(`${prefix} …`);
			return {
				done(summary) {
					const s = ((performance.now() - started) / 1000).toFixed(1);
					const line = `${prefix}: ${summary} (${s} s)`;
					process.stdout.write(process.stdout.isTTY ? `\r\x1b[K${line}\n` : `${line}\n`);
				}
			};
		}
	};
}

interface PrepareOptions {
	demoDays: number;
	seed: number;
	demoOut: string;
	createFirstAdmin: boolean;
	/** Leave the queued post-import job to the server (start) instead of running it here. */
	background: boolean;
	log: StepLog;
}

export interface Prepared {
	admin: { email: string; password: string } | null;
	/** The job left for the server, when background. */
	jobId: number | null;
}

const n = (x: number) => x.toLocaleString('en-US');

/** Steps it logs: model, demo data, import (3). */
export async function prepare(opts: PrepareOptions): Promise<Prepared> {
	const db = await openDb();
	try {
		let line = opts.log.step('Sentiment model');
		const modelBar = createProgress('Training the sentiment model');
		const model = await ensureDefaultModel({ onProgress: (d, t) => modelBar.update(d, t) });
		modelBar.finish();
		line.done(model.trained ? `trained into ${model.path}` : 'ready');

		const existing = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM import_log');
		let jobId: number | null = null;
		if ((existing?.n ?? 0) === 0) {
			line = opts.log.step(`Demo data (${opts.demoDays} days)`);
			const demoBar = createProgress('Writing');
			// The demo ends now, not at last midnight: today's contacts so far are in it, so the
			// follow-ups they open are not all past due on arrival, and none lies in the future.
			const until = clockNow();
			await generateDemo({
				days: opts.demoDays,
				seed: opts.seed,
				end: until.toISOString().slice(0, 10),
				until: until.getTime(),
				out: opts.demoOut,
				onProgress: (done, total) => demoBar.update(done, total)
			});
			demoBar.finish();
			line.done(`written to ${opts.demoOut}`);

			line = opts.log.step('Importing the demo data');
			// In the background case no runner here: the job stays queued for the server to run.
			const work = pendingWork(opts.background ? null : processJobs(db), {
				kind: 'setup',
				steps: [...postImportStepNames(), ...DEMO_STEPS.map((s) => s.name)],
				requestedBy: 'careloop setup'
			});
			const importBar = createProgress('Importing', 0, { bytes: true });
			let report;
			try {
				report = await ingestPaths(db, [opts.demoOut], {
					importedBy: 'careloop setup',
					pendingWork: work,
					onProgress: (p) =>
						importBar.update(
							p.bytesDone,
							p.bytesTotal,
							`file ${p.fileIndex + 1} of ${p.fileCount}, ${rowsNote(p.rowsDone)}`
						)
				});
			} finally {
				work.close();
				importBar.finish();
			}
			for (const f of report.files) {
				if (f.error) throw new Error(`The demo file ${f.file} did not import: ${f.error}`);
			}
			await auditImport(db, report.files, {
				actor: 'careloop setup',
				ip: null,
				via: 'setup',
				jobId: work.jobId
			});
			const sum = (k: 'accepted' | 'rejected') => report.files.reduce((a, f) => a + f[k], 0);
			line.done(
				`${n(sum('accepted'))} rows from ${report.files.length} files, ${n(sum('rejected'))} rejected on purpose`
			);
			jobId = work.jobId;
		} else {
			opts.log.step('Demo data').done('skipped: the database already holds imports');
			opts.log.step('Importing the demo data').done('skipped');
		}

		if (!opts.background) {
			// Scores, rules and samples for what was just imported, plus anything an interrupted
			// earlier run left queued.
			const failed = await runPendingJobs(db, (l) => console.log(l));
			if (failed.length > 0)
				throw new Error(
					`Job ${failed.join(', ')} failed; see above, then run careloop jobs retry.`
				);
			jobId = null;
		}
		const admin = opts.createFirstAdmin ? await ensureFirstAdmin(db) : null;
		return { admin, jobId };
	} finally {
		await db.close();
	}
}

export default {
	summary: 'prepare the database',
	async run(args) {
		const usage = 'careloop setup [--demo-days N] [--seed N] [--demo-out DIR] [--no-first-admin]';
		const { values } = parse(
			args,
			{
				'demo-days': { type: 'string', default: '90' },
				seed: { type: 'string', default: '42' },
				'demo-out': { type: 'string', default: 'data/demo' },
				'no-first-admin': { type: 'boolean', default: false }
			},
			usage
		);
		const demoDays = Number(values['demo-days']);
		const seed = Number(values.seed);
		if (!Number.isInteger(demoDays) || demoDays < 1) {
			console.error('--demo-days must be a whole number of days, at least 1.');
			return 2;
		}
		const { admin } = await prepare({
			demoDays,
			seed,
			demoOut: values['demo-out'],
			createFirstAdmin: !values['no-first-admin'],
			background: false,
			log: stepLog(3)
		});
		if (admin)
			console.log(
				`First admin created — shown once:\n  email:    ${admin.email}\n  password: ${admin.password}`
			);
		console.log('Setup done.');
		return 0;
	}
} satisfies Command;
