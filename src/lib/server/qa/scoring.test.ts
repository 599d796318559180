import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import { getCurrentRubricVersion } from './rubrics.ts';
import { itemScore, scoreEvaluation, type ScoredItem } from './scoring.ts';

const item = (
	key: string,
	weight: number,
	scale: ScoredItem['scale'],
	critical = false
): ScoredItem => ({
	key,
	weight,
	scale,
	allowNa: true,
	critical
});

describe('itemScore', () => {
	it.each([
		// yes/no: (1 − 0) / (1 − 0) × 100 = 100; (0 − 0) / 1 × 100 = 0
		['yes_no', 1, 100],
		['yes_no', 0, 0],
		// 1–5: (s − 1) / 4 × 100 → 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100
		['one_five', 1, 0],
		['one_five', 2, 25],
		['one_five', 3, 50],
		['one_five', 4, 75],
		['one_five', 5, 100]
	] as const)('%s %d scores %d', (scale, selected, expected) => {
		expect(itemScore(scale, selected)).toBe(expected);
	});
});

describe('scoreEvaluation', () => {
	const items = [item('a', 1, 'yes_no'), item('b', 3, 'one_five'), item('c', 2, 'one_five', true)];

	it('weights the scored items', () => {
		// a yes → 100 (w 1); b 4 → 75 (w 3); c 3 → 50 (w 2)
		// (1×100 + 3×75 + 2×50) / (1 + 3 + 2) = (100 + 225 + 100) / 6 = 425 / 6 = 70.8333…
		const r = scoreEvaluation(items, { a: 1, b: 4, c: 3 });
		expect(r.score).toBeCloseTo(425 / 6, 12);
		expect(r.criticalFailed).toBe(false);
	});

	it('drops N/A items from the weighted mean', () => {
		// b N/A: (1×100 + 2×50) / (1 + 2) = 200 / 3 = 66.666…
		const r = scoreEvaluation(items, { a: 1, b: null, c: 3 });
		expect(r.score).toBeCloseTo(200 / 3, 12);
		expect(r.items.b).toBeNull();
	});

	it('makes the evaluation 0 when a critical 1–5 item is 1', () => {
		// weighted would be (1×100 + 3×100 + 2×0) / 6 = 400 / 6 = 66.67, but c (critical) = 1 → 0
		const r = scoreEvaluation(items, { a: 1, b: 5, c: 1 });
		expect(r.score).toBe(0);
		expect(r.weightedScore).toBeCloseTo(400 / 6, 12);
		expect(r.failedCritical).toEqual(['c']);
	});

	it('makes the evaluation 0 when a critical yes/no item is no, but not a non-critical no', () => {
		const yn = [item('v', 2, 'yes_no', true), item('g', 1, 'yes_no')];
		expect(scoreEvaluation(yn, { v: 0, g: 1 }).score).toBe(0);
		// g no (non-critical): (2×100 + 1×0) / 3 = 66.666…
		expect(scoreEvaluation(yn, { v: 1, g: 0 }).score).toBeCloseTo(200 / 3, 12);
	});

	it('a critical item answered N/A is not a fail', () => {
		// c N/A: (1×0 + 3×50) / (1 + 3) = 150 / 4 = 37.5
		expect(scoreEvaluation(items, { a: 0, b: 3, c: null }).score).toBe(37.5);
	});

	it('rejects answers outside the scale and N/A where not allowed', () => {
		expect(() => scoreEvaluation(items, { a: 2, b: 3, c: 3 })).toThrow(/outside 0–1/);
		expect(() => scoreEvaluation(items, { a: 1, b: 0, c: 3 })).toThrow(/outside 1–5/);
		const strict = [{ ...item('x', 1, 'yes_no'), allowNa: false }];
		expect(() => scoreEvaluation(strict, { x: null })).toThrow(/N\/A is not allowed/);
		expect(() => scoreEvaluation(strict, {})).toThrow(/no answer/);
	});

	it('scores the seeded pharmacy rubric', async () => {
		const db = await createTestDb();
		const rubric = await getCurrentRubricVersion(db);
		expect(rubric.items.map((i) => i.key)).toEqual([
			'greeting',
			'verification',
			'accuracy',
			'escalation',
			'empathy',
			'ownership',
			'closing'
		]);
		expect(rubric.items.filter((i) => i.critical).map((i) => i.key)).toEqual([
			'verification',
			'accuracy',
			'escalation'
		]);
		// greeting yes 100 (w1), verification yes 100 (w2), accuracy 4 → 75 (w3), escalation N/A,
		// empathy 3 → 50 (w2), ownership 5 → 100 (w2), closing no 0 (w1)
		// (100 + 200 + 225 + 100 + 200 + 0) / (1 + 2 + 3 + 2 + 2 + 1) = 825 / 11 = 75
		const answers = {
			greeting: 1,
			verification: 1,
			accuracy: 4,
			escalation: null,
			empathy: 3,
			ownership: 5,
			closing: 0
		};
		expect(scoreEvaluation(rubric.items, answers).score).toBe(75);
		expect(scoreEvaluation(rubric.items, { ...answers, verification: 0 }).score).toBe(0);
		await db.close();
	});
});
