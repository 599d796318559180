// The features of the linear model, shared by training (TypeScript) and the ONNX graph
// (onnx-export.ts), which computes exactly the same rows and values. The tokenizer yields word
// ids from a vocabulary (unigrams: one row per word, so no collisions); word pairs are hashed
// from those ids *inside the graph* into `buckets` rows after the vocabulary rows: bigrams
// (t, t+1) and skip bigrams (t, t+2, so "not very helpful" still pairs "not" with "helpful").
//
// Weighting, TF-IDF-like: each occurrence of a feature counts its IDF (ln((N + 1) / (df + 1)) + 1)
// times its naive-Bayes ratio factor (withNaiveBayesRatios), stored as a byte in 1/16 steps, and
// the text's vector is divided by the root of the sum of the squared values (its L2 norm when no
// feature repeats; a repeated feature counts each time).
export interface FeatureSpec {
	vocabSize: number;
	buckets: number;
	/** Whether skip bigrams (t, t+2) are features. */
	skip: boolean;
	/** Whether trigrams (t, t+1, t+2) are features. */
	trigrams?: boolean;
}

export const BIGRAM_MUL = 1_000_003;
export const SKIP_MUL_A = 7_368_787;
export const SKIP_MUL_B = 131;
export const TRI_MUL_A = 2_654_435;
export const TRI_MUL_B = 40_503;
/** IDF bytes are this many steps per unit: idf = byte / IDF_STEPS. */
export const IDF_STEPS = 16;

export function rowCount(spec: FeatureSpec): number {
	return spec.vocabSize + spec.buckets;
}

export function bigramRow(a: number, b: number, spec: FeatureSpec): number {
	return spec.vocabSize + ((a * BIGRAM_MUL + b) % spec.buckets);
}

export function skipRow(a: number, c: number, spec: FeatureSpec): number {
	return spec.vocabSize + ((a * SKIP_MUL_A + c * SKIP_MUL_B) % spec.buckets);
}

export function trigramRow(a: number, b: number, c: number, spec: FeatureSpec): number {
	return spec.vocabSize + ((a * TRI_MUL_A + b * TRI_MUL_B + c) % spec.buckets);
}

/** Feature rows of one text, one entry per occurrence: words, adjacent pairs, pairs two apart. */
export function featureRows(ids: number[], spec: FeatureSpec): Int32Array {
	const n = ids.length;
	const skips = spec.skip ? Math.max(0, n - 2) : 0;
	const tris = spec.trigrams ? Math.max(0, n - 2) : 0;
	const rows = new Int32Array(n + Math.max(0, n - 1) + skips + tris);
	let k = 0;
	for (let t = 0; t < n; t++) rows[k++] = ids[t];
	for (let t = 0; t + 1 < n; t++) rows[k++] = bigramRow(ids[t], ids[t + 1], spec);
	if (spec.skip) for (let t = 0; t + 2 < n; t++) rows[k++] = skipRow(ids[t], ids[t + 2], spec);
	if (spec.trigrams)
		for (let t = 0; t + 2 < n; t++) rows[k++] = trigramRow(ids[t], ids[t + 1], ids[t + 2], spec);
	return rows;
}

/** IDF bytes per row from document frequencies over `docs` texts (a row never seen: maximum). */
export function idfBytes(docs: Int32Array[], rows: number): Uint8Array {
	const df = new Uint32Array(rows);
	const seen = new Int32Array(rows).fill(-1);
	docs.forEach((doc, d) => {
		for (const r of doc) {
			if (seen[r] !== d) {
				seen[r] = d;
				df[r]++;
			}
		}
	});
	const n = docs.length;
	const out = new Uint8Array(rows);
	for (let r = 0; r < rows; r++) {
		const idf = Math.log((n + 1) / (df[r] + 1)) + 1;
		out[r] = Math.min(255, Math.max(IDF_STEPS, Math.round(idf * IDF_STEPS)));
	}
	return out;
}

/**
 * Naive-Bayes log-count ratios folded into the IDF bytes (Wang & Manning 2012, "Baselines and
 * Bigrams", interpolated): row r's weight becomes idf · (1 − mix + mix · |ln(p_r / q_r)|) · scale,
 * where p_r and q_r are the shares of positive and negative texts containing r (α added to each
 * count). A word that splits the two classes is scaled up before the regression sees it, so it
 * learns faster and is shrunk less; one the classes share is scaled down. Only the magnitude can
 * be folded in (the weights carry the sign), and it changes nothing in the graph: each occurrence
 * still counts its byte, normalised by the root of the sum of their squares. `scale` keeps the
 * largest weights under the byte's ceiling.
 *
 * `shrink` k (0: off) pulls the factor of a row seen in c labelled texts toward the mean factor
 * of all occurrences, (c · f + k · mean) / (c + k): a row with little evidence (a Spanish word,
 * a lexicon marker, a word of the team's own text) keeps about the weight plain TF-IDF gives it
 * relative to the rest, instead of the small factor smoothing gives a rare row. `multiclass`
 * takes, per row, the largest |ln(p / q)| of each label against the other two (neutral included),
 * so words that mark neutral text are not scaled down as "shared" by positive and negative.
 * `counted` (per text, 1: count it) takes the ratios from those texts only (the English corpora,
 * say); a row none of them contains (a Spanish word, a lexicon marker, a word only the team's
 * templates use) gets the mean factor, i.e. about the weight plain TF-IDF gives it relative to
 * the rest.
 */
export function withNaiveBayesRatios(
	idf: Uint8Array,
	docs: Int32Array[],
	labels: Uint8Array,
	classes: { positive: number; negative: number },
	o: {
		mix: number;
		alpha: number;
		scale: number;
		shrink?: number;
		multiclass?: boolean;
		counted?: Uint8Array;
	}
): Uint8Array {
	if (o.mix === 0) return idf;
	const rows = idf.length;
	const L = o.multiclass ? Math.max(...labels) + 1 : 2;
	const classOf = (label: number) =>
		o.multiclass ? label : label === classes.positive ? 0 : label === classes.negative ? 1 : -1;
	const counts = Array.from({ length: L }, () => new Float64Array(rows));
	const seen = new Int32Array(rows).fill(-1);
	docs.forEach((doc, d) => {
		const c = classOf(labels[d]);
		if (c < 0 || (o.counted && !o.counted[d])) return;
		for (const r of doc) {
			if (seen[r] !== d) {
				seen[r] = d;
				counts[c][r]++;
			}
		}
	});
	const totals = counts.map((cs) => {
		let t = 0;
		for (let r = 0; r < rows; r++) t += cs[r] + o.alpha;
		return t;
	});
	const grand = totals.reduce((a, b) => a + b, 0);
	const factor = new Float64Array(rows);
	const evidence = new Float64Array(rows);
	let weighted = 0;
	let occurrences = 0;
	for (let r = 0; r < rows; r++) {
		let ratio = 0;
		let all = 0;
		for (let c = 0; c < L; c++) all += counts[c][r];
		for (let c = 0; c < (L === 2 ? 1 : L); c++) {
			const p = (counts[c][r] + o.alpha) / totals[c];
			const q = (all - counts[c][r] + (L - 1) * o.alpha) / (grand - totals[c]);
			ratio = Math.max(ratio, Math.abs(Math.log(p / q)));
		}
		factor[r] = (1 - o.mix + o.mix * ratio) * o.scale;
		evidence[r] = all;
		weighted += all * factor[r];
		occurrences += all;
	}
	const mean = occurrences ? weighted / occurrences : o.scale;
	const k = o.shrink ?? 0;
	const out = new Uint8Array(rows);
	for (let r = 0; r < rows; r++) {
		const f =
			o.counted && evidence[r] === 0
				? mean
				: k > 0
					? (evidence[r] * factor[r] + k * mean) / (evidence[r] + k)
					: factor[r];
		const weight = (idf[r] / IDF_STEPS) * f;
		out[r] = Math.min(255, Math.max(1, Math.round(weight * IDF_STEPS)));
	}
	return out;
}

/** The value of each occurrence: its IDF over the text's norm (at least 1; empty → none). */
export function featureValues(rows: Int32Array, idf: Uint8Array): Float32Array {
	const values = new Float32Array(rows.length);
	let sq = 0;
	for (let i = 0; i < rows.length; i++) {
		const v = idf[rows[i]] / IDF_STEPS;
		values[i] = v;
		sq += v * v;
	}
	const norm = Math.max(1, Math.sqrt(sq));
	for (let i = 0; i < values.length; i++) values[i] /= norm;
	return values;
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
