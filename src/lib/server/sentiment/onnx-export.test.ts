import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifier } from './classifier.ts';
import { fromHalfBits, toHalf, toHalfBits, writeOnnxModel } from './onnx-export.ts';
import { PAD, UNK, writeTokenizer } from './tokenizer.ts';

describe('float16 weights', () => {
	it('rounds to the nearest binary16, ties to even', () => {
		// 1 = 2^0: exponent 0 + 15 = 0b01111, mantissa 0 → 0x3c00.
		expect(toHalfBits(1)).toBe(0x3c00);
		// −2 = −2^1: sign, exponent 16 = 0b10000 → 0xc000.
		expect(toHalfBits(-2)).toBe(0xc000);
		// The largest half, (2 − 2^-10) · 2^15 = 65504 → exponent 30, mantissa 0x3ff → 0x7bff.
		expect(toHalfBits(65504)).toBe(0x7bff);
		// 65520 is halfway to 2^16, which does not exist: ties to even carry into infinity.
		expect(toHalfBits(65520)).toBe(0x7c00);
		// 1/3 = 1.0101…₂ · 2^-2: exponent 13 = 0b01101, mantissa 0101010101|01… rounds down → 0x3555.
		expect(toHalfBits(1 / 3)).toBe(0x3555);
		expect(fromHalfBits(0x3555)).toBe(0.333251953125);
		// 0.1 = 1.6 · 2^-4 = 1.1001100110|0110…₂ · 2^-4: exponent 11, the next bit 0 rounds down → 0x2e66.
		expect(toHalfBits(0.1)).toBe(0x2e66);
		// 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to the even mantissa (0).
		expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00);
		// 1 + 3 · 2^-11 is halfway between mantissas 1 and 2: ties to 2.
		expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
		// The smallest subnormal, 2^-24 → 0x0001; 2^-26 is below half of it → 0.
		expect(toHalfBits(2 ** -24)).toBe(0x0001);
		expect(toHalfBits(2 ** -26)).toBe(0);
		// 3 · 2^-24 is the subnormal mantissa 3.
		expect(toHalfBits(3 * 2 ** -24)).toBe(0x0003);
		expect(toHalfBits(-0)).toBe(0x8000);
	});

	it('keeps weights to about three significant digits', () => {
		const weights = Float32Array.from([0.7391, -12.5, 0.000123, 3.14159]);
		const back = Array.from(toHalf(weights), fromHalfBits);
		// Relative error of a normal half is at most 2^-11 ≈ 0.00049.
		back.forEach((x, i) =>
			expect(Math.abs(x - weights[i]) / Math.abs(weights[i])).toBeLessThan(2 ** -11)
		);
	});
});

describe('the hidden layer in the graph', () => {
	it('adds out · relu(pooled embeddings + bias) to the linear logits, as worked out by hand', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'careloop-hidden-'));
		try {
			// Vocabulary [PAD], [UNK], good, bad; 2 pair buckets, no skip pairs; every IDF byte 16 (1.0).
			const vocab = [PAD, UNK, 'good', 'bad'];
			const spec = { vocabSize: 4, buckets: 2, skip: false };
			const rows = 6;
			writeTokenizer(dir, vocab);
			writeFileSync(
				join(dir, 'config.json'),
				JSON.stringify({
					model_type: 'bert',
					architectures: ['BertForSequenceClassification'],
					id2label: { 0: 'negative', 1: 'neutral', 2: 'positive' },
					label2id: { negative: 0, neutral: 1, positive: 2 }
				})
			);
			// The linear part says nothing: table and bias zero. Embeddings (2 units): good → [1, 0],
			// bad → [0, 1], every other row 0; unit bias [0, −0.5]; unit 0 adds 2 to positive,
			// unit 1 adds 2 to negative (out is units × labels).
			const embed = new Float32Array(rows * 2);
			embed[2 * 2 + 0] = 1;
			embed[3 * 2 + 1] = 1;
			writeOnnxModel(join(dir, 'onnx', 'model.onnx'), {
				spec,
				labels: 3,
				table: new Float32Array(rows * 3),
				bias: new Float32Array(3),
				idf: new Uint8Array(rows).fill(16),
				hidden: {
					units: 2,
					embed,
					bias: Float32Array.from([0, -0.5]),
					out: Float32Array.from([0, 0, 2, 2, 0, 0])
				}
			});
			const classifier = await loadClassifier(dir);
			const [good, goodBad] = await classifier.classify(['good', 'good bad']);
			// "good": one feature of IDF 1, norm max(1, √1) = 1. Units: [1, 0] + [0, −0.5] → relu
			// [1, 0]; logits [0, 0, 2]: p(positive) = e² / (2 + e²) = 7.389 / 9.389 = 0.7870.
			expect(good.positive).toBeCloseTo(0.787, 3);
			expect(good.negative).toBeCloseTo(1 / (2 + Math.E ** 2), 3);
			// "good bad": good, bad and their pair (embedding 0), norm √3. Units: [1, 1] / √3 +
			// [0, −0.5] = [0.5774, 0.0774]; logits [2 · 0.0774, 0, 2 · 0.5774] = [0.1547, 0, 1.1547]:
			// e^… = 1.1673, 1, 3.1731, sum 5.3404 → p = 0.2186, 0.1873, 0.5942.
			expect(goodBad.negative).toBeCloseTo(0.2186, 3);
			expect(goodBad.neutral).toBeCloseTo(0.1873, 3);
			expect(goodBad.positive).toBeCloseTo(0.5942, 3);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
