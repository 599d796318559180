import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import type { SessionUser } from '../auth/roles.ts';
import { addCall, POOR_CALL } from './autoqa/test-fixtures.ts';
import { getEvaluation } from './evaluation-detail.ts';
import { createEvaluation, EvaluationError } from './evaluations.ts';
import { agentQaScore } from './queries.ts';
import { getCurrentRubricVersion } from './rubrics.ts';
import { getSelfReview, maySelfReview, saveSelfReview, sideBySide } from './self-review.ts';

const REVIEWER = {
	greeting: 0,
	verification: 1,
	accuracy: 4,
	escalation: null,
	empathy: 3,
	ownership: 4,
	closing: 1
};
const SELF = {
	greeting: 1,
	verification: 1,
	accuracy: 5,
	escalation: null,
	empathy: 3,
	ownership: 4,
	closing: 1
};
const AGENT: SessionUser = {
	id: 'u-a7',
	email: 'a7@x',
	name: 'Agent Seven',
	role: 'staff',
	agentId: 'A7'
};
const MARCH = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addCall(db, 'X1', POOR_CALL, { agent: 'A7', at: '2026-03-02 09:00:00' });
});
afterEach(async () => {
	await db.close();
});

async function evaluate(release: boolean) {
	const rubric = await getCurrentRubricVersion(db);
	const { evaluationId } = await createEvaluation(
		db,
		{ interactionId: 'X1', versionId: rubric.versionId, answers: REVIEWER, release },
		{ id: 'lead', name: 'Lead' }
	);
	return (await getEvaluation(db, evaluationId))!;
}

describe('agent self-review', () => {
	it('lets the agent score a released call and compares item by item; never counts', async () => {
		const e = await evaluate(true);
		// Reviewer: (1·0 + 2·100 + 3·75 + 2·50 + 2·75 + 1·100) / 11 = 775/11.
		expect(e.score).toBeCloseTo(775 / 11, 12);
		const saved = await saveSelfReview(db, e, { answers: SELF }, AGENT);
		// Self: (100 + 200 + 300 + 100 + 150 + 100) / 11 = 950/11.
		expect(saved.score).toBeCloseTo(950 / 11, 12);
		const self = (await getSelfReview(db, e.evaluationId))!;
		expect(self.graderName).toBe('Agent Seven');
		const rows = sideBySide(e, self);
		// Greeting 0 → 1: +100 points; accuracy 4 → 5: (100 − 75) = +25; escalation N/A: none.
		expect(rows.map((r) => [r.itemKey, r.difference])).toEqual([
			['greeting', 100],
			['verification', 0],
			['accuracy', 25],
			['escalation', null],
			['empathy', 0],
			['ownership', 0],
			['closing', 0]
		]);
		// Scoring again replaces the answers: still one self-review.
		await saveSelfReview(db, e, { answers: { ...SELF, greeting: 0 } }, AGENT);
		const again = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM qa_side_evaluations WHERE kind = 'self'`
		);
		expect(again?.n).toBe(1);
		// The agent's QA score is the reviewer's evaluation only.
		expect((await agentQaScore(db, 'A7', MARCH)).score).toBeCloseTo(775 / 11, 12);
	});

	it('refuses unreleased evaluations and other agents', async () => {
		const e = await evaluate(false);
		expect(maySelfReview(AGENT, e)).toBe(false);
		await expect(saveSelfReview(db, e, { answers: SELF }, AGENT)).rejects.toThrow(EvaluationError);
		const released = { ...e, status: 'released' as const };
		expect(maySelfReview(AGENT, released)).toBe(true);
		expect(maySelfReview({ agentId: 'A8' }, released)).toBe(false);
		expect(maySelfReview({ agentId: null }, released)).toBe(false);
	});
});
