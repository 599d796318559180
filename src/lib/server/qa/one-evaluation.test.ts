// One evaluation per interaction per rubric version: the two-tab case (the same lead submitting
// twice, also at the same moment), another lead, a deliberate second opinion (which never counts
// in the agent's score), the migration's repair of old duplicates, and the text limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { DuckDBInstance } from '@duckdb/node-api';
import { migrations } from '../db/migrations/index.ts';
import { migrate } from '../db/migrate.ts';
import { Db as DuckDb } from '../db/index.ts';
import {
	acknowledgeEvaluation,
	createEvaluation,
	disputeEvaluation,
	EvaluationConflictError
} from './evaluations.ts';
import { agentQaScore, listEvaluationsForInteraction } from './queries.ts';
import { getCurrentRubricVersion } from './rubrics.ts';
import { addDailyInteractions, PERFECT_ANSWERS } from './test-fixtures.ts';

const lee = { id: 'lead-1', name: 'Lee Lead' };
const kim = { id: 'lead-2', name: 'Kim Lead' };
const perfect = PERFECT_ANSWERS;
// Critical item failed (verification "No"): the evaluation scores 0.
const failed = { ...perfect, verification: 0 };

let db: Db;
let versionId: number;
beforeEach(async () => {
	db = await createTestDb();
	await addDailyInteractions(db, { agent: 'A1', start: '2026-03-02', days: 1, perDay: 1 });
	versionId = (await getCurrentRubricVersion(db)).versionId;
});
afterEach(async () => db.close());

const evaluate = (answers: Record<string, number | null>, by = lee, extra = {}) =>
	createEvaluation(
		db,
		{ interactionId: 'A1-d0-0', versionId, answers, release: true, ...extra },
		by
	);

describe('one evaluation per interaction and rubric version', () => {
	it("refuses the same lead's second submission and says it was them, in another tab", async () => {
		const first = await evaluate(perfect);
		const second = evaluate(failed);
		await expect(second).rejects.toBeInstanceOf(EvaluationConflictError);
		await expect(second).rejects.toThrow(
			new RegExp(
				`^You \\(in another tab\\) already evaluated this interaction .*\\(evaluation ${first.evaluationId}, score 100\\)`
			)
		);
		expect((await listEvaluationsForInteraction(db, 'A1-d0-0')).length).toBe(1);
	});

	it("names the other lead when it was someone else's", async () => {
		await evaluate(perfect, kim);
		await expect(evaluate(failed, lee)).rejects.toThrow(/^Kim Lead already evaluated/);
	});

	it('lets exactly one of two simultaneous submissions through', async () => {
		const results = await Promise.allSettled([evaluate(perfect), evaluate(failed)]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect((await listEvaluationsForInteraction(db, 'A1-d0-0')).length).toBe(1);
	});

	it("takes a deliberate second opinion, which never moves the agent's QA score", async () => {
		await evaluate(perfect);
		await evaluate(failed, kim, { secondOpinion: true });
		const both = await listEvaluationsForInteraction(db, 'A1-d0-0');
		expect(both.length).toBe(2);
		// The agent's score is the first evaluation's 100, not the mean (100 + 0) / 2 = 50.
		const score = await agentQaScore(db, 'A1', {
			from: new Date('2026-03-01T00:00:00Z'),
			to: new Date('2026-03-09T00:00:00Z')
		});
		expect([score.score, score.evaluations, score.criticalFails]).toEqual([100, 1, 0]);
	});

	it('a second opinion ticked on an interaction nobody evaluated yet is simply its evaluation', async () => {
		await evaluate(failed, lee, { secondOpinion: true });
		const score = await agentQaScore(db, 'A1', {
			from: new Date('2026-03-01T00:00:00Z'),
			to: new Date('2026-03-09T00:00:00Z')
		});
		expect([score.score, score.evaluations]).toEqual([0, 1]);
	});
});

describe('the migration repairs old duplicates', () => {
	it('keeps the earliest evaluation of each interaction and version, and marks later ones second', async () => {
		const old = new DuckDb(':memory:', await DuckDBInstance.create(':memory:'));
		await migrate(
			old,
			migrations.filter((m) => m.version < 26)
		);
		await addDailyInteractions(old, { agent: 'A1', start: '2026-03-02', days: 1, perDay: 1 });
		// Two tabs before the rule: 100 and 0 for one call, both released.
		for (const [id, score] of [
			[1, 100],
			[2, 0]
		])
			await old.run(
				`INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id,
					evaluator_name, status, computed_score, score, critical_failed, created_at, updated_at)
				VALUES ($id, 'A1-d0-0', 'A1', 1, 'lead-1', 'Lee', 'released', $score, $score, $score = 0, now(), now())`,
				{ id, score }
			);
		await migrate(old);
		const rows = await old.all<{ evaluation_id: number; second_opinion: boolean }>(
			'SELECT evaluation_id, second_opinion FROM qa_evaluations ORDER BY evaluation_id'
		);
		expect(rows.map((r) => [r.evaluation_id, r.second_opinion])).toEqual([
			[1, false],
			[2, true]
		]);
		// The agent's score was their mean, (100 + 0) / 2 = 50; now it is the first evaluation's 100.
		const score = await agentQaScore(old, 'A1', {
			from: new Date('2026-03-01T00:00:00Z'),
			to: new Date('2026-03-09T00:00:00Z')
		});
		expect(score.score).toBe(100);
		await old.close();
	});
});

describe('free text has a limit, said in a sentence, never cut', () => {
	it('refuses a 20,000-character comment and keeps a 4,000-character one whole', async () => {
		// The comment limit is 4,000: 20,000 is 16,000 over.
		await expect(evaluate(perfect, lee, { comment: 'x'.repeat(20_000) })).rejects.toThrow(
			'The comment is 20,000 characters long; the limit is 4,000. Shorten it by 16,000 and save again.'
		);
		expect((await listEvaluationsForInteraction(db, 'A1-d0-0')).length).toBe(0);
		await evaluate(perfect, lee, { comment: 'y'.repeat(4000) });
		const [stored] = await listEvaluationsForInteraction(db, 'A1-d0-0');
		expect(stored.comment?.length).toBe(4000);
	});

	it('refuses an over-long dispute or acknowledgement comment', async () => {
		const { evaluationId } = await evaluate(perfect);
		await expect(disputeEvaluation(db, evaluationId, lee, 'z'.repeat(4001))).rejects.toThrow(
			/The dispute comment is 4,001 characters long; the limit is 4,000/
		);
		await expect(acknowledgeEvaluation(db, evaluationId, lee, 'z'.repeat(1001))).rejects.toThrow(
			/limit is 1,000/
		);
	});
});
