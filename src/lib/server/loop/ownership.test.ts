// Ownership before action, in the loop's own rules: a medication-error follow-up closes only
// after a logged contact attempt or with the documented reason nobody was contacted; every free
// text has a limit, refused with a sentence and never cut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import type { Actor } from './access.ts';
import { addNote, claimTask, logAttempt, resolveTask, saveResponse } from './actions.ts';
import { addInteractions } from './fixtures.test-helpers.ts';
import { reviewIncident, saveIncident } from './incident.ts';
import { getTask, listTasks } from './queue.ts';
import { runFollowUpRules } from './rules.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
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
const close = { resolution: 'resolved', rootCause: 'dispensing_error' };

let db: Db;
let safety: number;
let service: number;
beforeEach(async () => {
	db = await createTestDb();
	await addInteractions(db, [
		{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint' },
		{ id: 'I2', at: '2026-03-09 10:00:00', patient: 'P2', reason: 'medication_error' }
	]);
	await runFollowUpRules(db, { now: NOW });
	[safety, service] = (await listTasks(db, mia)).rows.map((r) => r.id);
	// Claimed (v2), report filed (v3) and signed off by a second person (v4): only contact is missing.
	await claimTask(db, phil, safety, 1);
	await saveIncident(db, phil, safety, 2, REPORT);
	await reviewIncident(db, mia, safety, 3);
});
afterEach(() => db.close());

describe('a medication-error follow-up', () => {
	it('does not close with a reviewed report alone: it needs a contact attempt or a reason', async () => {
		await expect(resolveTask(db, phil, safety, 4, close)).rejects.toThrow(
			'A medication-error follow-up closes only after a logged contact attempt, or with the reason nobody was contacted'
		);
		expect((await getTask(db, mia, safety))?.status).toBe('in_progress');
	});

	it('closes after a logged contact attempt', async () => {
		await logAttempt(db, phil, safety, { channel: 'voice', outcome: 'voicemail' });
		expect(await resolveTask(db, phil, safety, 4, close)).toBe(5);
	});

	it('closes with a documented reason, which stays on file', async () => {
		const why = 'The prescriber called the patient in person the same day.';
		expect(await resolveTask(db, phil, safety, 4, { ...close, noContactReason: why })).toBe(5);
		const kept = await db.all<{ reason: string; author_name: string }>(
			'SELECT reason, author_name FROM follow_up_no_contact WHERE follow_up_id = $id',
			{ id: safety }
		);
		expect(kept).toEqual([{ reason: why, author_name: 'Phil' }]);
	});

	it('a blank reason is no reason', async () => {
		await expect(
			resolveTask(db, phil, safety, 4, { ...close, noContactReason: '   ' })
		).rejects.toThrow('or with the reason nobody was contacted');
	});
});

describe('free text has a limit, refused with a sentence, never cut', () => {
	beforeEach(async () => {
		await claimTask(db, mia, service, 1);
	});

	it('a 20,000-character note is refused; a 5,000-character one is stored whole', async () => {
		// 20,000 − 5,000 = 15,000 over.
		await expect(addNote(db, mia, service, 'n'.repeat(20_000))).rejects.toThrow(
			'The note is 20,000 characters long; the limit is 5,000. Shorten it by 15,000 and save again.'
		);
		await addNote(db, mia, service, 'n'.repeat(5000));
		const notes = (await getTask(db, mia, service))?.notes ?? [];
		expect(notes.map((n) => n.body.length)).toEqual([5000]);
	});

	it('the response, an attempt note, a reason and the incident fields have theirs', async () => {
		await expect(saveResponse(db, mia, service, 2, 'r'.repeat(5001))).rejects.toThrow(
			'The response is 5,001 characters long; the limit is 5,000'
		);
		await expect(
			logAttempt(db, mia, service, { channel: 'voice', outcome: 'reached', note: 'a'.repeat(501) })
		).rejects.toThrow('The attempt note is 501 characters long; the limit is 500');
		await expect(
			resolveTask(db, phil, safety, 4, { ...close, noContactReason: 'w'.repeat(1001) })
		).rejects.toThrow('The reason is 1,001 characters long; the limit is 1,000');
		await expect(
			saveIncident(db, phil, safety, 4, { ...REPORT, description: 'd'.repeat(5001) })
		).rejects.toThrow('The description is 5,001 characters long; the limit is 5,000');
		await expect(
			saveIncident(db, phil, safety, 4, { ...REPORT, medication: 'm'.repeat(201) })
		).rejects.toThrow('That incident field is 201 characters long; the limit is 200');
	});
});
