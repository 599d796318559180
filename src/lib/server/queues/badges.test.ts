// The navigation's badges count what waits for the person, per role, from hand-made rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { setClock } from '../time/index.ts';
import type { SessionUser } from '../auth/roles.ts';
import { badgesFor } from './badges.ts';

// Now: Wednesday 11 March 2026, 12:00 UTC (the site is on UTC).
const NOW = new Date('2026-03-11T12:00:00Z');
const staff: SessionUser = { id: 's1', email: 's1@x', name: 'Sam', role: 'staff', agentId: null };
const lead: SessionUser = { id: 'l1', email: 'l1@x', name: 'Lee', role: 'qa_lead', agentId: null };
const agent: SessionUser = { id: 'a1', email: 'a1@x', name: 'Ana', role: 'staff', agentId: 'A1' };

const TASK = `INSERT INTO follow_ups (id, kind, patient_id, group_key, category, category_reason, severity, queue,
	summary, opened_at, due_at, created_at, status, assignee_id, assignee_name, updated_at)
	VALUES ($id, 'complaint', 'P', 'g' || $id, 'other', 'r', 'medium', $queue, 's', $due::TIMESTAMP - INTERVAL 48 HOUR,
	$due::TIMESTAMP, now(), $status, $who, $who, now())`;

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	setClock(NOW);
});
afterEach(async () => {
	setClock();
	await db.close();
});

describe('badgesFor', () => {
	it('staff: follow-ups they hold, and the overdue ones in the queues they see', async () => {
		const rows: [number, string, string, string | null, string][] = [
			// held by s1: one due tomorrow, one overdue since yesterday
			[1, '2026-03-12 12:00:00', 'in_progress', 's1', 'staff'],
			[2, '2026-03-10 12:00:00', 'in_progress', 's1', 'staff'],
			// unassigned staff-queue task, overdue: in s1's queue
			[3, '2026-03-11 11:00:00', 'open', null, 'staff'],
			// someone else's overdue task, a pharmacist-queue task and a closed one: not s1's
			[4, '2026-03-09 12:00:00', 'in_progress', 'other', 'staff'],
			[5, '2026-03-09 12:00:00', 'open', null, 'pharmacist'],
			[6, '2026-03-09 12:00:00', 'closed', 's1', 'staff']
		];
		for (const [id, due, status, who, queue] of rows)
			await db.run(TASK, { id, due, status, who, queue });
		const badges = await badgesFor(db, staff);
		// Held: tasks 1 and 2 → 2. Overdue among those visible: 2 and 3 → 2.
		expect(badges['/complaints']).toMatchObject({
			count: 2,
			overdue: 2,
			href: '/complaints?assignee=me'
		});
		expect(badges['/complaints'].label).toBe('2 follow-ups held by you, 2 overdue in your queues');
		expect(badges['/qa']).toBeUndefined();
	});

	it('QA lead: disputes, review items held, overdue ones (theirs or unassigned), coaching held', async () => {
		const item = `INSERT INTO qa_review_queue (week_start, interaction_id, agent_id, owner_id, reasons, due_date, seed)
			VALUES (DATE '2026-03-09', $id, 'A1', $owner, ['random'], $due::DATE, 's')`;
		await db.run(item, { id: 'i1', owner: 'l1', due: '2026-03-15' });
		await db.run(item, { id: 'i2', owner: 'l1', due: '2026-03-08' });
		await db.run(item, { id: 'i3', owner: null, due: '2026-03-08' });
		await db.run(item, { id: 'i4', owner: 'l2', due: '2026-03-08' });
		// i5 is held by l1 and already evaluated: nothing to do. Its evaluation is disputed.
		await db.run(item, { id: 'i5', owner: 'l1', due: '2026-03-08' });
		await db.run(`INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id,
			evaluator_name, status, computed_score, score, critical_failed, created_at, updated_at)
			VALUES (1, 'i5', 'A1', 1, 'l1', 'Lee', 'disputed', 80, 80, false, now(), now())`);
		const coaching = `INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title,
			state, owner_id, owner_name, due_date, evidence, trigger_count, opened_at, updated_at)
			VALUES ($id, 'A1', 'qa', 'x', 'qa_score', 't', $state, 'l1', 'Lee', $due::DATE, '{}', 1, now(), now())`;
		await db.run(coaching, { id: 1, state: 'planned', due: '2026-03-10' });
		await db.run(coaching, { id: 2, state: 'open', due: '2026-03-20' });
		await db.run(coaching, { id: 3, state: 'done', due: '2026-03-01' });
		const badges = await badgesFor(db, lead);
		// 1 dispute + held open items i1, i2 = 3; overdue (theirs or unassigned, not evaluated): i2, i3.
		expect(badges['/qa']).toMatchObject({ count: 3, overdue: 2, href: '/qa?view=disputes' });
		// Coaching held and not done: 1, 2; overdue: 1 (due 10 March).
		expect(badges['/coaching']).toMatchObject({ count: 2, overdue: 1 });
		expect(badges['/complaints']).toBeUndefined();
	});

	it('says only what waits: no "0 follow-ups held by you", no "0 disputes", no "0 overdue"', async () => {
		// Staff s1 holds nothing; one unassigned staff-queue task is overdue (due an hour ago).
		await db.run(TASK, {
			id: 1,
			due: '2026-03-11 11:00:00',
			status: 'open',
			who: null,
			queue: 'staff'
		});
		// Lead l1 has one disputed evaluation and nothing held, nothing overdue (item due Sunday).
		await db.run(`INSERT INTO qa_review_queue (week_start, interaction_id, agent_id, owner_id, reasons, due_date, seed)
			VALUES (DATE '2026-03-09', 'i1', 'A1', 'l2', ['random'], DATE '2026-03-15', 's')`);
		await db.run(`INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id,
			evaluator_name, status, computed_score, score, critical_failed, created_at, updated_at)
			VALUES (1, 'i1', 'A1', 1, 'l2', 'Kim', 'disputed', 80, 80, false, now(), now())`);
		// One coaching task held by l1, due in nine days: nothing overdue.
		await db.run(`INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title,
			state, owner_id, owner_name, due_date, evidence, trigger_count, opened_at, updated_at)
			VALUES (1, 'A1', 'qa', 'x', 'qa_score', 't', 'open', 'l1', 'Lee', DATE '2026-03-20', '{}', 1, now(), now())`);
		expect((await badgesFor(db, staff))['/complaints']).toMatchObject({
			count: 0,
			overdue: 1,
			label: '1 overdue in your queues',
			href: '/complaints'
		});
		const lead_ = await badgesFor(db, lead);
		expect(lead_['/qa'].label).toBe('1 dispute to resolve');
		expect(lead_['/coaching'].label).toBe('1 coaching task held by you');
	});

	it('an agent-linked account: released evaluations and sessions waiting for acknowledgement', async () => {
		const ev = `INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id,
			evaluator_name, status, computed_score, score, critical_failed, created_at, updated_at)
			VALUES ($id, 'i' || $id, $agent, 1, 'l1', 'Lee', $status, 80, 80, false, now(), now())`;
		await db.run(ev, { id: 1, agent: 'A1', status: 'released' });
		await db.run(ev, { id: 2, agent: 'A1', status: 'submitted' });
		await db.run(ev, { id: 3, agent: 'A1', status: 'acknowledged' });
		await db.run(ev, { id: 4, agent: 'A2', status: 'released' });
		await db.run(`INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title,
			state, owner_id, owner_name, due_date, evidence, trigger_count, opened_at, updated_at)
			VALUES (1, 'A1', 'qa', 'x', 'qa_score', 't', 'session_held', 'l1', 'Lee', DATE '2026-03-20', '{}', 1, now(), now())`);
		const badges = await badgesFor(db, agent);
		// Evaluation 1 (released, theirs) and the held session.
		expect(badges['/qa/mine']).toMatchObject({ count: 2, overdue: 0 });
		expect(badges['/qa']).toBeUndefined();
	});
});
