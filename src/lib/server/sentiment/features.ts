// The n-gram features of the embedding-bag model, shared by training (TypeScript) and the ONNX
// graph (onnx-export.ts), which must compute exactly the same rows. The tokenizer only yields
// word ids; word pairs are hashed from those ids *inside the graph*: bigrams (t, t+1) and skip
// bigrams (t, t+2, so "not very helpful" still pairs "not" with "helpful"), each into
// `buckets` rows placed after the vocabulary rows of one embedding table.
export interface FeatureSpec {
	vocabSize: number;
	buckets: number;
}

export const BIGRAM_MUL = 1_000_003;
export const SKIP_MUL_A = 7_368_787;
export const SKIP_MUL_B = 131;

export function bigramRow(a: number, b: number, spec: FeatureSpec): number {
	return spec.vocabSize + ((a * BIGRAM_MUL + b) % spec.buckets);
}

export function skipRow(a: number, c: number, spec: FeatureSpec): number {
	return spec.vocabSize + ((a * SKIP_MUL_A + c * SKIP_MUL_B) % spec.buckets);
}

/** Embedding rows of one text: every id, every adjacent pair, every pair two apart. */
export function featureRows(ids: number[], spec: FeatureSpec): Int32Array {
	const n = ids.length;
	const rows = new Int32Array(n + Math.max(0, n - 1) + Math.max(0, n - 2));
	let k = 0;
	for (let t = 0; t < n; t++) rows[k++] = ids[t];
	for (let t = 0; t + 1 < n; t++) rows[k++] = bigramRow(ids[t], ids[t + 1], spec);
	for (let t = 0; t + 2 < n; t++) rows[k++] = skipRow(ids[t], ids[t + 2], spec);
	return rows;
}

/** FNV-1a, 32 bits: a stable hash for deterministic splits (not for security). */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a small seeded generator, so training is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
