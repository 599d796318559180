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
	lambda: 5e-7,
	/** Units of the hidden layer beside the linear part (0: the model is linear). */
	hidden: 0,
	/** Fit the hidden part alone (no linear part) and average its logits with a linear model's. */
	hiddenEnsemble: false
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
	/** Dense features of each text (texts × denseDims), e.g. its pooled word vectors (vectors.ts). */
	dense?: Float32Array;
	denseDims?: number;
}

export interface LinearWeights {
	/** rows × labels, row-major. */
	weights: Float32Array;
	bias: Float32Array;
	labels: number;
	/** A hidden layer beside the linear part (fitHidden), when the model has one. */
	hidden?: HiddenLayer;
	/** Weights of the dense features (labels × denseDims), when fitted with them. */
	dense?: Float32Array;
}

/**
 * logits += out · relu(Σ value · embed[row] + bias): the same pooled features as the linear part,
 * through `units` rectified units (so pairs of words can matter together, which a sum of
 * per-word weights cannot express).
 */
export interface HiddenLayer {
	units: number;
	/** rows × units, row-major. */
	embed: Float32Array;
	/** units. */
	bias: Float32Array;
	/** labels × units, row-major. */
	out: Float32Array;
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
	const D = data.dense ? (data.denseDims ?? 0) : 0;
	const u = new Float64Array(L * D);
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
				for (let d = 0; d < D; d++) z[l] += u[l * D + d] * data.dense![k * D + d];
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
				for (let d = 0; d < D; d++)
					u[l * D + d] = u[l * D + d] * (1 - eta * o.lambda) - g * data.dense![k * D + d];
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
	return {
		weights,
		bias: Float32Array.from(bias),
		labels: L,
		...(D ? { dense: Float32Array.from(u) } : {})
	};
}

/** Logits of one text (the same arithmetic as the ONNX graph, before temperature). */
export function logits(w: LinearWeights, rows: Int32Array, values: Float32Array): Float64Array {
	const z = Float64Array.from(w.bias);
	for (let p = 0; p < rows.length; p++) {
		const base = rows[p] * w.labels;
		for (let l = 0; l < w.labels; l++) z[l] += w.weights[base + l] * values[p];
	}
	const h = w.hidden;
	if (!h) return z;
	const H = h.units;
	const a = Float64Array.from(h.bias);
	for (let p = 0; p < rows.length; p++) {
		const base = rows[p] * H;
		for (let j = 0; j < H; j++) a[j] += h.embed[base + j] * values[p];
	}
	for (let j = 0; j < H; j++) {
		if (a[j] <= 0) continue;
		for (let l = 0; l < w.labels; l++) z[l] += h.out[l * H + j] * a[j];
	}
	return z;
}

/**
 * The linear model and a hidden layer beside it (HiddenLayer), fitted together by the same
 * stochastic gradient descent as fitLinear: the linear part and the embedding rows keep their
 * L2 decay as scale factors (a step costs only the text's rows), the small output matrix is
 * decayed directly. Embeddings start uniform in ±`init` from the seeded generator, the output
 * matrix at zero (its first steps break the symmetry through the embeddings' differences).
 */
export function fitHidden(
	data: FitData,
	rows: number,
	labels: number,
	o: FitOptions,
	onProgress?: (done: number, total: number) => void,
	init = 1
): LinearWeights {
	const L = labels;
	const H = o.hidden;
	const random = seededRandom(o.seed);
	const v = new Float64Array(rows * L);
	const bias = new Float64Array(L);
	const e = new Float64Array(rows * H);
	for (let i = 0; i < e.length; i++) e[i] = (random() * 2 - 1) * init;
	const b1 = new Float64Array(H);
	const out = new Float64Array(L * H);
	let scale = 1;
	let scaleE = 1;
	const n = data.labels.length;
	const order = Uint32Array.from({ length: n }, (_, i) => i);
	const total = o.epochs * n;
	const z = new Float64Array(L);
	const a = new Float64Array(H);
	const da = new Float64Array(H);
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
			z.fill(0);
			a.fill(0);
			for (let p = start; p < end; p++) {
				const x = data.values[p];
				const base = data.rows[p] * L;
				for (let l = 0; l < L; l++) z[l] += v[base + l] * x;
				const baseE = data.rows[p] * H;
				for (let j = 0; j < H; j++) a[j] += e[baseE + j] * x;
			}
			for (let j = 0; j < H; j++) a[j] = a[j] * scaleE + b1[j];
			let max = -Infinity;
			for (let l = 0; l < L; l++) {
				let s = z[l] * scale + bias[l];
				for (let j = 0; j < H; j++) if (a[j] > 0) s += out[l * H + j] * a[j];
				z[l] = s;
				if (s > max) max = s;
			}
			let sum = 0;
			for (let l = 0; l < L; l++) sum += z[l] = Math.exp(z[l] - max);
			const w = data.weights[k];
			scale *= 1 - eta * o.lambda;
			scaleE *= 1 - eta * o.lambda;
			da.fill(0);
			for (let l = 0; l < L; l++) {
				const g = (z[l] / sum - (data.labels[k] === l ? 1 : 0)) * w * eta;
				bias[l] -= g;
				for (let j = 0; j < H; j++) {
					if (a[j] <= 0) continue;
					da[j] += out[l * H + j] * g;
					out[l * H + j] -= g * a[j];
				}
				z[l] = g / scale;
			}
			for (let q = 0; q < out.length; q++) out[q] *= 1 - eta * o.lambda;
			for (let j = 0; j < H; j++) {
				b1[j] -= da[j];
				da[j] /= scaleE;
			}
			for (let p = start; p < end; p++) {
				const x = data.values[p];
				const base = data.rows[p] * L;
				if (!o.hiddenEnsemble) for (let l = 0; l < L; l++) v[base + l] -= z[l] * x;
				const baseE = data.rows[p] * H;
				for (let j = 0; j < H; j++) e[baseE + j] -= da[j] * x;
			}
			if (scale < 1e-6) {
				for (let i = 0; i < v.length; i++) v[i] *= scale;
				scale = 1;
			}
			if (scaleE < 1e-6) {
				for (let i = 0; i < e.length; i++) e[i] *= scaleE;
				scaleE = 1;
			}
		}
	}
	onProgress?.(total, total);
	const weights = new Float32Array(rows * L);
	for (let i = 0; i < v.length; i++) weights[i] = v[i] * scale;
	const embed = new Float32Array(rows * H);
	for (let i = 0; i < e.length; i++) embed[i] = e[i] * scaleE;
	return {
		weights,
		bias: Float32Array.from(bias),
		labels: L,
		hidden: { units: H, embed, bias: Float32Array.from(b1), out: Float32Array.from(out) }
	};
}

/** fitHidden when the options ask for hidden units, else fitLinear. */
export function fitModel(
	data: FitData,
	rows: number,
	labels: number,
	o: FitOptions,
	onProgress?: (done: number, total: number) => void
): LinearWeights {
	if (o.hidden > 0 && o.hiddenEnsemble) {
		const lin = fitLinear(data, rows, labels, o, onProgress);
		const hid = fitHidden(data, rows, labels, o, onProgress);
		return {
			weights: lin.weights.map((x) => x / 2),
			bias: lin.bias.map((b, l) => (b + hid.bias[l]) / 2),
			labels,
			hidden: { ...hid.hidden!, out: hid.hidden!.out.map((x) => x / 2) }
		};
	}
	return o.hidden > 0
		? fitHidden(data, rows, labels, o, onProgress)
		: fitLinear(data, rows, labels, o, onProgress);
}

export function softmax(z: ArrayLike<number>, temperature = 1): number[] {
	let max = -Infinity;
	for (let l = 0; l < z.length; l++) max = Math.max(max, z[l] / temperature);
	const e = Array.from(z, (x) => Math.exp(x / temperature - max));
	const sum = e.reduce((a, b) => a + b, 0);
	return e.map((x) => x / sum);
}
