// `npm run bench:sentiment`: texts/s and peak RSS scoring 10,000 synthetic comments of 10–60
// words with the default model the way the scorer does (language check, Spanish lexicon path,
// model), beside the target of 2,000 texts/s; then a DistilBERT-size model if one is present.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse } from '../lib/args.ts';
import { createProgress } from '../lib/progress.ts';
import { seededRandom } from '../../src/lib/server/sentiment/features.ts';
import { ensureDefaultModel } from '../../src/lib/server/sentiment/index.ts';
import {
	BATCH_SIZE,
	MODELS_DIR,
	loadClassifier
} from '../../src/lib/server/sentiment/classifier.ts';

const WORDS = (
	'the pharmacist was very helpful and kind my refill not ready again waited on hold for too long ' +
	'thank you great service terrible rude nobody called back insurance copay prescription delivery ' +
	'arrived late on time easy quick slow confusing transferred problem solved still waiting doctor ' +
	'la atención fue muy buena mala nadie me ayudó gracias receta pedido llegó tarde excelente ' +
	'metformin insulin lisinopril pills side effects dose price store app website reminder message'
).split(' ');

export function syntheticComments(n: number, seed = 7): string[] {
	const random = seededRandom(seed);
	return Array.from({ length: n }, () => {
		const len = 10 + Math.floor(random() * 51);
		return Array.from({ length: len }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
	});
}

/** Folders under data/models (one or two levels, hub ids are owner/name) with a large ONNX file. */
function largeModels(): string[] {
	const out: string[] = [];
	const visit = (dir: string, depth: number) => {
		if (!existsSync(dir)) return;
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (!statSync(path).isDirectory() || name === 'careloop-sentiment') continue;
			const onnx = ['model.onnx', 'model_quantized.onnx']
				.map((f) => join(path, 'onnx', f))
				.find(existsSync);
			if (onnx && existsSync(join(path, 'config.json')) && statSync(onnx).size > 50e6)
				out.push(path);
			else if (depth < 2) visit(path, depth + 1);
		}
	};
	visit(MODELS_DIR, 1);
	return out;
}

const TARGET = 2000;

async function run(label: string, model: string, texts: string[]) {
	const classifier = await loadClassifier(model);
	await classifier.score(texts.slice(0, 64));
	const progress = createProgress(label, texts.length);
	const started = performance.now();
	const cpuStart = process.cpuUsage();
	const languages: Record<string, number> = {};
	for (let i = 0; i < texts.length; i += 1000) {
		for (const s of await classifier.score(texts.slice(i, i + 1000)))
			languages[s.language] = (languages[s.language] ?? 0) + 1;
		progress.update(Math.min(i + 1000, texts.length));
	}
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuStart);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	progress.finish();
	const rssMb = process.resourceUsage().maxRSS / 1024;
	console.log(
		`${label}: ${texts.length} texts in ${seconds.toFixed(2)} s = ${Math.round(texts.length / seconds)} texts/s wall (target ≥ ${TARGET}), ${Math.round(texts.length / cpuSeconds)} texts per CPU-second (${cpuSeconds.toFixed(2)} CPU-s); peak RSS ${rssMb.toFixed(0)} MB (${classifier.modelVersion}); languages ${JSON.stringify(languages)}`
	);
}

export default async function bench(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{ n: { type: 'string' }, 'large-n': { type: 'string' }, model: { type: 'string' } },
		'npm run bench:sentiment -- [--n 10000] [--large-n 1000] [--model PATH]'
	);
	const n = Number(values.n ?? 10_000);
	const texts = syntheticComments(n);
	const words = texts.reduce((s, t) => s + t.split(' ').length, 0);
	console.log(
		`${n} synthetic comments, 10–60 words (mean ${(words / n).toFixed(1)}), batches of ${BATCH_SIZE}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (wall-clock figures suffer when other work shares them).`
	);
	const path = values.model ?? (await ensureDefaultModel()).path;
	await run(values.model ? `model ${path}` : 'default model', path, texts);
	const large = largeModels();
	if (large.length === 0)
		console.log(
			'DistilBERT-size model: none present under data/models (careloop sentiment pull <id> fetches one).'
		);
	const largeN = Number(values['large-n'] ?? 1000);
	for (const dir of large) await run(`large model ${dir}`, dir, texts.slice(0, largeN));
	return 0;
}
