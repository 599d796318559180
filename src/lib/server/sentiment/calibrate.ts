// Calibration: one temperature T divides the logits so that the model's confidence matches how
// often it is right (Guo et al., "On Calibration of Modern Neural Networks", ICML 2017). T is
// chosen on the validation split by the smallest negative log-likelihood; for a linear model
// dividing the logits is dividing the weights, so the exported graph carries it.
// Expected calibration error (ECE): confidence = the top label's probability, 10 equal-width
// bins; ECE = Σ_bins (n_bin / n) · |accuracy_bin − mean confidence_bin|.
import { softmax } from './fit.ts';

export interface CalibrationSample {
	logits: ArrayLike<number>;
	/** Index of the true label. */
	label: number;
}

function nll(samples: CalibrationSample[], t: number): number {
	let sum = 0;
	for (const s of samples) sum -= Math.log(Math.max(1e-12, softmax(s.logits, t)[s.label]));
	return sum / Math.max(1, samples.length);
}

/** The temperature in [0.05, 20] with the least validation NLL (golden-section on log T). */
export function fitTemperature(samples: CalibrationSample[]): number {
	if (samples.length === 0) return 1;
	let lo = Math.log(0.05);
	let hi = Math.log(20);
	const phi = (Math.sqrt(5) - 1) / 2;
	let a = hi - phi * (hi - lo);
	let b = lo + phi * (hi - lo);
	let fa = nll(samples, Math.exp(a));
	let fb = nll(samples, Math.exp(b));
	for (let i = 0; i < 60; i++) {
		if (fa < fb) {
			hi = b;
			b = a;
			fb = fa;
			a = hi - phi * (hi - lo);
			fa = nll(samples, Math.exp(a));
		} else {
			lo = a;
			a = b;
			fa = fb;
			b = lo + phi * (hi - lo);
			fb = nll(samples, Math.exp(b));
		}
	}
	return Math.exp((lo + hi) / 2);
}

export interface ReliabilityBin {
	/** [from, to) of the top label's probability (the last bin includes 1). */
	from: number;
	to: number;
	n: number;
	meanConfidence: number;
	accuracy: number;
}

export interface Reliability {
	n: number;
	ece: number;
	bins: ReliabilityBin[];
}

/** Reliability of predictions given as (confidence of the predicted label, was it right). */
export function reliability(
	predictions: { confidence: number; correct: boolean }[],
	binCount = 10
): Reliability {
	const sums = Array.from({ length: binCount }, () => ({ n: 0, conf: 0, right: 0 }));
	for (const p of predictions) {
		const b = Math.min(binCount - 1, Math.floor(p.confidence * binCount));
		sums[b].n++;
		sums[b].conf += p.confidence;
		if (p.correct) sums[b].right++;
	}
	const n = predictions.length;
	let ece = 0;
	const bins = sums.map((s, i) => {
		const meanConfidence = s.n ? s.conf / s.n : 0;
		const accuracy = s.n ? s.right / s.n : 0;
		if (n) ece += (s.n / n) * Math.abs(accuracy - meanConfidence);
		return { from: i / binCount, to: (i + 1) / binCount, n: s.n, meanConfidence, accuracy };
	});
	return { n, ece, bins };
}

/** One reliability table from several over the same bins (sums of counts and confidences). */
export function mergeReliability(parts: Reliability[]): Reliability {
	const bins = (parts[0]?.bins ?? reliability([]).bins).map((b) => ({
		...b,
		n: 0,
		conf: 0,
		right: 0
	}));
	for (const part of parts) {
		part.bins.forEach((b, i) => {
			bins[i].n += b.n;
			bins[i].conf += b.meanConfidence * b.n;
			bins[i].right += b.accuracy * b.n;
		});
	}
	const n = bins.reduce((s, b) => s + b.n, 0);
	let ece = 0;
	const out = bins.map(({ from, to, n: k, conf, right }) => {
		const meanConfidence = k ? conf / k : 0;
		const accuracy = k ? right / k : 0;
		if (n) ece += (k / n) * Math.abs(accuracy - meanConfidence);
		return { from, to, n: k, meanConfidence, accuracy };
	});
	return { n, ece, bins: out };
}

/** Precision of "p(label) ≥ threshold" (the follow-up rule's question): share truly that label. */
export function precisionAt(
	rows: { p: number; isLabel: boolean }[],
	threshold: number
): { n: number; precision: number | null } {
	const hits = rows.filter((r) => r.p >= threshold);
	return {
		n: hits.length,
		precision: hits.length ? hits.filter((r) => r.isLabel).length / hits.length : null
	};
}
