import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import type { Actor } from './access.ts';
import {
	addNote,
	assignTask,
	claimTask,
	logAttempt,
	notInQueues,
	reopenTask,
	resolveTask,
	saveResponse,
	TaskConflictError,
	TaskForbiddenError,
	TaskNotFoundError,
	TaskRuleError
} from './actions.ts';
import { addInteractions } from './fixtures.test-helpers.ts';
import { reviewIncident, saveIncident } from './incident.ts';
import { getTask, listTasks } from './queue.ts';
import { runFollowUpRules } from './rules.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const ana: Actor = {
	id: 'u-ana',
	name: 'Ana',
	email: 'ana@x',
	role: 'staff',
	seesAll: false,
	pharmacist: false
};
const ben: Actor = {
	id: 'u-ben',
	name: 'Ben',
	email: 'ben@x',
	role: 'staff',
	seesAll: false,
	pharmacist: false
};
const phil: Actor = {
	id: 'u-phil',
	name: 'Phil',
	email: 'phil@x',
	role: 'staff',
	seesAll: false,
	pharmacist: true
};
const mia: Actor = {
	id: 'u-mia',
	name: 'Mia',
	email: 'mia@x',
	role: 'manager',
	seesAll: true,
	pharmacist: false
};

const REPORT = {
	medication: 'metformin',
	dosePrescribed: '500 mg',
	doseDispensed: '1000 mg',
	eventDate: '2026-03-09',
	staffInvolved: 'tech on shift',
	harmCategory: 'C'
};

describe('working a task', () => {
	let db: Db;
	let service: number;
	let safety: number;
	beforeEach(async () => {
		db = await createTestDb();
		await addInteractions(db, [
			{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint' },
			{ id: 'I2', at: '2026-03-09 10:00:00', patient: 'P2', reason: 'medication_error' }
		]);
		await runFollowUpRules(db, { now: NOW });
		const rows = (await listTasks(db, mia)).rows;
		// Sorted by due: P2 (10:00 + 24 h) before P1 (09:00 + 48 h).
		expect(rows.map((r) => r.patientId)).toEqual(['P2', 'P1']);
		[safety, service] = rows.map((r) => r.id);
	});
	afterEach(() => db.close());

	it('a second writer with a stale version gets the conflict, not a silent overwrite', async () => {
		// Ana and Ben both loaded version 1; Ana claims first. Ben's stale claim is told the
		// task left his queues (it is Ana's now; the same answer as for a missing task).
		expect(await claimTask(db, ana, service, 1)).toBe(2);
		await expect(claimTask(db, ben, service, 1)).rejects.toThrow(notInQueues(service));
		await expect(saveResponse(db, ana, service, 1, 'Sorry')).rejects.toBeInstanceOf(
			TaskConflictError
		);
		expect(await saveResponse(db, ana, service, 2, 'Sorry for the wait.')).toBe(3);
		const task = await getTask(db, ana, service);
		expect(task).toMatchObject({
			assigneeName: 'Ana',
			response: 'Sorry for the wait.',
			version: 3,
			status: 'in_progress'
		});
	});

	it('two writers at the same time: exactly one wins', async () => {
		// Two managers (who work every task) save the same version at once.
		const max = { ...mia, id: 'u-max', name: 'Max', email: 'max@x' };
		const results = await Promise.allSettled([
			saveResponse(db, mia, service, 1, 'A'),
			saveResponse(db, max, service, 1, 'B')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(TaskConflictError);
	});

	it('staff see their own and unassigned tasks of their queues; pharmacists see safety tasks', async () => {
		expect((await listTasks(db, ana)).rows.map((r) => r.id)).toEqual([service]);
		expect((await listTasks(db, phil)).rows.map((r) => r.id)).toEqual([safety, service]);
		await claimTask(db, ana, service, 1);
		expect((await listTasks(db, ben)).rows).toEqual([]);
		await expect(addNote(db, ben, service, 'hi')).rejects.toBeInstanceOf(TaskNotFoundError);
		await expect(
			assignTask(db, ana, safety, 1, { id: ana.id, name: ana.name })
		).rejects.toBeInstanceOf(TaskNotFoundError);
		await expect(
			assignTask(db, ana, service, 2, { id: ben.id, name: ben.name })
		).rejects.toBeInstanceOf(TaskForbiddenError);
		// A manager may hand a task to someone else; staff may not.
		expect(await assignTask(db, mia, safety, 1, { id: phil.id, name: phil.name })).toBe(2);
		expect((await listTasks(db, phil, { assignee: 'me' })).rows.map((r) => r.id)).toEqual([safety]);
	});

	it('a task outside your queues answers like a missing one, whatever the version', async () => {
		// Ana (plain staff) cannot see the pharmacists' safety task. Right version, wrong version,
		// or a task number that does not exist: the same "not found", so nothing tells them apart.
		const answers = await Promise.allSettled([
			claimTask(db, ana, safety, 1),
			claimTask(db, ana, safety, 7),
			claimTask(db, ana, 999_999, 1)
		]);
		const messages = answers.map((a) =>
			a.status === 'rejected' ? [a.reason.constructor.name, String(a.reason.message)] : ['ok']
		);
		expect(messages).toEqual([
			['TaskNotFoundError', notInQueues(safety)],
			['TaskNotFoundError', notInQueues(safety)],
			['TaskNotFoundError', notInQueues(999_999)]
		]);
	});

	it('resolution needs a root cause; could-not-reach needs 3 attempts', async () => {
		await claimTask(db, ana, service, 1);
		await expect(resolveTask(db, ana, service, 2, { resolution: 'resolved' })).rejects.toThrow(
			'root cause'
		);
		await logAttempt(db, ana, service, { channel: 'voice', outcome: 'no_answer' });
		await logAttempt(db, ana, service, { channel: 'sms', outcome: 'no_answer' });
		await expect(
			resolveTask(db, ana, service, 2, { resolution: 'could_not_reach', rootCause: 'other' })
		).rejects.toThrow('needs 3 logged contact attempts; this follow-up has 2');
		await logAttempt(db, ana, service, { channel: 'voice', outcome: 'voicemail' });
		expect(
			await resolveTask(db, ana, service, 2, { resolution: 'could_not_reach', rootCause: 'other' })
		).toBe(3);
		await expect(
			logAttempt(db, ana, service, { channel: 'voice', outcome: 'reached' })
		).rejects.toBeInstanceOf(TaskRuleError);
		expect(await reopenTask(db, ana, service, 3)).toBe(4);
		const task = await getTask(db, ana, service);
		expect(task).toMatchObject({ status: 'in_progress', reopenCount: 1, resolution: null });
		expect(task?.attemptLog.map((a) => a.outcome)).toEqual(['no_answer', 'no_answer', 'voicemail']);
	});

	it('a medication error cannot close without a reviewed incident report', async () => {
		await claimTask(db, phil, safety, 1);
		const close = { resolution: 'resolved', rootCause: 'dispensing_error' };
		await expect(resolveTask(db, phil, safety, 2, close)).rejects.toThrow(
			'incident report reviewed by a pharmacist or manager'
		);
		await expect(
			saveIncident(db, phil, safety, 2, { ...REPORT, harmCategory: 'J' })
		).rejects.toThrow('harm category (A–I)');
		expect(await saveIncident(db, phil, safety, 2, REPORT)).toBe(3);
		await expect(resolveTask(db, phil, safety, 3, close)).rejects.toThrow('incident report');
		// Phil wrote it, so Phil cannot sign it off himself (two people per medication error).
		await expect(reviewIncident(db, phil, safety, 3)).rejects.toThrow(
			'another pharmacist or a manager'
		);
		// Ana (plain staff) cannot see it, let alone sign it off; a manager can.
		await expect(reviewIncident(db, ana, safety, 3)).rejects.toBeInstanceOf(TaskNotFoundError);
		expect(await reviewIncident(db, mia, safety, 3)).toBe(4);
		// Reviewed, but nobody has contacted the patient yet: not closable either (see ownership.test).
		await logAttempt(db, phil, safety, { channel: 'voice', outcome: 'reached' });
		expect(await resolveTask(db, phil, safety, 4, close)).toBe(5);
		const task = await getTask(db, mia, safety);
		expect(task?.incident).toMatchObject({
			medication: 'metformin',
			event_date: '2026-03-09',
			harm_category: 'C',
			reviewed_by_name: 'Mia'
		});
		const audits = await db.all<{ action: string }>(
			'SELECT action FROM audit_log WHERE subject_id = $id ORDER BY id',
			{ id: String(safety) }
		);
		expect(audits.map((a) => a.action)).toEqual([
			'follow_up.claim',
			'follow_up.incident_save',
			'follow_up.incident_review',
			'follow_up.attempt',
			'follow_up.resolve'
		]);
	});
});
