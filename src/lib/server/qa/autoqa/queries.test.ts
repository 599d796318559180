import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { createTestDb } from '../../db/testing.ts';
import { identityRuleKey, listRuleFailures } from './failures.ts';
import { agentAutoQa, autoQaOverview, listResultsForInteraction } from './queries.ts';
import { runAutoQa } from './run.ts';
import { addCall, GOOD_CALL, POOR_CALL } from './test-fixtures.ts';

const MARCH = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addCall(db, 'A1-1', GOOD_CALL, { agent: 'A1', at: '2026-03-02 09:00:00' });
	await addCall(db, 'A1-2', GOOD_CALL, { agent: 'A1', at: '2026-03-03 09:00:00' });
	await addCall(db, 'A1-3', POOR_CALL, { agent: 'A1', at: '2026-03-04 09:00:00' });
	await addCall(db, 'A1-feb', POOR_CALL, { agent: 'A1', at: '2026-02-20 09:00:00' });
	await addCall(db, 'A2-1', POOR_CALL, { agent: 'A2', at: '2026-03-05 09:00:00', channel: 'chat' });
});
afterEach(async () => {
	await db.close();
});

describe('agentAutoQa', () => {
	it('gives coverage and pass rates with 95 % Wilson intervals, N/A left out', async () => {
		expect(await agentAutoQa(db, 'A1', MARCH)).toEqual({
			transcripts: 3,
			checked: 0,
			minSample: 30,
			rules: []
		});
		await runAutoQa(db);
		const r = await agentAutoQa(db, 'A1', MARCH);
		expect(r.transcripts).toBe(3);
		expect(r.checked).toBe(3);
		const greeting = r.rules.find((x) => x.ruleKey === 'greeting')!;
		// March: two good calls pass, one poor call fails (February is outside the period).
		// Wilson for k = 2, n = 3, z = 1.96: p = 0.6667, centre = p + z²/2n = 1.30693,
		// spread = z·√(p(1−p)/n + z²/4n²) = 0.83337, denominator 1 + z²/n = 2.28053
		// → (0.47356 / 2.28053, 2.14030 / 2.28053) = 20.77 % … 93.85 %.
		expect(greeting).toMatchObject({ label: 'Greeting with name and pharmacy', pass: 2, fail: 1 });
		expect(greeting.rate).toBeCloseTo(66.667, 3);
		expect(greeting.low).toBeCloseTo(20.77, 2);
		expect(greeting.high).toBeCloseTo(93.85, 2);
		// No call has a hold: three N/A, no rate.
		expect(r.rules.find((x) => x.ruleKey === 'hold')).toMatchObject({
			pass: 0,
			fail: 0,
			na: 3,
			rate: null,
			low: null
		});
		// Closing and empathy are seeded switched off: no results, no rows.
		expect(r.rules.map((x) => x.ruleKey)).toEqual([
			'greeting',
			'identity',
			'hold',
			'silence',
			'prohibited'
		]);
	});
});

describe('results and failures', () => {
	it("lists an interaction's results with evidence, and the identity failures with their turn", async () => {
		await runAutoQa(db);
		const results = await listResultsForInteraction(db, 'A1-3');
		expect(results.find((r) => r.ruleKey === 'identity')).toMatchObject({
			label: 'Identity verified before health information',
			kind: 'identity',
			outcome: 'fail',
			hits: [{ turn: 2, words: ['prescription', 'lisinopril'], note: 'health information' }]
		});
		expect(await identityRuleKey(db)).toBe('identity');
		const list = await listRuleFailures(db, 'identity', MARCH);
		// Poor calls in March: A1-3 (4 March) and A2-1 (5 March), newest first.
		expect(list.total).toBe(2);
		expect(list.rows.map((r) => [r.interactionId, r.turn, r.turnText])).toEqual([
			['A2-1', 2, 'Your lisinopril prescription is ready.'],
			['A1-3', 2, 'Your lisinopril prescription is ready.']
		]);
		const chat = await listRuleFailures(db, 'identity', {
			...MARCH,
			channel: 'chat',
			tz: 'America/New_York'
		});
		expect(chat.rows.map((r) => r.interactionId)).toEqual(['A2-1']);
		// 09:00 UTC on 5 March is 04:00 in New York (EST, UTC−5, before the 8 March change).
		expect(chat.rows[0]).toMatchObject({
			startedAt: '2026-03-05T09:00:00Z',
			startedLocal: '2026-03-05 04:00 EST'
		});
		const byAgent = await listRuleFailures(
			db,
			'identity',
			{ ...MARCH, agent: 'A1' },
			{ sort: 'agent_id; DROP TABLE x', dir: 'asc', pageSize: 0 }
		);
		expect(byAgent).toMatchObject({ total: 1, sort: 'started_at', dir: 'asc' });
	});

	it('reports coverage and outcome counts per rule', async () => {
		expect(await autoQaOverview(db)).toEqual({ transcripts: 5, checked: 0, current: 0, rules: [] });
		await runAutoQa(db);
		const o = await autoQaOverview(db);
		expect([o.transcripts, o.checked, o.current]).toEqual([5, 5, 5]);
		// Greeting: 2 good calls pass, 3 poor calls fail.
		expect(o.rules.find((r) => r.ruleKey === 'greeting')).toEqual({
			ruleKey: 'greeting',
			pass: 2,
			fail: 3,
			na: 0
		});
	});
});
