// `careloop qa autoqa run [--all]` checks every transcript against the current AutoQA rules (new
// or changed transcripts only, unless --all); `careloop qa autoqa eval [--labels DIR] [--current]`
// prints each rule's precision and recall on the hand-labelled set (the seeded rules, or with
// --current the installation's). Thin wrappers over src/lib/server/qa/autoqa.
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { createProgress } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import {
	evaluateLabelledSet,
	getCurrentRules,
	runAutoQa
} from '../../src/lib/server/qa/autoqa/index.ts';

export const AUTOQA_USAGE =
	'careloop qa autoqa run [--all] | careloop qa autoqa eval [--labels DIR] [--current] [--model PATH] (each with [--format json|table])';

const DEFAULT_LABELS = 'tests/fixtures/autoqa';

export async function runAutoQaCommand(args: string[]): Promise<number> {
	const { values, positionals } = parse(
		args,
		{
			all: { type: 'boolean' },
			labels: { type: 'string' },
			current: { type: 'boolean' },
			model: { type: 'string' },
			format: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		},
		AUTOQA_USAGE,
		true
	);
	if (values.help) {
		console.log(`Usage: ${AUTOQA_USAGE}`);
		return 0;
	}
	const [sub, ...extra] = positionals;
	if ((sub !== 'run' && sub !== 'eval') || extra.length > 0)
		throw new CliError(`Name what to do: run or eval. Usage: ${AUTOQA_USAGE}`);
	const format = parseFormat(values.format, ['json', 'table'], 'table');
	if (sub === 'run') {
		if (values.labels !== undefined || values.current || values.model !== undefined)
			throw new CliError('--labels, --current and --model belong to "qa autoqa eval".');
		const db = await openDb();
		try {
			const progress = createProgress('checking');
			const r = await runAutoQa(db, {
				all: values.all === true,
				onProgress: (done, total) => progress.update(done, total)
			});
			progress.finish();
			if (format === 'json') console.log(JSON.stringify(r));
			else
				console.log(
					`AutoQA (rules version ${r.versionId}): ${r.checked} of ${r.transcripts} transcripts checked, ${r.unchanged} unchanged; ${r.failures} rule failures found.`
				);
		} finally {
			await db.close();
		}
		return 0;
	}
	if (values.all) throw new CliError('--all belongs to "qa autoqa run".');
	let rules;
	if (values.current) {
		const db = await openDb();
		try {
			rules = (await getCurrentRules(db)).rules;
		} finally {
			await db.close();
		}
	}
	const result = await evaluateLabelledSet(values.labels ?? DEFAULT_LABELS, {
		rules,
		model: values.model
	});
	if (format === 'json') {
		console.log(JSON.stringify({ transcripts: result.transcripts, rules: result.figures }));
		return 0;
	}
	console.log(
		`AutoQA on ${result.transcripts} hand-labelled transcripts (${values.current ? 'this installation' : 'seeded'} rules); a finding is a failure.\n`
	);
	console.log(
		textTable(
			['rule', 'enabled', 'n', 'flagged', 'true', 'missed', 'precision', 'recall', 'agreement'],
			result.figures.map((f) => [
				f.rule,
				f.enabled ? 'yes' : 'no',
				f.n,
				f.truePositives + f.falsePositives,
				f.truePositives,
				f.falseNegatives,
				f.precision,
				f.recall,
				f.agreement
			]),
			3
		)
	);
	const weak = result.figures.filter((f) => f.enabled && (f.precision ?? 1) < 0.9);
	if (weak.length > 0)
		console.log(
			`\nBelow 0.9 precision and enabled: ${weak.map((f) => f.rule).join(', ')} — consider turning them off.`
		);
	return 0;
}
