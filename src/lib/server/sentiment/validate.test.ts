import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledCsv, TEAM_DIR, type Example } from './corpora.ts';
import { LABELS } from './labels.ts';
import { templateTexts } from './templates.ts';
import { groupFigures, seedFold, SERVICE_VALIDATION_FILE } from './validate.ts';

const ex = (label: Example['label']): Example => ({ text: '', label, source: 'seed' });

describe('groupFigures', () => {
	it('scores three labels by the top probability, binary by p(positive) vs p(negative)', () => {
		// Probabilities are (negative, neutral, positive).
		// 1. negative, top negative: right; binary 0.1 < 0.7 → negative, right; −ln 0.7 = 0.3567.
		// 2. positive, top neutral: wrong; binary 0.3 ≥ 0.2 → positive, right; −ln 0.3 = 1.2040.
		// 3. positive, top positive: right; binary 0.5 ≥ 0.4, right; −ln 0.5 = 0.6931.
		// 4. neutral, top negative: wrong; not a binary row; −ln 0.3 = 1.2040.
		// 3 labels 2/4; binary 3/3; log-loss 3.4578 / 4 = 0.8644.
		const f = groupFigures(
			[
				[0.7, 0.2, 0.1],
				[0.2, 0.5, 0.3],
				[0.4, 0.1, 0.5],
				[0.6, 0.3, 0.1]
			],
			[ex('negative'), ex('positive'), ex('positive'), ex('neutral')]
		);
		expect(f.n).toBe(4);
		expect(f.accuracy3).toBe(0.5);
		expect(f.binaryN).toBe(3);
		expect(f.binaryAccuracy).toBe(1);
		expect(f.logLoss).toBeCloseTo(0.8644, 4);
	});

	it('gives no binary accuracy to a group without polar rows', () => {
		const f = groupFigures([[0.2, 0.6, 0.2]], [ex('neutral')]);
		expect(f.binaryAccuracy).toBeNull();
		expect(f.accuracy3).toBe(1);
	});
});

describe('seedFold', () => {
	it('puts a text in the same one of four folds every time, all folds used', () => {
		const texts = Array.from({ length: 40 }, (_, i) => `comment ${i}`);
		const folds = texts.map((t) => seedFold(t));
		expect(texts.map((t) => seedFold(t))).toEqual(folds);
		expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3]));
	});
});

describe('the service-turns validation set', () => {
	it('shares no text with what the templates generate (it is never trained on)', async () => {
		const rows = await readLabelledCsv(join(TEAM_DIR, SERVICE_VALIDATION_FILE));
		// 86 hand-written turns: 50 neutral, 18 negative, 18 positive.
		expect(rows.length).toBe(86);
		const held = new Set(rows.map((r) => r.text.toLowerCase()));
		const generated = LABELS.flatMap((label) => [
			...templateTexts(label, 3000, 42),
			...templateTexts(label, 3000, 42, { calls: true })
		]);
		expect(generated.filter((t) => held.has(t.toLowerCase()))).toEqual([]);
	});
});
