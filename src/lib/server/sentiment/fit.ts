// Multinomial logistic regression over the sparse TF-IDF features (features.ts), fitted by
// stochastic gradient descent with L2 regularisation: the learning rate falls linearly to 0 over
// the run (so the last steps settle rather than jitter), and the L2 decay is kept as one scale
// factor (Bottou's trick) so a step costs only the features of its text. Everything random comes from one seeded generator and the loop is sequential, so
// one seed gives byte-identical weights.
import { seededRandom } from './features.ts';

export const FIT_DEFAULTS = {
	seed: 42,
	epochs: 10,
	learningRate: 0.5,
	/** L2 strength per example step. */
	lambda: 5e-7
};

export type FitOptions = typeof FIT_DEFAULTS;

/** Texts as one flat array of feature rows (and values), text i at offsets[i] … offsets[i+1]. */
export interface FitData {
	offsets: Uint32Array;
	rows: Int32Array;
	values: Float32Array;
	labels: Uint8Array;
	/** Per-text weight of its loss (class balance × source weight). */
	weights: Float32Array;
}

export interface LinearWeights {
	/** rows × labels, row-major. */
	weights: Float32Array;
	bias: Float32Array;
	labels: number;
}

export function fitLinear(
	data: FitData,
	rows: number,
	labels: number,
	o: FitOptions,
	onProgress?: (done: number, total: number) => void
): LinearWeights {
	const L = labels;
	const random = seededRandom(o.seed);
	const v = new Float64Array(rows * L);
	const bias = new Float64Array(L);
	let scale = 1;
	const n = data.labels.length;
	const order = Uint32Array.from({ length: n }, (_, i) => i);
	const total = o.epochs * n;
	const z = new Float64Array(L);
	let t = 0;
	for (let epoch = 0; epoch < o.epochs; epoch++) {
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			const tmp = order[i];
			order[i] = order[j];
			order[j] = tmp;
		}
		for (const k of order) {
			const eta = o.learningRate * (1 - t / total);
			t++;
			if (onProgress && t % 5000 === 0) onProgress(t, total);
			const start = data.offsets[k];
			const end = data.offsets[k + 1];
			for (let l = 0; l < L; l++) z[l] = 0;
			for (let p = start; p < end; p++) {
				const base = data.rows[p] * L;
				const x = data.values[p];
				for (let l = 0; l < L; l++) z[l] += v[base + l] * x;
			}
			let max = -Infinity;
			for (let l = 0; l < L; l++) {
				z[l] = z[l] * scale + bias[l];
				if (z[l] > max) max = z[l];
			}
			let sum = 0;
			for (let l = 0; l < L; l++) sum += z[l] = Math.exp(z[l] - max);
			const w = data.weights[k];
			scale *= 1 - eta * o.lambda;
			for (let l = 0; l < L; l++) {
				const g = (z[l] / sum - (data.labels[k] === l ? 1 : 0)) * w * eta;
				z[l] = g / scale;
				bias[l] -= g;
			}
			for (let p = start; p < end; p++) {
				const base = data.rows[p] * L;
				const x = data.values[p];
				for (let l = 0; l < L; l++) v[base + l] -= z[l] * x;
			}
			if (scale < 1e-6) {
				for (let i = 0; i < v.length; i++) v[i] *= scale;
				scale = 1;
			}
		}
	}
	onProgress?.(total, total);
	const weights = new Float32Array(rows * L);
	for (let i = 0; i < v.length; i++) weights[i] = v[i] * scale;
	return { weights, bias: Float32Array.from(bias), labels: L };
}

/** Logits of one text (the same arithmetic as the ONNX graph, before temperature). */
export function logits(w: LinearWeights, rows: Int32Array, values: Float32Array): Float64Array {
	const z = Float64Array.from(w.bias);
	for (let p = 0; p < rows.length; p++) {
		const base = rows[p] * w.labels;
		for (let l = 0; l < w.labels; l++) z[l] += w.weights[base + l] * values[p];
	}
	return z;
}

export function softmax(z: ArrayLike<number>, temperature = 1): number[] {
	let max = -Infinity;
	for (let l = 0; l < z.length; l++) max = Math.max(max, z[l] / temperature);
	const e = Array.from(z, (x) => Math.exp(x / temperature - max));
	const sum = e.reduce((a, b) => a + b, 0);
	return e.map((x) => x / sum);
}
