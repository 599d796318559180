// Figures straight from the TypeScript forward pass (the same arithmetic as the ONNX graph), for
// calibration and the model card at training time. `careloop sentiment eval` measures the
// exported model through transformers.js instead, beside the lexicon baseline.
import { precisionAt, reliability, type CalibrationSample } from './calibrate.ts';
import type { Example } from './corpora.ts';
import { featureValues } from './features.ts';
import { logits, softmax, type LinearWeights } from './fit.ts';
import { LABELS } from './labels.ts';

export interface SetFigures {
	n: number;
	/** Share of rows whose top label (of three) is the true one. */
	accuracy3: number;
	/** Rows labelled negative or positive, decided between those two. */
	binaryN: number;
	binaryAccuracy: number | null;
	/** Expected calibration error of the top label (10 bins). */
	ece: number;
	/** How often "p(negative) ≥ 0.8" is truly negative. */
	negativeAt80: { n: number; precision: number | null };
}

const NEG = LABELS.indexOf('negative');
const POS = LABELS.indexOf('positive');

export function scoreEncoded(
	w: LinearWeights,
	idf: Uint8Array,
	rows: Int32Array[],
	examples: Example[],
	temperature: number
): { samples: CalibrationSample[]; figures: SetFigures } {
	const samples = rows.map((r, i) => ({
		logits: logits(w, r, featureValues(r, idf)),
		label: LABELS.indexOf(examples[i].label)
	}));
	return { samples, figures: figuresOf(samples, temperature) };
}

/** Figures of texts from their logits, each divided by the temperature. */
export function figuresOf(samples: CalibrationSample[], temperature: number): SetFigures {
	const predictions: { confidence: number; correct: boolean }[] = [];
	const negatives: { p: number; isLabel: boolean }[] = [];
	let right3 = 0;
	let binaryN = 0;
	let binaryRight = 0;
	for (const { logits: z, label } of samples) {
		const p = softmax(z, temperature);
		const top = p.indexOf(Math.max(...p));
		if (top === label) right3++;
		predictions.push({ confidence: p[top], correct: top === label });
		negatives.push({ p: p[NEG], isLabel: label === NEG });
		if (label !== NEG && label !== POS) continue;
		binaryN++;
		if ((p[POS] >= p[NEG] ? POS : NEG) === label) binaryRight++;
	}
	return {
		n: samples.length,
		accuracy3: samples.length ? right3 / samples.length : 0,
		binaryN,
		binaryAccuracy: binaryN ? binaryRight / binaryN : null,
		ece: reliability(predictions).ece,
		negativeAt80: precisionAt(negatives, 0.8)
	};
}
