// `careloop qa sample [--week YYYY-MM-DD] [--seed S]` builds a week's review queue;
// `careloop qa coach [--now T]` runs the coaching rules (and measures due coaching effects);
// `careloop qa backfill` replays the rules 75 days back as finished coaching, once (for the demo);
// `careloop qa autoqa run|eval` lives in qa-autoqa.ts.
// Thin wrappers over src/lib/server/qa, the same functions the web app and post-import call.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { parseDate, parseTimestamp } from '../../src/lib/server/time/index.ts';
import {
	backfillCoaching,
	buildReviewQueue,
	runCoachingRules
} from '../../src/lib/server/qa/index.ts';
import { AUTOQA_USAGE, runAutoQaCommand } from './qa-autoqa.ts';

const USAGE = `careloop qa sample [--week YYYY-MM-DD] [--seed S] | careloop qa coach [--now T] | careloop qa backfill (each with [--format json|table]) | ${AUTOQA_USAGE}`;

export default {
	summary: 'build the weekly QA review sample, run the coaching rules, or run and measure AutoQA',
	async run(args) {
		if (args[0] === 'autoqa') return runAutoQaCommand(args.slice(1));
		const { values, positionals } = parse(
			args,
			{
				week: { type: 'string' },
				seed: { type: 'string' },
				now: { type: 'string' },
				format: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE,
			true
		);
		if (values.help) {
			console.log(`Usage: ${USAGE}`);
			return 0;
		}
		const [sub, ...extra] = positionals;
		if ((sub !== 'sample' && sub !== 'coach' && sub !== 'backfill') || extra.length > 0) {
			throw new CliError(`Name what to run: sample, coach, backfill or autoqa. Usage: ${USAGE}`);
		}
		const format = parseFormat(values.format, ['json', 'table'], 'table');
		if (sub === 'backfill') {
			if (values.week !== undefined || values.seed !== undefined || values.now !== undefined) {
				throw new CliError('"qa backfill" takes no options but --format.');
			}
			const db = await openDb();
			try {
				const r = await backfillCoaching(db);
				if (format === 'json') console.log(JSON.stringify(r));
				else if (r.replayedAt === null)
					console.log('Coaching history: already replayed (or no data); nothing to do.');
				else
					console.log(
						`Coaching history replayed as of ${r.replayedAt}: ${r.tasks} finished tasks, ${r.effects} effects measured.`
					);
			} finally {
				await db.close();
			}
			return 0;
		}
		if (sub === 'sample') {
			if (values.now !== undefined)
				throw new CliError('--now belongs to "qa coach"; "qa sample" takes --week.');
			let week: string | undefined;
			if (values.week !== undefined) {
				const day = parseDate(values.week);
				if (!day)
					throw new CliError(
						`--week "${values.week}" is not a date: use YYYY-MM-DD (any day; its Monday is used).`
					);
				week = day;
			}
			const db = await openDb();
			try {
				const r = await buildReviewQueue(db, { week, seed: values.seed });
				if (format === 'json') console.log(JSON.stringify(r));
				else
					console.log(
						`Review queue for the week of ${r.weekStart}: ${r.picked} interactions added (${r.random} random, ${r.targeted} targeted).`
					);
			} finally {
				await db.close();
			}
			return 0;
		}
		if (values.week !== undefined || values.seed !== undefined)
			throw new CliError('--week and --seed belong to "qa sample".');
		let now: Date | undefined;
		if (values.now !== undefined) {
			const parsed = parseTimestamp(values.now);
			if (!parsed)
				throw new CliError(`--now "${values.now}" is not a timestamp: use YYYY-MM-DD or RFC 3339.`);
			now = parsed;
		}
		const db = await openDb();
		try {
			const r = await runCoachingRules(db, { now });
			if (format === 'json') console.log(JSON.stringify(r));
			else
				console.log(
					`Coaching: ${r.opened} tasks opened, ${r.updated} open tasks updated, ${r.effects} effects measured.`
				);
		} finally {
			await db.close();
		}
		return 0;
	}
} satisfies Command;
