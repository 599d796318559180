// Holding QA work: a lead takes an unassigned review item or coaching task, hands one to another
// lead, loses a race with a sentence that names who holds it now, and acting on an item takes it
// first (or asks when someone else holds it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { audit } from '../auth/audit.ts';
import { ClaimError, holdBeforeActing, moveItem } from './claims.ts';
import { listReviewQueue } from './queue.ts';
import { buildReviewQueue } from './sampling.ts';
import { addDailyInteractions, addTranscripts, addUser } from './test-fixtures.ts';

const lee = { id: 'lead-1', name: 'Lee Lead', email: 'lead-1@test.local' };
const kim = { id: 'lead-2', name: 'Kim Lead', email: 'lead-2@test.local' };
const W = '2026-03-09';

let db: Db;
let item: string;
beforeEach(async () => {
	db = await createTestDb();
	await addDailyInteractions(db, { agent: 'A1', start: '2026-03-02', days: 7, perDay: 1 });
	await addTranscripts(db);
	// Sampled before any QA lead account existed: every item is unassigned.
	await buildReviewQueue(db, { week: W, seed: 's' });
	await addUser(db, { id: lee.id, name: lee.name, role: 'qa_lead' });
	await addUser(db, { id: kim.id, name: kim.name, role: 'qa_lead' });
	await addUser(db, { id: 'staff-1', name: 'Sam Staff', role: 'staff' });
	item = (await listReviewQueue(db, { weekStart: W }))[0].interactionId;
});
afterEach(async () => db.close());

const holder = async () =>
	(await listReviewQueue(db, { weekStart: W })).find((i) => i.interactionId === item)?.ownerName;
const ref = () => ({ kind: 'review' as const, interactionId: item });

describe('review items', () => {
	it("an unassigned item can be taken, and then shows in that lead's own list", async () => {
		expect(await holder()).toBeNull();
		await moveItem(db, ref(), null, lee.id, lee);
		expect(await holder()).toBe('Lee Lead');
		const mine = await listReviewQueue(db, { weekStart: W, ownerId: lee.id });
		expect(mine.map((i) => i.interactionId)).toContain(item);
		const log = await db.all<{ action: string; actor: string }>(
			`SELECT action, actor FROM audit_log WHERE subject_type = 'review_item' AND subject_id = $id`,
			{ id: item }
		);
		expect(log).toEqual([{ action: 'qa.review.claim', actor: lee.email }]);
	});

	it('a lead hands an item to another lead, but not to a staff account', async () => {
		await moveItem(db, ref(), null, kim.id, lee);
		expect(await holder()).toBe('Kim Lead');
		await expect(moveItem(db, ref(), kim.id, 'staff-1', lee)).rejects.toThrow(
			/Choose a QA lead, manager or admin/
		);
	});

	it('the later of two claims loses, with who holds it now', async () => {
		await moveItem(db, ref(), null, kim.id, kim);
		// Lee's page still shows the item unassigned.
		const lost = moveItem(db, ref(), null, lee.id, lee);
		await expect(lost).rejects.toBeInstanceOf(ClaimError);
		await expect(lost).rejects.toThrow(/^Kim Lead took it at 20\d\d-\d\d-\d\d \d\d:\d\d UTC/);
		expect(await holder()).toBe('Kim Lead');
	});

	it('says "You (in another tab)" when the newer change was the same person\'s', async () => {
		await moveItem(db, ref(), null, lee.id, lee);
		await expect(moveItem(db, ref(), null, lee.id, lee)).rejects.toThrow(
			/^You \(in another tab\) took it at /
		);
	});

	it("acting on an unheld item takes it; on another lead's item it asks first", async () => {
		await holdBeforeActing(db, ref(), lee);
		expect(await holder()).toBe('Lee Lead');
		await expect(holdBeforeActing(db, ref(), kim)).rejects.toThrow(
			/^Lee Lead holds this review item: take it over first/
		);
		await holdBeforeActing(db, ref(), kim, { takeOver: true });
		expect(await holder()).toBe('Kim Lead');
	});
});

describe('coaching tasks', () => {
	beforeEach(async () => {
		await db.run(`INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title,
			state, owner_id, owner_name, due_date, evidence, trigger_count, opened_at, updated_at)
			VALUES (7, 'A1', 'qa', 'compliance', 'qa_score', 'QA score below threshold', 'open', NULL, NULL,
			DATE '2026-03-23', '{"interactions":[]}', 1, now(), now())`);
	});
	const task = { kind: 'coaching' as const, taskId: 7 };
	const owner = async () =>
		(
			await db.one<{ owner_name: string | null }>(
				'SELECT owner_name FROM coaching_tasks WHERE task_id = 7'
			)
		)?.owner_name;

	it('a QA lead takes an unassigned coaching task', async () => {
		await moveItem(db, task, null, lee.id, lee);
		expect(await owner()).toBe('Lee Lead');
	});

	it('a race names the winner, whose audit record the reader did not write', async () => {
		await moveItem(db, task, null, kim.id, kim);
		await expect(moveItem(db, task, null, lee.id, lee)).rejects.toThrow(/^Kim Lead took it at /);
	});

	it('a done task is not held by anyone any more', async () => {
		await db.run(`UPDATE coaching_tasks SET state = 'done' WHERE task_id = 7`);
		await expect(moveItem(db, task, null, lee.id, lee)).rejects.toThrow(/done/);
	});

	it('describes a change by the rules as theirs', async () => {
		await audit(db, {
			actor: 'system',
			action: 'qa.coaching.claim',
			subjectType: 'coaching_task',
			subjectId: '7'
		});
		await db.run(
			`UPDATE coaching_tasks SET owner_id = 'lead-2', owner_name = 'Kim Lead' WHERE task_id = 7`
		);
		await expect(moveItem(db, task, null, lee.id, lee)).rejects.toThrow(/^system took it at /);
	});
});
