import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import {
	acknowledgeEvaluation,
	createEvaluation,
	disputeEvaluation,
	releaseEvaluation,
	resolveDispute
} from './evaluations.ts';
import { getEvaluation } from './evaluation-detail.ts';
import { agentQaScore, listEvaluationsForAgent, listEvaluationsForInteraction } from './queries.ts';
import { getCurrentRubricVersion, getRubricVersion, saveRubricVersion } from './rubrics.ts';
import { addDailyInteractions, PERFECT_ANSWERS } from './test-fixtures.ts';

const lead = { id: 'lead', name: 'Lee Lead' };
const agent = { id: 'staff', name: 'Ana Agent' };
// Seeded rubric weights and scales: see PERFECT_ANSWERS.
const perfect = PERFECT_ANSWERS;

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addDailyInteractions(db, { agent: 'A1', start: '2026-03-02', days: 3, perDay: 1 });
});
afterEach(async () => db.close());

describe('evaluation lifecycle', () => {
	it('scores a critical fail as 0, and a dispute that changes the answers re-scores it', async () => {
		const { versionId } = await getCurrentRubricVersion(db);
		const created = await createEvaluation(
			db,
			{
				interactionId: 'A1-d0-0',
				versionId,
				answers: { ...perfect, verification: 0 },
				release: true
			},
			lead
		);
		expect(created.score).toBe(0);
		expect(created.criticalFailed).toBe(true);
		const id = created.evaluationId;
		await disputeEvaluation(db, id, agent, 'I verified name and date of birth at 0:40.');
		await expect(acknowledgeEvaluation(db, id, agent, null)).rejects.toThrow(/disputed/);
		// Changed: verification yes, empathy 4 → 75: (100 + 200 + 300 + 150 + 200 + 100) / 11 = 1050 / 11
		await resolveDispute(
			db,
			id,
			lead,
			{ resolution: 'changed', answers: { ...perfect, verification: 1, empathy: 4 } },
			'Verified at 0:40.'
		);
		const detail = (await getEvaluation(db, id))!;
		expect(detail.score).toBeCloseTo(1050 / 11, 9);
		expect(detail.criticalFailed).toBe(false);
		expect(detail.status).toBe('resolved');
		expect(detail.disputes[0]).toMatchObject({ resolution: 'changed', oldScore: 0 });
		expect(detail.disputes[0].newScore).toBeCloseTo(1050 / 11, 9);
		await acknowledgeEvaluation(db, id, agent, 'Thanks');
		expect((await getEvaluation(db, id))!.history.map((h) => h.action)).toEqual([
			'submitted',
			'released',
			'disputed',
			'resolved',
			'acknowledged'
		]);
	});

	it('upholding keeps the score; agents see released evaluations only', async () => {
		const { versionId } = await getCurrentRubricVersion(db);
		const a = await createEvaluation(
			db,
			{ interactionId: 'A1-d0-0', versionId, answers: perfect },
			lead
		);
		expect(await listEvaluationsForAgent(db, 'A1', { releasedOnly: true })).toEqual([]);
		await releaseEvaluation(db, a.evaluationId, lead);
		await disputeEvaluation(db, a.evaluationId, agent, 'Too generous?');
		await resolveDispute(db, a.evaluationId, lead, { resolution: 'upheld' }, null);
		expect((await getEvaluation(db, a.evaluationId))!.score).toBe(100);
		expect((await listEvaluationsForAgent(db, 'A1', { releasedOnly: true })).length).toBe(1);
		expect((await listEvaluationsForInteraction(db, 'A1-d0-0')).length).toBe(1);
	});

	it("the agent's QA score is the mean of evaluations of calls in the period", async () => {
		const { versionId } = await getCurrentRubricVersion(db);
		await createEvaluation(db, { interactionId: 'A1-d0-0', versionId, answers: perfect }, lead);
		// empathy 3 → 50, ownership 3 → 50: (100 + 200 + 300 + 100 + 100 + 100) / 11 = 900 / 11
		await createEvaluation(
			db,
			{ interactionId: 'A1-d1-0', versionId, answers: { ...perfect, empathy: 3, ownership: 3 } },
			lead
		);
		await createEvaluation(
			db,
			{ interactionId: 'A1-d2-0', versionId, answers: { ...perfect, accuracy: 1 } },
			lead
		);
		// Calls on 03-02 and 03-03 only: (100 + 900/11) / 2 = 2000 / 22 = 90.909…
		const two = await agentQaScore(db, 'A1', {
			from: new Date('2026-03-02'),
			to: new Date('2026-03-04')
		});
		expect(two.score).toBeCloseTo(2000 / 22, 9);
		expect(two.evaluations).toBe(2);
		// All three, with the critical fail (accuracy 1) at 0: (100 + 900/11 + 0) / 3 = 2000 / 33
		const all = await agentQaScore(db, 'A1', {
			from: new Date('2026-03-01'),
			to: new Date('2026-03-09')
		});
		expect(all.score).toBeCloseTo(2000 / 33, 9);
		expect(all.criticalFails).toBe(1);
	});

	it('keeps the version an evaluation used when the rubric is edited', async () => {
		const v1 = await getCurrentRubricVersion(db);
		const e = await createEvaluation(
			db,
			{ interactionId: 'A1-d0-0', versionId: v1.versionId, answers: perfect },
			lead
		);
		const items = v1.items.map((i) => (i.key === 'greeting' ? { ...i, weight: 5 } : i));
		const v2id = await saveRubricVersion(
			db,
			{ rubricId: v1.rubricId, name: v1.name, note: 'heavier greeting', items },
			'lead'
		);
		const v2 = (await getRubricVersion(db, v2id))!;
		expect(v2.version).toBe(2);
		expect((await getCurrentRubricVersion(db)).versionId).toBe(v2id);
		expect((await getEvaluation(db, e.evaluationId))!.rubric.versionId).toBe(v1.versionId);
	});
});
