// `careloop demo`: writes the seeded synthetic contact centre (src/lib/server/demo) to a folder
// and says how to import it.
import { relative } from 'node:path';
import type { Command } from '../cli.ts';
import { CliError, parse } from '../lib/args.ts';
import { createProgress } from '../lib/progress.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { formatDay, parseDay, todayUtc } from '../../src/lib/server/demo/format.ts';

const USAGE = 'careloop demo [--days 90] [--seed N] [--out data/demo] [--end YYYY-MM-DD]';

function wholeNumber(name: string, text: string, min: number): number {
	const value = Number(text);
	if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
		throw new CliError(
			`--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${text}". Usage: ${USAGE}`
		);
	}
	return value;
}

export default {
	summary: 'write a seeded synthetic pharmacy contact centre in the contract formats',
	async run(args) {
		const { values } = parse(
			args,
			{
				days: { type: 'string', default: '90' },
				seed: { type: 'string', default: '42' },
				out: { type: 'string', default: 'data/demo' },
				end: { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			},
			USAGE
		);
		if (values.help) {
			console.log(
				`Usage: ${USAGE}\n\nWrites interactions, outbound outreach, surveys, transcripts and a year of fills ending at --end (default: today, UTC). The same seed and end date give byte-identical files.`
			);
			return 0;
		}
		const days = wholeNumber('days', values.days, 1);
		if (days > 3650) throw new CliError(`--days must be at most 3650, not ${days}.`);
		const seed = wholeNumber('seed', values.seed, Number.MIN_SAFE_INTEGER);
		if (values.end !== undefined && parseDay(values.end) === null) {
			throw new CliError(`--end must be a real date YYYY-MM-DD, not "${values.end}".`);
		}
		const started = Date.now();
		const bar = createProgress('Demo data');
		const result = await generateDemo({
			days,
			seed,
			out: values.out,
			end: values.end,
			onProgress: (done, total) => bar.update(done, total)
		}).catch((err: unknown) => {
			// Bad --end dates and the like come back as plain errors: show them as usage errors.
			throw err instanceof Error && /^(days|seed|end) must/.test(err.message)
				? new CliError(err.message)
				: err;
		});
		bar.finish();
		const last = (values.end && parseDay(values.end)) || todayUtc();
		const range = `${formatDay(last - days + 1)} to ${formatDay(last)}, fills from ${formatDay(last - 364)}`;
		console.log(
			`Wrote ${days} day${days === 1 ? '' : 's'} of demo data (${range}; seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s:`
		);
		for (const file of result.files) {
			const name = file.split(/[\\/]/).pop() ?? file;
			const shown = relative(process.cwd(), file).startsWith('..')
				? file
				: relative(process.cwd(), file);
			console.log(
				`  ${shown.padEnd(40)} ${result.counts[name].toLocaleString('en-US').padStart(8)} rows`
			);
		}
		console.log(
			`Including ${result.counts.bad_rows} deliberately bad rows for the rejects list (see src/lib/server/demo/bad-rows.ts).`
		);
		console.log(`Import it with: careloop ingest ${values.out}`);
		return 0;
	}
} satisfies Command;
