// `careloop setup`: make a fresh installation usable offline. On an empty database it writes the
// seeded demo data and imports it; it makes sure the default sentiment model exists, scores what
// is unscored and runs the loop's rules. Safe to run again: it skips what is already done.
import type { Command } from '../cli.ts';
import { parse } from '../lib/args.ts';
import { createProgress } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { ensureDefaultModel } from '../../src/lib/server/sentiment/index.ts';
import { ensureFirstAdmin } from '../../src/lib/server/auth/users.ts';
import { runPostImport } from '../../src/lib/server/post-import.ts';
import { backfillCoaching } from '../../src/lib/server/qa/index.ts';
import { now as clockNow } from '../../src/lib/server/time/index.ts';
import { replayFollowUps } from '../../src/lib/server/loop/demo-replay.ts';

interface PrepareOptions {
	demoDays: number;
	seed: number;
	demoOut: string;
	createFirstAdmin: boolean;
}

export async function prepare(
	opts: PrepareOptions
): Promise<{ email: string; password: string } | null> {
	const db = await openDb();
	try {
		const modelBar = createProgress('Sentiment model');
		await ensureDefaultModel({
			onProgress: (done: number, total: number) => modelBar.update(done, total)
		});
		modelBar.finish();

		const existing = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM import_log');
		if ((existing?.n ?? 0) === 0) {
			console.log(`Empty database: writing ${opts.demoDays} days of demo data to ${opts.demoOut}…`);
			const demoBar = createProgress('Demo data');
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
			const importBar = createProgress('Importing');
			const report = await ingestPaths(db, [opts.demoOut], {
				importedBy: 'careloop setup',
				onProgress: (p) => importBar.update(p.rowsDone, p.rowsTotal)
			});
			importBar.finish();
			for (const f of report.files) {
				if (f.error) throw new Error(`The demo file ${f.file} did not import: ${f.error}`);
				if (!f.skipped) console.log(`  ${f.file}: ${f.accepted} accepted, ${f.rejected} rejected`);
			}
		}

		const freshDemo = (existing?.n ?? 0) === 0;
		await runPostImport(db, { log: (line) => console.log(line) });
		if (freshDemo) {
			// Replays 90 days of coaching once so the effectiveness view has finished tasks to show.
			const replay = await backfillCoaching(db);
			console.log(
				`Coaching history replayed: ${replay.tasks} tasks, ${replay.effects} measured effects.`
			);
			// Likewise the follow-up loop: a month of tasks worked as a team would, so its figures
			// start as a believable mix instead of every task open and past due.
			const loop = await replayFollowUps(db, { days: Math.min(30, opts.demoDays) });
			console.log(
				`Follow-up history replayed: ${loop.tasks} tasks, ${loop.closedOnTime} closed on time, ${loop.closedLate} late, ${loop.stillOpen} open.`
			);
		}
		return opts.createFirstAdmin ? await ensureFirstAdmin(db) : null;
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
		const admin = await prepare({
			demoDays,
			seed,
			demoOut: values['demo-out'],
			createFirstAdmin: !values['no-first-admin']
		});
		if (admin)
			console.log(
				`First admin created — shown once:\n  email:    ${admin.email}\n  password: ${admin.password}`
			);
		console.log('Setup done.');
		return 0;
	}
} satisfies Command;
