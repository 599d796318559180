// A calibration session worked by hand: three graders and an expert score two interactions with
// the seeded rubric (weights: greeting 1, verification 2, accuracy 3, escalation 2, empathy 2,
// ownership 2, closing 1). The answers differ from the key in a few places only:
//
//            greeting verification accuracy escalation empathy ownership closing
//   key  X1     1         1           5         na        4        4        1
//   G1   X1     .         .           .         .         3        .        .
//   G2   X1     .         .           .         .         .        .        0
//   G3   X1     .         .           .         .         3        .        0
//   key  X2     0         1           4         na        3        3        0
//   G1   X2     .         .           .         .         .        .        .
//   G2   X2     1         .           .         .         .        .        .
//   G3   X2     .         na          .         .         .        .        .
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { createTestDb } from '../../db/testing.ts';
import { runCoachingRules } from '../coaching.ts';
import { agentQaScore, listAgentQaScores } from '../queries.ts';
import { addUser } from '../test-fixtures.ts';
import { addCall, POOR_CALL } from '../autoqa/test-fixtures.ts';
import { loadReport } from './report.ts';
import {
	CalibrationError,
	createSession,
	getSession,
	mayReadReport,
	scoreInSession,
	submitSession,
	type Session
} from './sessions.ts';

const KEY_X1 = {
	greeting: 1,
	verification: 1,
	accuracy: 5,
	escalation: null,
	empathy: 4,
	ownership: 4,
	closing: 1
};
const KEY_X2 = {
	greeting: 0,
	verification: 1,
	accuracy: 4,
	escalation: null,
	empathy: 3,
	ownership: 3,
	closing: 0
};
const ANSWERS: Record<string, Record<string, Record<string, number | null>>> = {
	expert: { X1: KEY_X1, X2: KEY_X2 },
	g1: { X1: { ...KEY_X1, empathy: 3 }, X2: KEY_X2 },
	g2: { X1: { ...KEY_X1, closing: 0 }, X2: { ...KEY_X2, greeting: 1 } },
	g3: { X1: { ...KEY_X1, empathy: 3, closing: 0 }, X2: { ...KEY_X2, verification: null } }
};

let db: Db;
let session: Session;
const actor = (id: string) => ({ id, name: id.toUpperCase() });

beforeEach(async () => {
	db = await createTestDb();
	await addCall(db, 'X1', POOR_CALL, { agent: 'A7', at: '2026-03-02 09:00:00' });
	await addCall(db, 'X2', POOR_CALL, { agent: 'A7', at: '2026-03-03 09:00:00' });
	for (const id of ['lead', 'g1', 'g2', 'g3', 'expert'])
		await addUser(db, { id, name: id.toUpperCase(), role: 'qa_lead' });
	const id = await createSession(
		db,
		{
			name: 'March',
			interactionIds: ['X1', 'X2'],
			graderIds: ['g1', 'g2', 'g3'],
			expertId: 'expert'
		},
		actor('lead')
	);
	session = (await getSession(db, id))!;
});
afterEach(async () => {
	await db.close();
});

async function scoreAll(ids = ['expert', 'g1', 'g2', 'g3']) {
	for (const who of ids) {
		for (const x of ['X1', 'X2'])
			await scoreInSession(db, session, { interactionId: x, answers: ANSWERS[who][x] }, actor(who));
		await submitSession(db, session, actor(who));
		session = (await getSession(db, session.sessionId))!;
	}
}

describe('calibration report', () => {
	it('equals the hand-computed agreement figures', async () => {
		await scoreAll();
		const r = await loadReport(db, session);
		// Overall: 14 subjects × 3 graders. P_i = 1 except X1 empathy (3,4,3), X1 closing (1,0,0),
		// X2 greeting (0,1,0), X2 verification (1,1,na): each (4 + 1 − 3)/6 = 1/3.
		// P̄ = (10 + 4/3) / 14 = 34/42 = 17/21.
		// Ratings per category (of 42): yes/no 1: 10, yes/no 0: 7, yes/no N/A: 7, 1–5 "5": 3,
		// "4": 7, "3": 8 → P̄e = (100 + 49 + 49 + 9 + 49 + 64) / 1764 = 320/1764 = 80/441.
		// κ = (17/21 − 80/441) / (1 − 80/441) = (357 − 80) / (441 − 80) = 277/361.
		expect(r.overall.agreement).toBeCloseTo(17 / 21, 12);
		expect(r.overall.chance).toBeCloseTo(80 / 441, 12);
		expect(r.overall.kappa).toBeCloseTo(277 / 361, 12);
		const item = (k: string) => r.items.find((i) => i.itemKey === k)!;
		// Greeting: X1 (1,1,1) → 1, X2 (0,1,0) → 1/3: P̄ = 2/3; "1" 4/6, "0" 2/6 → P̄e = 20/36 = 5/9;
		// κ = (6/9 − 5/9) / (4/9) = 1/4.
		expect(item('greeting').kappa.agreement).toBeCloseTo(2 / 3, 12);
		expect(item('greeting').kappa.kappa).toBeCloseTo(1 / 4, 12);
		// Empathy: (3,4,3) → 1/3 and (3,3,3) → 1: P̄ = 2/3; "3" 5/6, "4" 1/6 → P̄e = 26/36 = 13/18;
		// κ = (12/18 − 13/18) / (5/18) = −1/5 (less than chance).
		expect(item('empathy').kappa.kappa).toBeCloseTo(-1 / 5, 12);
		// Accuracy: all 5 on X1, all 4 on X2: P̄ = 1, P̄e = 1/2 → κ = 1. Escalation: all N/A → none.
		expect(item('accuracy').kappa.kappa).toBeCloseTo(1, 12);
		expect(item('escalation').kappa).toMatchObject({ agreement: 1, kappa: null });
		// Matches with the key: each grader answers 14 subjects.
		// G1 misses X1 empathy → 13/14; G2 misses X1 closing, X2 greeting → 12/14; G3 misses X1
		// empathy, X1 closing, X2 verification → 11/14.
		const g = (name: string) => r.graders.find((x) => x.name === name)!;
		expect(g('G1').keyAgreement).toBeCloseTo(13 / 14, 12);
		expect(g('G2').keyAgreement).toBeCloseTo(12 / 14, 12);
		expect(g('G3').keyAgreement).toBeCloseTo(11 / 14, 12);
		// Deviation in item-score points: empathy 3 vs 4 = |50 − 75| = 25; closing 0 vs 1 = 100;
		// N/A vs a value has none. G1: 25 / 14; G2: (100 + 100) / 14; G3: (25 + 100) / 13.
		expect(g('G1').deviation).toBeCloseTo(25 / 14, 12);
		expect(g('G2').deviation).toBeCloseTo(200 / 14, 12);
		expect(g('G3').deviation).toBeCloseTo(125 / 13, 12);
		// Scores (weights sum to 11 without the N/A escalation): key X1 = (100 + 200 + 300 + 150 +
		// 150 + 100) / 11 = 1000/11; key X2 = (0 + 200 + 225 + 100 + 100 + 0) / 11 = 625/11.
		// G1: X1 950/11, X2 625/11 → mean difference (−50/11 + 0) / 2 = −25/11.
		// G2: X1 900/11, X2 725/11 → (−100/11 + 100/11) / 2 = 0.
		// G3: X1 850/11; X2 without verification (weights 9): (0 + 225 + 100 + 100 + 0) / 9 = 425/9
		// → (−150/11 + 425/9 − 625/11) / 2 = (−1350/99 − 950/99) / 2 = −1150/99.
		expect(r.keyScores.X1).toBeCloseTo(1000 / 11, 12);
		expect(r.keyScores.X2).toBeCloseTo(625 / 11, 12);
		expect(g('G1').scoreDeviation).toBeCloseTo(-25 / 11, 12);
		expect(g('G2').scoreDeviation).toBeCloseTo(0, 12);
		expect(g('G3').scoreDeviation).toBeCloseTo(-1150 / 99, 12);
		// Heat-map cells: grader × item; G3's closing: 0 vs 1 on X1, 0 vs 0 on X2 → 100 and 0.
		const cell = r.cells.find((c) => c.grader === 'G3' && c.itemKey === 'closing')!;
		expect(cell.deviation).toBeCloseTo(50, 12);
		expect(cell.keyAgreement).toBeCloseTo(0.5, 12);
		expect(r.pending).toEqual([]);
	});

	it('is blind until submitting, counts only submitted scores, and locks them', async () => {
		await scoreInSession(db, session, { interactionId: 'X1', answers: ANSWERS.g1.X1 }, actor('g1'));
		expect(mayReadReport(session, 'g1')).toBe(false);
		expect(mayReadReport(session, 'lead')).toBe(true);
		await expect(submitSession(db, session, actor('g1'))).rejects.toThrow(
			/Score every interaction first: X2/
		);
		await scoreAll(['expert', 'g2', 'g3']);
		// G1 has a draft only: the report counts G2 and G3 and says G1 is pending.
		const r = await loadReport(db, session);
		expect(r.graders.map((g) => g.name)).toEqual(['G2', 'G3']);
		expect(r.pending).toEqual(['G1']);
		expect(mayReadReport(session, 'g2')).toBe(true);
		await expect(
			scoreInSession(db, session, { interactionId: 'X1', answers: KEY_X1 }, actor('g2'))
		).rejects.toThrow(CalibrationError);
	});

	it('refuses a session without two graders, with the expert grading, or unknown calls', async () => {
		await expect(
			createSession(
				db,
				{ name: 'x', interactionIds: ['X1', 'nope'], graderIds: ['g1'], expertId: 'g1' },
				actor('lead')
			)
		).rejects.toThrow(
			'Pick at least two graders: agreement needs two. The expert writes the answer key and cannot also be a grader. No such interaction: nope.'
		);
	});

	it("never counts in the agent's QA score or the coaching rules", async () => {
		// Every grader scores both calls of agent A7 very low (critical items failed).
		const low = { ...KEY_X1, verification: 0, accuracy: 1 };
		for (const who of ['expert', 'g1', 'g2', 'g3'])
			for (const x of ['X1', 'X2'])
				await scoreInSession(db, session, { interactionId: x, answers: low }, actor(who));
		const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
		expect(await agentQaScore(db, 'A7', march)).toEqual({
			score: null,
			evaluations: 0,
			criticalFails: 0
		});
		expect(await listAgentQaScores(db, march)).toEqual([]);
		await runCoachingRules(db, { now: new Date('2026-03-10T00:00:00Z') });
		const tasks = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM coaching_tasks WHERE agent_id = 'A7'`
		);
		expect(tasks?.n).toBe(0);
	});
});
