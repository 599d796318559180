// The SGD loop of the embedding bag (plain SGD on class-weighted softmax cross-entropy, learning
// rate decaying linearly to 0, lazy L2 decay on the rows a step touches: fastText's recipe),
// and the TypeScript forward pass, which does the same arithmetic as the ONNX graph.
// Everything random comes from one seeded generator and the loop is sequential, so one seed
// gives byte-identical weights.
import { seededRandom, type FeatureSpec } from './features.ts';
import { LABELS } from './labels.ts';
import type { ModelWeights } from './onnx-export.ts';

export const FIT_DEFAULTS = {
	seed: 42,
	epochs: 12,
	dim: 10,
	buckets: 1 << 18,
	learningRate: 0.4,
	minCount: 2,
	pooling: 'mean' as 'mean' | 'sqrt',
	fitBias: true,
	dropout: 0,
	ensemble: 1,
	weightDecay: 0.0003
};

export type FitOptions = typeof FIT_DEFAULTS;

export interface FitInput {
	rows: Int32Array[];
	labels: Uint8Array;
	weights: Float32Array;
}

export function fitWeights(
	data: FitInput,
	spec: FeatureSpec,
	o: FitOptions,
	onProgress?: (done: number, total: number) => void
): ModelWeights {
	const random = seededRandom(o.seed);
	const D = o.dim;
	const L = LABELS.length;
	const embedding = new Float32Array((spec.vocabSize + spec.buckets) * D);
	for (let i = 0; i < embedding.length; i++) embedding[i] = (random() * 2 - 1) / D;
	const output = new Float32Array(L * D);
	const bias = new Float32Array(L);
	const n = data.rows.length;
	const order = Array.from({ length: n }, (_, i) => i);
	const total = o.epochs * n;
	const h = new Float64Array(D);
	const gh = new Float64Array(D);
	const p = new Float64Array(L);
	let step = 0;
	for (let epoch = 0; epoch < o.epochs; epoch++) {
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		for (const k of order) {
			const lr = o.learningRate * (1 - step / total);
			step++;
			if (onProgress && step % 2000 === 0) onProgress(step, total);
			const rows = o.dropout > 0 ? dropRows(data.rows[k], o.dropout, random) : data.rows[k];
			if (rows.length === 0) continue;
			h.fill(0);
			for (const r of rows) for (let d = 0; d < D; d++) h[d] += embedding[r * D + d];
			const norm = o.pooling === 'sqrt' ? Math.sqrt(rows.length) : rows.length;
			for (let d = 0; d < D; d++) h[d] /= norm;
			let max = -Infinity;
			for (let l = 0; l < L; l++) {
				let z = bias[l];
				for (let d = 0; d < D; d++) z += output[l * D + d] * h[d];
				p[l] = z;
				if (z > max) max = z;
			}
			let sum = 0;
			for (let l = 0; l < L; l++) sum += p[l] = Math.exp(p[l] - max);
			gh.fill(0);
			for (let l = 0; l < L; l++) {
				const g = (p[l] / sum - (data.labels[k] === l ? 1 : 0)) * data.weights[k] * lr;
				for (let d = 0; d < D; d++) {
					gh[d] += output[l * D + d] * g;
					output[l * D + d] -= g * h[d];
				}
				if (o.fitBias) bias[l] -= g;
			}
			for (let d = 0; d < D; d++) gh[d] /= norm;
			const decay = 1 - lr * o.weightDecay;
			for (const r of rows) {
				for (let d = 0; d < D; d++) embedding[r * D + d] = embedding[r * D + d] * decay - gh[d];
			}
			if (o.weightDecay > 0) for (let i = 0; i < output.length; i++) output[i] *= decay;
		}
	}
	onProgress?.(total, total);
	return { ...spec, dim: D, labels: L, embedding, output, bias, pooling: o.pooling };
}

/**
 * The model is linear in its pooled features: logits = O · mean(E[rows]) + b = mean(E[rows] · Oᵀ)
 * + b. So the mean of several runs' logits is itself one embedding bag whose table holds each
 * row's averaged label contributions E·Oᵀ (dim = labels) and whose head is the identity.
 */
export function foldEnsemble(runs: ModelWeights[]): ModelWeights {
	const { vocabSize, buckets, labels: L, pooling } = runs[0];
	const rows = vocabSize + buckets;
	const embedding = new Float32Array(rows * L);
	const bias = new Float32Array(L);
	for (const w of runs) {
		for (let r = 0; r < rows; r++) {
			for (let l = 0; l < L; l++) {
				let z = 0;
				for (let d = 0; d < w.dim; d++) z += w.embedding[r * w.dim + d] * w.output[l * w.dim + d];
				embedding[r * L + l] += z / runs.length;
			}
		}
		for (let l = 0; l < L; l++) bias[l] += w.bias[l] / runs.length;
	}
	const output = new Float32Array(L * L);
	for (let l = 0; l < L; l++) output[l * L + l] = 1;
	return { vocabSize, buckets, dim: L, labels: L, embedding, output, bias, pooling };
}

/** Feature dropout: each row kept with probability 1 − rate (at least one kept). */
function dropRows(rows: Int32Array, rate: number, random: () => number): Int32Array {
	const kept = rows.filter(() => random() >= rate);
	return kept.length > 0 || rows.length === 0 ? kept : rows.subarray(0, 1);
}

/** Forward pass in TypeScript (the same arithmetic as the ONNX graph), for training accuracy. */
export function predict(w: ModelWeights, rows: Int32Array): number {
	const h = new Float64Array(w.dim);
	const norm = Math.max(1, w.pooling === 'sqrt' ? Math.sqrt(rows.length) : rows.length);
	for (const r of rows) for (let d = 0; d < w.dim; d++) h[d] += w.embedding[r * w.dim + d];
	let best = 0;
	let bestZ = -Infinity;
	for (let l = 0; l < w.labels; l++) {
		let z = w.bias[l];
		for (let d = 0; d < w.dim; d++) z += (w.output[l * w.dim + d] * h[d]) / norm;
		if (z > bestZ) [best, bestZ] = [l, z];
	}
	return best;
}
