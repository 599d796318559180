// `careloop sentiment train|score|eval|pull`: thin wrappers over src/lib/server/sentiment.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { createProgress } from '../lib/progress.ts';
import {
	DatabaseLockedError,
	openDb,
	resolveDbPath,
	type Db
} from '../../src/lib/server/db/index.ts';
import { DEFAULT_MODEL_DIR, trainModel } from '../../src/lib/server/sentiment/train.ts';
import { ModelNotFoundError } from '../../src/lib/server/sentiment/classifier.ts';
import { CorpusNotFoundError } from '../../src/lib/server/sentiment/corpus-dir.ts';
import { scorePending } from '../../src/lib/server/sentiment/score.ts';
import { evaluate } from '../../src/lib/server/sentiment/evaluate.ts';
import { compareHeldOut, evaluateHeldOut } from '../../src/lib/server/sentiment/heldout.ts';
import { pullModel } from '../../src/lib/server/sentiment/pull.ts';
import { validateCandidates, type Candidate } from '../../src/lib/server/sentiment/validate.ts';
import {
	formatHeldOut,
	formatPaired,
	formatMetrics,
	formatTrained,
	formatValidation
} from './sentiment-format.ts';

const USAGE = `careloop sentiment <train|validate|score|eval|pull> [options]
  train [--corpus DIR] [--seed N] [--out DIR] [--epochs N] [--nb-mix X] [--call-templates]
        [--template-weight N] [--no-db]
        train the default model on the public corpora (default ../shared/data/sentiment)
        plus the installation's rated survey comments and QA label corrections;
        --nb-mix 0.5 scales features by naive-Bayes ratios; --call-templates draws neutral
        templates from call talk too, --template-weight N counts each template N times
        (all off by default, see README)
  validate [--candidates JSON|FILE] [--folds] [--corpus DIR] [--format json|table]
        compare training settings on the validation split, the Spanish validation set and
        (--folds) the seed set's training rows by 4-fold; never on held-out text. Candidates:
        [{"name":"plain"},{"name":"nb","nbMix":0.5,"nbShrink":200,"nbMulticlass":true}, …]
  score [--all] [--model PATH|ID]     score new/changed comments and patient/agent turns
  eval --heldout [--corpus DIR] [--model PATH|ID] [--format json|table]
        every held-out set (rebuilt by hash from the corpora), model beside VADER, calibration
  eval --heldout --against PATH|ID [--model PATH|ID] [--corpus DIR] [--format json|table]
        the model and another on the same held-out rows, paired (exact McNemar test)
  eval <file.csv> [--binary] [--format json|table] [--baseline vader] [--model PATH|ID]
  pull <hub-id> [--quantized]         download a transformers.js model into data/models`;

function integer(value: string | undefined, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be a whole number, not "${value}".`);
	return Number(value);
}

function fraction(value: string | undefined, name: string): number | undefined {
	if (value === undefined) return undefined;
	const x = Number(value);
	if (!/^\d*\.?\d+$/.test(value) || x > 1)
		throw new CliError(`--${name} must be a number from 0 to 1, not "${value}".`);
	return x;
}

async function siteDb(skip: boolean | undefined): Promise<Db | null> {
	const dbPath = resolveDbPath();
	if (skip || dbPath === ':memory:' || !existsSync(dbPath)) return null;
	try {
		return await openDb(dbPath);
	} catch (err) {
		if (!(err instanceof DatabaseLockedError)) throw err;
		console.error(
			`${err.message} Training without the installation's survey comments and corrections.`
		);
		return null;
	}
}

async function train(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			corpus: { type: 'string' },
			seed: { type: 'string' },
			out: { type: 'string' },
			epochs: { type: 'string' },
			'nb-mix': { type: 'string' },
			'call-templates': { type: 'boolean' },
			'template-weight': { type: 'string' },
			'no-db': { type: 'boolean' }
		},
		USAGE
	);
	const db = await siteDb(values['no-db']);
	const progress = createProgress('training');
	try {
		const r = await trainModel({
			corpusDir: values.corpus,
			seed: integer(values.seed, 'seed'),
			epochs: integer(values.epochs, 'epochs'),
			nbMix: fraction(values['nb-mix'], 'nb-mix'),
			callTemplates: values['call-templates'],
			sourceWeights:
				values['template-weight'] === undefined
					? undefined
					: { templates: integer(values['template-weight'], 'template-weight') },
			out: values.out ?? DEFAULT_MODEL_DIR,
			db,
			onStage: (stage) => console.error(`${stage} …`),
			onProgress: (done, total) => progress.update(done, total)
		});
		progress.finish();
		console.log(formatTrained(r));
		if (db)
			console.log(
				'The next import (or "careloop sentiment score") rescores every text with the new model.'
			);
		return 0;
	} finally {
		await db?.close();
	}
}

async function validate(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			candidates: { type: 'string' },
			folds: { type: 'boolean' },
			corpus: { type: 'string' },
			format: { type: 'string' }
		},
		USAGE
	);
	const format = parseFormat(values.format, ['json', 'table'], 'table');
	const spec = values.candidates ?? '[{"name":"default"}]';
	let candidates: Candidate[];
	try {
		candidates = JSON.parse(existsSync(spec) ? readFileSync(spec, 'utf8') : spec) as Candidate[];
	} catch {
		throw new CliError(`--candidates must be a JSON list of settings (or a file holding one).`);
	}
	if (!Array.isArray(candidates) || candidates.some((c) => typeof c?.name !== 'string'))
		throw new CliError(`--candidates must be a JSON list of objects, each with a "name".`);
	const results = await validateCandidates(candidates, {
		corpusDir: values.corpus,
		folds: values.folds,
		onStage: (stage) => console.error(`${stage} …`),
		onResult: (r) => {
			if (format === 'table') console.log(formatValidation(r));
		}
	});
	if (format === 'json') console.log(JSON.stringify(results));
	return 0;
}

async function score(args: string[]): Promise<number> {
	const { values } = parse(args, { all: { type: 'boolean' }, model: { type: 'string' } }, USAGE);
	const db = await openDb();
	const progress = createProgress('scoring');
	try {
		const r = await scorePending(db, {
			all: values.all,
			model: values.model,
			onProgress: (d, t) => progress.update(d, t)
		});
		progress.finish();
		console.log(
			`${r.texts} distinct texts: ${r.scored} scored, ${r.cached} already cached (model ${r.modelVersion}).`
		);
		return 0;
	} finally {
		await db.close();
	}
}

async function evalCommand(args: string[]): Promise<number> {
	const { values, positionals } = parse(
		args,
		{
			heldout: { type: 'boolean' },
			corpus: { type: 'string' },
			binary: { type: 'boolean' },
			format: { type: 'string' },
			baseline: { type: 'string' },
			model: { type: 'string' },
			against: { type: 'string' }
		},
		USAGE,
		true
	);
	const format = parseFormat(values.format, ['json', 'table'], 'table');
	if (values.against !== undefined && !values.heldout)
		throw new CliError('--against compares two models on held-out text: add --heldout.');
	if (values.heldout) {
		if (positionals.length > 0)
			throw new CliError(`--heldout reads the corpora; name no file. Usage: ${USAGE}`);
		if (values.against !== undefined) {
			const paired = await compareHeldOut({
				corpusDir: values.corpus,
				model: values.model,
				against: values.against,
				onProgress: (set) => console.error(`comparing on ${set} …`)
			});
			console.log(format === 'json' ? JSON.stringify(paired) : formatPaired(paired));
			return 0;
		}
		const report = await evaluateHeldOut({
			corpusDir: values.corpus,
			model: values.model,
			onProgress: (set) => console.error(`evaluating ${set} …`)
		});
		console.log(format === 'json' ? JSON.stringify(report) : formatHeldOut(report));
		return 0;
	}
	const [file] = positionals;
	if (!file || positionals.length > 1)
		throw new CliError(`Name one CSV file with columns text,label, or --heldout. Usage: ${USAGE}`);
	if (!existsSync(file)) throw new CliError(`No such file: ${file}.`, 1);
	if (values.baseline !== undefined && values.baseline !== 'vader')
		throw new CliError(`--baseline must be vader, not "${values.baseline}".`);
	const progress = createProgress('evaluating');
	const m = await evaluate(file, {
		binary: values.binary,
		baseline: values.baseline === 'vader' ? 'vader' : undefined,
		model: values.model,
		onProgress: (d, t) => progress.update(d, t)
	});
	progress.finish();
	const what = `${values.baseline === 'vader' ? 'VADER baseline' : 'model'}, ${values.binary ? 'binary, neutral rows left out' : '3 labels'}`;
	console.log(format === 'json' ? JSON.stringify(m) : formatMetrics(m, file, what));
	return 0;
}

async function pull(args: string[]): Promise<number> {
	const { values, positionals } = parse(args, { quantized: { type: 'boolean' } }, USAGE, true);
	const [id] = positionals;
	if (!id)
		throw new CliError(
			`Name a model id, e.g. careloop sentiment pull Xenova/distilbert-base-uncased-finetuned-sst-2-english.`
		);
	const dir = await pullModel(id, { quantized: values.quantized });
	console.log(`Saved ${id} in ${dir}; use it with CARELOOP_SENTIMENT_MODEL=${id}.`);
	return 0;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = {
	train,
	validate,
	score,
	eval: evalCommand,
	pull
};

export default {
	summary: 'train, validate, score, evaluate or pull sentiment models',
	async run([name, ...rest]) {
		if (!name || name === '--help' || name === '-h') {
			console.log(USAGE);
			return name ? 0 : 2;
		}
		const sub = subcommands[name];
		if (!sub) throw new CliError(`Unknown sentiment command "${name}". Usage: ${USAGE}`);
		try {
			return await sub(rest);
		} catch (err) {
			// Expected failures (no model, no corpora, no network, bad CSV) are one sentence.
			if (
				err instanceof ModelNotFoundError ||
				err instanceof CorpusNotFoundError ||
				(err instanceof Error &&
					/^(Could not download|No such file|.*row \d+: label)/.test(err.message))
			) {
				throw new CliError(err.message, 1);
			}
			throw err;
		}
	}
} satisfies Command;
