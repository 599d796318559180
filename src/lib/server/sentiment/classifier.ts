// Loads a text-classification model through transformers.js, offline, and scores texts as
// negative / neutral / positive probabilities. The default is the self-trained model in
// data/models/careloop-sentiment; CARELOOP_SENTIMENT_MODEL (a folder path, or a hub id that
// `careloop sentiment pull` fetched into data/models/<id>) selects another. Labels come from
// the model's config.json id2label, mapped as labels.ts documents.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import { LABELS, mapForeignLabel, type Label, type LabelScores } from './labels.ts';
import { detectLanguage, isScoredLanguage, type Language, type LanguageWords } from './language.ts';
import { withSpanishMarkers } from './lexicon-es.ts';
import { MODELS_DIR, loadLocal } from './tokenizer.ts';

export { MODELS_DIR };
import { DEFAULT_MODEL_DIR, SPANISH_DIR } from './train.ts';

export const BATCH_SIZE = 128;

export class ModelNotFoundError extends Error {}

export interface ScoredText {
	language: Language;
	/** Null for a language the model does not handle: "not scored", never guessed. */
	scores: LabelScores | null;
}

export interface Classifier {
	/** Name plus a content hash of config and weights: cached scores are keyed by it. */
	modelVersion: string;
	path: string;
	/** The (English) model's scores of each text as given, whatever its language. */
	classify(texts: string[]): Promise<LabelScores[]>;
	/** Language first: English and Spanish are scored (Spanish through its lexicon path), others not. */
	score(texts: string[]): Promise<ScoredText[]>;
}

function looksLikePath(spec: string): boolean {
	return (
		isAbsolute(spec) || spec.startsWith('.') || spec.startsWith('data/') || spec.includes('\\')
	);
}

/** Where a model spec (path or hub id) lives on disk; throws one clear sentence if absent. */
export function resolveModelPath(spec?: string): string {
	const chosen = spec?.trim() || process.env.CARELOOP_SENTIMENT_MODEL?.trim() || DEFAULT_MODEL_DIR;
	const path =
		looksLikePath(chosen) || existsSync(chosen) ? resolve(chosen) : resolve(MODELS_DIR, chosen);
	if (existsSync(join(path, 'config.json'))) return path;
	if (looksLikePath(chosen) || existsSync(chosen)) {
		throw new ModelNotFoundError(
			`No sentiment model at ${path} (no config.json there): train one with "careloop sentiment train --out ${chosen}" or set CARELOOP_SENTIMENT_MODEL to a model folder.`
		);
	}
	throw new ModelNotFoundError(
		`The sentiment model "${chosen}" is not in ${join(MODELS_DIR, chosen)}: fetch it once with "careloop sentiment pull ${chosen}" on a machine with internet, or set CARELOOP_SENTIMENT_MODEL to a model folder.`
	);
}

function onnxFile(path: string): { file: string; dtype: 'fp32' | 'q8' } {
	for (const [name, dtype] of [
		['model.onnx', 'fp32'],
		['model_quantized.onnx', 'q8']
	] as const) {
		const file = join(path, 'onnx', name);
		if (existsSync(file)) return { file, dtype };
	}
	throw new ModelNotFoundError(
		`The sentiment model at ${path} has no onnx/model.onnx or onnx/model_quantized.onnx.`
	);
}

/** For each of the model's output indices, our label (several may share one, e.g. 1–2 stars). */
function labelMap(path: string): Label[] {
	const config = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as {
		id2label?: Record<string, string>;
	};
	const names = Object.entries(config.id2label ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]));
	if (names.length < 2)
		throw new Error(
			`The sentiment model at ${path} has no id2label with at least two labels in config.json.`
		);
	return names.map(([index, name]) => {
		const label = mapForeignLabel(name, Number(index), names.length);
		if (!label)
			throw new Error(
				`The sentiment model at ${path} has a label "${name}" that is not a sentiment (see labels.ts for the names understood).`
			);
		return label;
	});
}

const loaded = new Map<string, { stamp: string; classifier: Promise<Classifier> }>();

const MODEL_FILES = [
	'config.json',
	join('onnx', 'model.onnx'),
	join('onnx', 'model_quantized.onnx')
];

/** Changes when a retrained model is written into the same folder, so the next load sees it. */
function stampOf(path: string): string {
	return [...MODEL_FILES, ...MODEL_FILES.map((f) => join(SPANISH_DIR, f))]
		.map((f) => join(path, f))
		.filter((f) => existsSync(f))
		.map((f) => `${f}:${statSync(f).mtimeMs}:${statSync(f).size}`)
		.join('|');
}

export async function loadClassifier(modelPathOrId?: string): Promise<Classifier> {
	const path = resolveModelPath(modelPathOrId);
	const stamp = stampOf(path);
	const cached = loaded.get(path);
	if (cached && cached.stamp === stamp) return cached.classifier;
	const classifier = open(path);
	loaded.set(path, { stamp, classifier });
	classifier.catch(() => loaded.delete(path));
	return classifier;
}

interface CareloopConfig {
	/** The self-trained model reads Spanish with lexicon markers appended (lexicon-es.ts). */
	spanish_markers?: boolean;
	/** A folder inside this one holding the model Spanish text goes to (train.ts). */
	spanish_model?: string;
}

type Run = (texts: string[]) => Promise<LabelScores[]>;

/** One ONNX text classifier: its version hash input, and a scorer mapping labels to ours. */
async function openPipeline(path: string, hash: ReturnType<typeof createHash>): Promise<Run> {
	const { file, dtype } = onnxFile(path);
	const map = labelMap(path);
	const config = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as {
		id2label: Record<string, string>;
	};
	hash.update(readFileSync(join(path, 'config.json'))).update(readFileSync(file));
	if (existsSync(join(path, 'tokenizer.json')))
		hash.update(readFileSync(join(path, 'tokenizer.json')));
	const clf = (await loadLocal(path, (id) =>
		pipeline('text-classification', id, { dtype })
	)) as TextClassificationPipeline;
	const labelOf = new Map(Object.values(config.id2label).map((name, i) => [name, map[i]]));
	return async (texts) => {
		const out: LabelScores[] = [];
		for (let i = 0; i < texts.length; i += BATCH_SIZE) {
			const batch = texts.slice(i, i + BATCH_SIZE);
			const results = (await clf(batch, { top_k: null })) as unknown as {
				label: string;
				score: number;
			}[][];
			for (const scores of results) {
				const s: LabelScores = { negative: 0, neutral: 0, positive: 0 };
				for (const { label, score } of scores) s[labelOf.get(label) ?? 'neutral'] += score;
				out.push(s);
			}
		}
		return out;
	};
}

/** The words of each language the model learned from (languages.json), for the language check. */
function languageWords(path: string): LanguageWords {
	const file = join(path, 'languages.json');
	if (!existsSync(file)) return {};
	const { en, es } = JSON.parse(readFileSync(file, 'utf8')) as { en?: string[]; es?: string[] };
	return { en: new Set(en ?? []), es: new Set(es ?? []) };
}

async function open(path: string): Promise<Classifier> {
	const careloop = (
		JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as { careloop?: CareloopConfig }
	).careloop;
	const hash = createHash('sha256');
	const run = await openPipeline(path, hash);
	const spanishPath = careloop?.spanish_model ? join(path, careloop.spanish_model) : null;
	if (spanishPath && !existsSync(join(spanishPath, 'config.json')))
		throw new ModelNotFoundError(
			`The sentiment model at ${path} names a Spanish model in ${spanishPath}, which is missing: retrain with "careloop sentiment train".`
		);
	const runSpanish = spanishPath ? await openPipeline(spanishPath, hash) : run;
	const modelVersion = `${basename(path)}@${hash.digest('hex').slice(0, 12)}`;
	const known = languageWords(path);

	return {
		modelVersion,
		path,
		async score(texts) {
			const languages = texts.map((t) => detectLanguage(t, known));
			const out: ScoredText[] = languages.map((language) => ({ language, scores: null }));
			const english: number[] = [];
			const spanish: number[] = [];
			languages.forEach((l, i) => {
				if (l === 'es') spanish.push(i);
				else if (isScoredLanguage(l)) english.push(i);
			});
			const spanishInputs = spanish.map((i) =>
				careloop?.spanish_markers ? withSpanishMarkers(texts[i]) : texts[i]
			);
			const [a, b] = [await run(english.map((i) => texts[i])), await runSpanish(spanishInputs)];
			english.forEach((i, k) => (out[i].scores = a[k]));
			spanish.forEach((i, k) => (out[i].scores = b[k]));
			return out;
		},
		classify: run
	};
}

/** Convenience: scores with the configured model. */
export async function classify(texts: string[], modelPathOrId?: string): Promise<LabelScores[]> {
	return (await loadClassifier(modelPathOrId)).classify(texts);
}

export { LABELS };
