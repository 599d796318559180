import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { createTestDb } from '../../db/testing.ts';
import { createEvaluation } from '../evaluations.ts';
import { getCurrentRubricVersion } from '../rubrics.ts';
import { suggestAnswers, reviewerAgreement } from './prefill.ts';
import { listResultsForInteraction } from './queries.ts';
import { runAutoQa } from './run.ts';
import { addCall, POOR_CALL } from './test-fixtures.ts';
import { getCurrentRules, saveRuleVersion } from './versions.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addCall(db, 'C2', POOR_CALL);
	// Closing and empathy are seeded off; switched on here to pre-fill every linked item.
	const rules = (await getCurrentRules(db)).rules.map((r) => ({ ...r, enabled: true }));
	await saveRuleVersion(db, rules, 'test', 'all on');
	await runAutoQa(db);
});
afterEach(async () => {
	await db.close();
});

describe('pre-filled evaluations', () => {
	it('pre-fills linked yes/no items from the results and shows evidence on 1–5 items', async () => {
		const rubric = await getCurrentRubricVersion(db);
		const { answers, hints, suggestions } = suggestAnswers(
			rubric.items,
			await listResultsForInteraction(db, 'C2')
		);
		// Seeded links: greeting → greeting (fail), verification → identity (fail), closing →
		// closing (fail), empathy → empathy (N/A, 1–5: not guessed).
		expect(answers).toEqual({ greeting: 0, verification: 0, closing: 0 });
		expect(hints.verification).toMatchObject({
			outcome: 'fail',
			evidence: ['turn 2 (health information): “prescription”, “lisinopril”']
		});
		expect(hints.empathy.outcome).toBe('na');
		expect(suggestions.map((s) => [s.itemKey, s.suggested])).toEqual([
			['greeting', 0],
			['verification', 0],
			['empathy', undefined],
			['closing', 0]
		]);
	});

	it('keeps what was suggested beside what the reviewer chose', async () => {
		const rubric = await getCurrentRubricVersion(db);
		const { suggestions } = suggestAnswers(rubric.items, await listResultsForInteraction(db, 'C2'));
		// The reviewer confirms the failed identity check but overrides the greeting to Yes.
		const answers = {
			greeting: 1,
			verification: 0,
			accuracy: 5,
			escalation: null,
			empathy: 3,
			ownership: 4,
			closing: 0
		};
		await createEvaluation(
			db,
			{ interactionId: 'C2', versionId: rubric.versionId, answers, suggestions },
			{ id: 'lead', name: 'Lead' }
		);
		// Pre-filled: greeting (overridden), verification (kept), closing (kept); empathy was
		// shown but not pre-filled, so it does not count.
		expect(await reviewerAgreement(db)).toEqual([
			{ ruleKey: 'closing', prefilled: 1, kept: 1 },
			{ ruleKey: 'greeting', prefilled: 1, kept: 0 },
			{ ruleKey: 'identity', prefilled: 1, kept: 1 }
		]);
	});
});
