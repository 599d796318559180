import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { runCoachingRules } from './coaching.ts';
import { classifyEffect } from './effect.ts';
import { createEvaluation } from './evaluations.ts';
import { getCurrentRubricVersion } from './rubrics.ts';
import { advanceTask, listCoachingTasks } from './tasks.ts';
import { addDailyInteractions, addSurveysFor, addUser } from './test-fixtures.ts';

// Window: 30 days before 2026-04-01 → [2026-03-02, 2026-04-01).
const NOW = new Date('2026-04-01T00:00:00Z');
const lead = { id: 'lead-1', name: 'Lee Lead' };

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addUser(db, { id: 'lead-1', name: 'Lee Lead', role: 'qa_lead' });
});
afterEach(async () => db.close());

const tasks = async () =>
	(await listCoachingTasks(db, { includeDone: true }))
		.map((t) => `${t.agentId} ${t.triggerKey} ${t.state}`)
		.sort();

describe('KPI trigger', () => {
	beforeEach(async () => {
		// 40 calls each (20 days × 2), every one with a survey.
		for (const agent of ['LOW', 'NEAR'])
			await addDailyInteractions(db, { agent, start: '2026-03-05', days: 20, perDay: 2 });
		await addDailyInteractions(db, { agent: 'FEW', start: '2026-03-05', days: 5, perDay: 2 });
		// LOW: 20/40 satisfied = 50 %. Wilson: centre = 0.5 + 1.96²/80 = 0.54802,
		// spread = 1.96·√(0.25/40 + 1.96²/6400) = 0.16222, ÷ (1 + 1.96²/40 = 1.09604) → high 0.6480:
		// 64.8 % < 80 % target → task.
		await addSurveysFor(db, 'LOW', 20);
		// NEAR: 30/40 = 75 %, below 80 but high = (0.79802 + 0.14253) / 1.09604 = 0.8581 ≥ 0.80 → no task.
		await addSurveysFor(db, 'NEAR', 30);
		// FEW: 0/10 satisfied, but n = 10 < the minimum sample of 30 → not enough data, no task.
		await addSurveysFor(db, 'FEW', 0);
	});

	it('opens a task only where the interval says the target is missed, with evidence and owner', async () => {
		expect(await runCoachingRules(db, { now: NOW })).toEqual({ opened: 1, updated: 0, effects: 0 });
		const [task] = await listCoachingTasks(db);
		expect(task.agentId).toBe('LOW');
		expect(task.triggerKey).toBe('kpi:csat');
		expect(task.focusArea).toBe('patient_experience');
		expect(task.ownerName).toBe('Lee Lead');
		// opened 2026-04-01 (window end = last call + 1 s on 03-24) … due 14 days after the rules ran.
		expect(task.dueDate).toBe('2026-04-15');
		expect(task.evidence.figure).toBe(50);
		expect(task.evidence.n).toBe(40);
		expect(task.evidence.high).toBeCloseTo(64.8, 1);
		expect(task.evidence.target).toBe(80);
		// Linked interactions: the dissatisfied calls (csat 2), newest first, at most 10.
		expect(task.evidence.interactions).toHaveLength(10);
	});

	it('counts a repeated trigger only when it brings new evidence, and opens a new task once the old is done', async () => {
		await runCoachingRules(db, { now: NOW });
		// The same data again (a restart, a second import of nothing new): not a new trigger.
		expect(await runCoachingRules(db, { now: NOW })).toEqual({ opened: 0, updated: 0, effects: 0 });
		expect((await listCoachingTasks(db))[0].triggerCount).toBe(1);
		// A new dissatisfied call on 26 March is the newest of LOW's evidence: triggered twice.
		await addDailyInteractions(db, {
			agent: 'LOW',
			start: '2026-03-26',
			days: 1,
			perDay: 1,
			prefix: 'new-'
		});
		await addSurveysFor(db, 'LOW', 0, 'new-');
		expect(await runCoachingRules(db, { now: NOW })).toEqual({ opened: 0, updated: 1, effects: 0 });
		expect(await runCoachingRules(db, { now: NOW })).toEqual({ opened: 0, updated: 0, effects: 0 });
		const [task] = await listCoachingTasks(db);
		expect(task.triggerCount).toBe(2);
		expect(task.evidence.interactions[0]).toBe('new-LOW-d0-0');
		const history = await db.all<{ note: string }>(
			`SELECT note FROM coaching_history WHERE task_id = $id ORDER BY happened_at, rowid`,
			{ id: task.taskId }
		);
		// Opened, then one line for the new interaction; the two re-runs over old evidence add none.
		expect(history.map((h) => h.note)).toEqual([
			'CSAT below target',
			'new evidence: 1 interaction not shown before'
		]);
		for (const [to, input] of [
			['planned', { planNotes: 'Listen to 3 calls together', goal: 'CSAT ≥ 80 %' }],
			['session_held', { sessionNotes: 'Went through the calls' }],
			['acknowledged', {}],
			['done', {}]
		] as const) {
			await advanceTask(db, task.taskId, to, lead, input);
		}
		expect(await runCoachingRules(db, { now: NOW })).toEqual({ opened: 1, updated: 0, effects: 0 });
		expect(await tasks()).toEqual(['LOW kpi:csat done', 'LOW kpi:csat open']);
	});

	it('lets each step write only its own notes (an acknowledging agent cannot rewrite the plan)', async () => {
		await runCoachingRules(db, { now: NOW });
		const [task] = await listCoachingTasks(db);
		await advanceTask(db, task.taskId, 'planned', lead, { planNotes: 'Plan A', goal: 'Goal A' });
		await advanceTask(db, task.taskId, 'session_held', lead, { sessionNotes: 'Session A' });
		await advanceTask(db, task.taskId, 'acknowledged', lead, {
			planNotes: 'forged plan',
			goal: 'forged goal',
			sessionNotes: 'forged session'
		});
		const [after] = await listCoachingTasks(db);
		expect([after.planNotes, after.goal, after.sessionNotes]).toEqual([
			'Plan A',
			'Goal A',
			'Session A'
		]);
	});

	it('refuses workflow steps out of order or without their notes', async () => {
		await runCoachingRules(db, { now: NOW });
		const [task] = await listCoachingTasks(db);
		await expect(advanceTask(db, task.taskId, 'done', lead)).rejects.toThrow(/cannot move/);
		await expect(advanceTask(db, task.taskId, 'planned', lead, { planNotes: 'x' })).rejects.toThrow(
			/goal/
		);
	});
});

describe('QA trigger', () => {
	// Seeded rubric, no critical fail: greeting no 0 (w1), verification yes 100 (w2), accuracy 5 → 100
	// (w3), escalation N/A, empathy 2 → 25 (w2), ownership 2 → 25 (w2), closing no 0 (w1):
	// (0 + 200 + 300 + 50 + 50 + 0) / 11 = 600 / 11 = 54.5 < 75.
	const weak = {
		greeting: 0,
		verification: 1,
		accuracy: 5,
		escalation: null,
		empathy: 2,
		ownership: 2,
		closing: 0
	};
	const good = {
		greeting: 1,
		verification: 1,
		accuracy: 5,
		escalation: null,
		empathy: 5,
		ownership: 5,
		closing: 1
	};

	it('opens for a low mean over enough evaluations and for any critical fail, not for two evaluations', async () => {
		for (const agent of ['Q3', 'Q2', 'CRIT'])
			await addDailyInteractions(db, { agent, start: '2026-03-10', days: 3, perDay: 1 });
		const { versionId } = await getCurrentRubricVersion(db);
		const evaluate = (id: string, answers: typeof weak) =>
			createEvaluation(db, { interactionId: id, versionId, answers }, lead);
		for (const d of [0, 1, 2]) await evaluate(`Q3-d${d}-0`, weak);
		for (const d of [0, 1]) await evaluate(`Q2-d${d}-0`, weak);
		await evaluate('CRIT-d0-0', good);
		await evaluate('CRIT-d1-0', { ...good, verification: 0 });
		await runCoachingRules(db, { now: NOW });
		const all = await listCoachingTasks(db);
		expect(all.map((t) => `${t.agentId} ${t.focusArea}`).sort()).toEqual([
			'CRIT compliance',
			'Q3 quality'
		]);
		const q3 = all.find((t) => t.agentId === 'Q3')!;
		expect(q3.evidence.figure).toBeCloseTo(600 / 11, 9);
		expect(q3.evidence.n).toBe(3);
		const crit = all.find((t) => t.agentId === 'CRIT')!;
		// CRIT's mean (100 + 0) / 2 = 50, but only the critical fail triggers (2 < 3 evaluations).
		expect(crit.evidence.criticalFails).toBe(1);
		expect(crit.evidence.interactions).toEqual(['CRIT-d1-0']);
	});
});

describe('sentiment trigger', () => {
	it('opens when the negative share is significantly above the rest of the team', async () => {
		for (const agent of ['S1', 'S2'])
			await addDailyInteractions(db, {
				agent,
				team: 'care',
				start: '2026-03-05',
				days: 20,
				perDay: 2
			});
		// S1: 20/40 negative; S2: 4/40. Pooled 24/80 = 0.3, SE = √(0.3·0.7·(1/40 + 1/40)) = 0.10247,
		// z = (0.5 − 0.1) / 0.10247 = 3.90 > 1.96 → S1 gets a task; S2 is below S1, so none.
		await db.run(`CREATE OR REPLACE VIEW interaction_sentiment AS
			SELECT interaction_id, CASE WHEN (agent_id = 'S1' AND ends_with(interaction_id, '-0'))
				OR (agent_id = 'S2' AND interaction_id IN ('S2-d0-0', 'S2-d1-0', 'S2-d2-0', 'S2-d3-0'))
				THEN 'negative' ELSE 'neutral' END AS end_label
			FROM interactions WHERE agent_id IN ('S1', 'S2')`);
		await runCoachingRules(db, { now: NOW });
		const [task, ...rest] = await listCoachingTasks(db);
		expect(rest).toEqual([]);
		expect(task.agentId).toBe('S1');
		expect(task.triggerKey).toBe('sentiment:negative');
		expect(task.evidence.figure).toBe(50);
		expect(task.evidence.target).toBe(10);
		expect(task.evidence.z as number).toBeCloseTo(0.4 / Math.sqrt(0.3 * 0.7 * (2 / 40)), 9);
	});
});

describe('coaching effect', () => {
	it.each([
		// before 20/40, after 34/40: pooled 54/80 = 0.675, SE = √(0.675·0.325·0.05) = 0.10473,
		// z = 0.35 / 0.10473 = 3.34 → improved
		[{ k: 20, n: 40 }, { k: 34, n: 40 }, true, 'improved'],
		// 20/40 → 24/40: pooled 0.55, SE = √(0.55·0.45·0.05) = 0.11124, z = 0.1 / 0.11124 = 0.90 → no change
		[{ k: 20, n: 40 }, { k: 24, n: 40 }, true, 'no_change'],
		// 34/40 → 20/40: z = −3.34 → worse
		[{ k: 34, n: 40 }, { k: 20, n: 40 }, true, 'worse'],
		// negative share 20/40 → 4/40, lower is better: z = −3.90 → improved
		[{ k: 20, n: 40 }, { k: 4, n: 40 }, false, 'improved'],
		// n = 10 after < minimum 30 → too few
		[{ k: 20, n: 40 }, { k: 10, n: 10 }, true, 'too_few']
	] as const)('%o → %o is %s', (before, after, higher, outcome) => {
		const e = classifyEffect(
			{ kind: 'proportion', ...before },
			{ kind: 'proportion', ...after },
			higher,
			30
		);
		expect(e.outcome).toBe(outcome);
	});

	it('compares mean QA scores with Welch', () => {
		// SE = √(10²/5 + 10²/5) = √40 = 6.325; z = (70 − 50) / 6.325 = 3.16 → improved
		const e = classifyEffect(
			{ kind: 'mean', mean: 50, sd: 10, n: 5 },
			{ kind: 'mean', mean: 70, sd: 10, n: 5 },
			true,
			3
		);
		expect(e.outcome).toBe('improved');
		expect(e.z).toBeCloseTo(20 / Math.sqrt(40), 9);
	});

	it('is measured 30 days after done, on the focus KPI before vs after', async () => {
		await addDailyInteractions(db, { agent: 'LOW', start: '2026-03-05', days: 20, perDay: 2 });
		await addSurveysFor(db, 'LOW', 20);
		await runCoachingRules(db, { now: NOW });
		const [task] = await listCoachingTasks(db);
		await db.run(
			`UPDATE coaching_tasks SET state = 'done', done_at = '2026-04-01' WHERE task_id = $id`,
			{ id: task.taskId }
		);
		// After: 40 calls in April, 36 satisfied = 90 %. Pooled 56/80 = 0.7, SE = 0.10247,
		// z = (0.9 − 0.5) / 0.10247 = 3.90 → improved.
		await addDailyInteractions(db, {
			agent: 'LOW',
			start: '2026-04-03',
			days: 20,
			perDay: 2,
			prefix: 'apr-'
		});
		await addSurveysFor(db, 'LOW', 36, 'apr-');
		expect((await runCoachingRules(db, { now: new Date('2026-04-30T00:00:00Z') })).effects).toBe(0);
		expect((await runCoachingRules(db, { now: new Date('2026-05-01T00:00:00Z') })).effects).toBe(1);
		const done = (await listCoachingTasks(db, { state: 'done' }))[0];
		expect(done.effect).toMatchObject({
			outcome: 'improved',
			kpi: 'csat',
			beforeValue: 50,
			afterValue: 90,
			beforeN: 40,
			afterN: 40
		});
		expect(done.effect!.z).toBeCloseTo(0.4 / Math.sqrt(0.7 * 0.3 * 0.05), 9);
	});
});
