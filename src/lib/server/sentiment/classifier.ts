// Loads a text-classification model through transformers.js, offline, and scores texts as
// negative / neutral / positive probabilities. The default is the self-trained model in
// data/models/careloop-sentiment; CARELOOP_SENTIMENT_MODEL (a folder path, or a hub id that
// `careloop sentiment pull` fetched into data/models/<id>) selects another. Labels come from
// the model's config.json id2label, mapped as labels.ts documents.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import { LABELS, mapForeignLabel, type Label, type LabelScores } from './labels.ts';
import { MODELS_DIR, loadLocal } from './tokenizer.ts';

export { MODELS_DIR };
import { DEFAULT_MODEL_DIR } from './train.ts';

export const BATCH_SIZE = 128;

export class ModelNotFoundError extends Error {}

export interface Classifier {
	/** Name plus a content hash of config and weights: cached scores are keyed by it. */
	modelVersion: string;
	path: string;
	classify(texts: string[]): Promise<LabelScores[]>;
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

const loaded = new Map<string, Promise<Classifier>>();

export async function loadClassifier(modelPathOrId?: string): Promise<Classifier> {
	const path = resolveModelPath(modelPathOrId);
	let classifier = loaded.get(path);
	if (!classifier) {
		classifier = open(path);
		loaded.set(path, classifier);
		classifier.catch(() => loaded.delete(path));
	}
	return classifier;
}

async function open(path: string): Promise<Classifier> {
	const { file, dtype } = onnxFile(path);
	const map = labelMap(path);
	const names = Object.values(
		(
			JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as {
				id2label: Record<string, string>;
			}
		).id2label
	);
	const hash = createHash('sha256')
		.update(readFileSync(join(path, 'config.json')))
		.update(readFileSync(file));
	if (existsSync(join(path, 'tokenizer.json')))
		hash.update(readFileSync(join(path, 'tokenizer.json')));
	const modelVersion = `${basename(path)}@${hash.digest('hex').slice(0, 12)}`;
	const clf = (await loadLocal(path, (id) =>
		pipeline('text-classification', id, { dtype })
	)) as TextClassificationPipeline;
	const labelOf = new Map(names.map((name, i) => [name, map[i]]));

	return {
		modelVersion,
		path,
		async classify(texts) {
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
		}
	};
}

/** Convenience: scores with the configured model. */
export async function classify(texts: string[], modelPathOrId?: string): Promise<LabelScores[]> {
	return (await loadClassifier(modelPathOrId)).classify(texts);
}

export { LABELS };
