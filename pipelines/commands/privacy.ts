// `careloop privacy redact|eval`: redact stored transcripts and comments with a progress bar, or
// print the redactor's precision and recall per identifier on the labelled turns.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { createProgress, type Progress } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { redactPending } from '../../src/lib/server/privacy/store.ts';
import { evaluate, loadLabelled, type Evaluation } from '../../src/lib/server/privacy/evaluate.ts';
import { LABELS } from '../../src/lib/server/privacy/entities.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = `careloop privacy redact
       careloop privacy eval [file.jsonl …] [--year YYYY] [--misses] [--format table|json]`;

/** The two labelled sets shipped with CareLoop (see tests/fixtures/privacy/README.md). */
const DEFAULT_SETS = [
	'tests/fixtures/privacy/labelled-turns.jsonl',
	'tests/fixtures/privacy/held-out-turns.jsonl'
];
/** Birth years in the labelled sets are judged as of their writing, so figures do not drift. */
const LABELLED_YEAR = 2026;

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

function table(e: Evaluation, file: string): string {
	const rows = e.entities
		.filter((x) => x.labelled > 0 || x.found > 0)
		.map((x) => [LABELS[x.entity], x.labelled, x.found, pct(x.precision), pct(x.recall)]);
	rows.push([
		'All identifiers',
		e.all.labelled,
		e.all.found,
		pct(e.all.precision),
		pct(e.all.recall)
	]);
	const masked = e.all.labelled ? e.all.masked / e.all.labelled : null;
	return `${file}: ${e.turns} turns\n${textTable(['identifier', 'labelled', 'found', 'precision', 'recall'], rows)}\nMasked whatever the tag: ${pct(masked)} of labelled identifiers, ${pct(e.charactersMasked)} of their characters.`;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = {
	async redact(args) {
		parse(args, {}, USAGE);
		const db = await openDb();
		let bar: Progress | null = null;
		let kind = '';
		try {
			const s = await redactPending(db, {
				onProgress: (p) => {
					if (p.kind !== kind) {
						bar?.finish();
						kind = p.kind;
						bar = createProgress(`Redacting ${p.kind} text`, p.total);
					}
					bar?.update(p.done, p.total);
				}
			});
			(bar as Progress | null)?.finish();
			if (s.skipped) {
				console.log('Redaction is off (Settings → Privacy): nothing was read or changed.');
				return 0;
			}
			console.log(
				`${s.checked} texts checked, ${s.redacted} redacted (${s.found} identifiers replaced).`
			);
			return 0;
		} finally {
			await db.close();
		}
	},
	async eval(args) {
		const { values, positionals } = parse(
			args,
			{ format: { type: 'string' }, year: { type: 'string' }, misses: { type: 'boolean' } },
			USAGE,
			true
		);
		const format = parseFormat(values.format, ['json', 'table'], 'table');
		const year = values.year ? Number(values.year) : LABELLED_YEAR;
		if (!Number.isInteger(year)) throw new CliError(`--year must be a year, not "${values.year}".`);
		const out: Record<string, Evaluation> = {};
		for (const file of positionals.length ? positionals : DEFAULT_SETS) {
			let turns;
			try {
				turns = loadLabelled(file);
			} catch (err) {
				throw new CliError(`Cannot read ${file}: ${(err as Error).message.split('\n')[0]}`);
			}
			out[file] = evaluate(turns, { year });
		}
		if (format === 'json') {
			console.log(JSON.stringify(out, null, 2));
			return 0;
		}
		for (const [file, e] of Object.entries(out)) {
			console.log(table(e, file) + '\n');
			if (values.misses) {
				for (const m of e.misses) console.log(`  missed ${m.entity} in ${m.id}: "${m.text}"`);
				for (const f of e.falseAlarms) console.log(`  wrongly ${f.entity} in ${f.id}: "${f.text}"`);
			}
		}
		return 0;
	}
};

export default {
	summary: 'redact stored transcripts and comments, or measure the redactor',
	async run([sub, ...rest]) {
		const fn = sub ? subcommands[sub] : undefined;
		if (!fn) {
			if (sub === '--help' || sub === '-h') {
				console.log(`Usage: ${USAGE}`);
				return 0;
			}
			throw new CliError(`Name a privacy command: redact or eval. Usage: ${USAGE}`);
		}
		return fn(rest);
	}
} satisfies Command;
