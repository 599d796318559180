// Staff reach a patient only through a task they hold: the probe found any staff account (even one
// linked to no agent) exporting the whole queue with patient ids and opening, then closing, any
// unassigned task's patient context without claiming it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import type { Actor } from './access.ts';
import {
	addNote,
	claimTask,
	logAttempt,
	resolveTask,
	saveResponse,
	TaskForbiddenError
} from './actions.ts';
import { addInteractions, addSurveys, addTurns } from './fixtures.test-helpers.ts';
import { getTask, listTasks } from './queue.ts';
import { runFollowUpRules } from './rules.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const staff = (id: string, pharmacist = false): Actor => ({
	id,
	name: id,
	email: `${id}@x`,
	role: 'staff',
	seesAll: false,
	pharmacist
});
const ana = staff('ana');
const phil = staff('phil', true);
const mia: Actor = { ...staff('mia'), role: 'manager', seesAll: true };

let db: Db;
let service: number;
let safety: number;
beforeEach(async () => {
	db = await createTestDb();
	await addInteractions(db, [
		{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint' },
		{ id: 'I2', at: '2026-03-09 10:00:00', patient: 'P2', reason: 'medication_error' }
	]);
	// P1's own words make the task "service / wait" and its summary quote them.
	await addTurns(db, [
		{ interaction: 'I1', turn: 0, speaker: 'patient', text: 'I waited on hold for an hour' }
	]);
	await addSurveys(db, [
		{ id: 'S1', at: '2026-03-09 12:00:00', patient: 'P1', csat: 1, comment: 'I waited an hour' }
	]);
	await runFollowUpRules(db, { now: NOW });
	[safety, service] = (await listTasks(db, mia)).rows.map((r) => r.id);
});
afterEach(() => db.close());

describe('staff and unassigned tasks', () => {
	it('list an unassigned task without its patient or the patient’s words', async () => {
		const [row] = (await listTasks(db, ana)).rows;
		expect(row).toMatchObject({
			id: service,
			locked: true,
			patientId: null,
			summary: 'Service / wait: take it to see the patient and the details.'
		});
		// The manager's view of the same row quotes the patient.
		expect((await listTasks(db, mia)).rows[1].summary).toContain('I waited on hold');
		const detail = await getTask(db, ana, service);
		expect(detail).toMatchObject({ locked: true, patientId: null, patient: null, sources: [] });
	});

	it('refuse every move but claiming until the task is theirs', async () => {
		const claimFirst = 'Take this follow-up first';
		await expect(addNote(db, ana, service, 'hi')).rejects.toThrow(claimFirst);
		await expect(
			logAttempt(db, ana, service, { channel: 'voice', outcome: 'reached' })
		).rejects.toBeInstanceOf(TaskForbiddenError);
		await expect(saveResponse(db, ana, service, 1, 'Sorry')).rejects.toThrow(claimFirst);
		await expect(
			resolveTask(db, ana, service, 1, { resolution: 'resolved', rootCause: 'wait_time' })
		).rejects.toThrow(claimFirst);
		expect(await claimTask(db, ana, service, 1)).toBe(2);
		const detail = await getTask(db, ana, service);
		expect(detail).toMatchObject({ locked: false, patientId: 'P1' });
		expect(detail?.patient?.surveys.map((s) => s.comment)).toEqual(['I waited an hour']);
		await addNote(db, ana, service, 'Calling back at 3');
	});

	it('export only the tasks they hold', async () => {
		expect((await listTasks(db, ana, { workableOnly: true })).rows).toEqual([]);
		await claimTask(db, ana, service, 1);
		const rows = (await listTasks(db, ana, { workableOnly: true })).rows;
		expect(rows.map((r) => [r.id, r.patientId])).toEqual([[service, 'P1']]);
		// A manager's export is the whole queue, as before.
		expect((await listTasks(db, mia, { workableOnly: true })).rows).toHaveLength(2);
	});
});

describe('pharmacists', () => {
	it('work the unassigned pharmacist queue as before, but not the staff queue unclaimed', async () => {
		const rows = (await listTasks(db, phil)).rows;
		expect(rows.map((r) => [r.id, r.locked, r.patientId])).toEqual([
			[safety, false, 'P2'],
			[service, true, null]
		]);
		expect((await getTask(db, phil, safety))?.patient).not.toBeNull();
		await addNote(db, phil, safety, 'Checking the dispensing log');
		await expect(addNote(db, phil, service, 'hi')).rejects.toBeInstanceOf(TaskForbiddenError);
	});
});
