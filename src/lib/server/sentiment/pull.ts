// `careloop sentiment pull <id>`: the only code path that may download. It fetches a
// transformers.js text-classification model from the Hugging Face hub into data/models/<id>
// (transformers.js's file cache, laid out as the local loader expects), then turns downloads
// off again. Offline it fails with one sentence.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { MODELS_DIR } from './classifier.ts';

const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

export interface PullOptions {
	quantized?: boolean;
	onProgress?: (file: string, loaded: number, total: number) => void;
}

export async function pullModel(id: string, opts: PullOptions = {}): Promise<string> {
	if (!HUB_ID.test(id) || id.includes('..')) {
		throw new Error(
			`"${id}" is not a Hugging Face model id (owner/name, e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english).`
		);
	}
	const dir = resolve(MODELS_DIR, id);
	env.allowRemoteModels = true;
	env.allowLocalModels = false;
	env.useFSCache = true;
	env.cacheDir = resolve(MODELS_DIR) + '/';
	try {
		await pipeline('text-classification', id, {
			dtype: opts.quantized ? 'q8' : 'fp32',
			progress_callback: (p: {
				status: string;
				file?: string;
				loaded?: number;
				total?: number;
			}) => {
				if (p.status === 'progress' && p.file)
					opts.onProgress?.(p.file, p.loaded ?? 0, p.total ?? 0);
			}
		});
	} catch (err) {
		const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
		throw new Error(
			`Could not download "${id}" from the Hugging Face hub (${reason}): this needs internet access; copy a model folder into ${dir} instead.`,
			{ cause: err }
		);
	} finally {
		env.allowRemoteModels = false;
		env.allowLocalModels = true;
	}
	if (!existsSync(join(dir, 'config.json')))
		throw new Error(`Downloaded "${id}" but found no ${join(dir, 'config.json')}.`);
	return dir;
}
