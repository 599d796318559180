// Staff context for a follow-up, from hand-made rows: the patient's own words (a survey comment,
// and the most negative patient turn of a call), the interactions that opened the task, the
// outreach script's text and the patient's card from the patients file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addInteractions, addSurveys, addTurns } from './fixtures.test-helpers.ts';
import { outreachScript, patientCard, patientWords, triggeringInteractions } from './context.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addInteractions(db, [
		{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint', channel: 'voice' },
		{ id: 'I2', at: '2026-03-09 11:00:00', patient: 'P1', reason: 'refill', channel: 'sms' }
	]);
	await addTurns(db, [
		{ interaction: 'I1', turn: 0, speaker: 'agent', text: 'Hello, how can I help?' },
		{ interaction: 'I1', turn: 1, speaker: 'patient', text: 'My order is late again.' },
		{ interaction: 'I1', turn: 2, speaker: 'patient', text: 'This is the worst service ever.' },
		{ interaction: 'I1', turn: 3, speaker: 'patient', text: 'Thanks anyway.' }
	]);
	await addSurveys(db, [
		{
			id: 'S1',
			at: '2026-03-09 12:00:00',
			interaction: 'I2',
			csat: 1,
			comment: 'Nobody called me back.'
		}
	]);
	// Task 7 was opened by the call I1 and joined by the survey S1 (about the SMS contact I2).
	await db.run(`INSERT INTO follow_up_sources (follow_up_id, source_kind, source_id, trigger, detail,
		patient_id, event_at, detected_at, attached) VALUES
		(7, 'interaction', 'I1', 'complaint', 'voice contact with reason complaint', 'P1', '2026-03-09 09:00', now(), false),
		(7, 'survey', 'S1', 'low_score', 'survey with CSAT 1', 'P1', '2026-03-09 12:00', now(), true)`);
});
afterEach(() => db.close());

describe('patientWords', () => {
	it("quotes the survey comment, and the call's first patient turn when nothing is scored", async () => {
		const words = await patientWords(db, 7);
		// No sentiment scores: every turn counts as neutral (0), so the first patient turn is taken.
		expect(words.map((w) => [w.kind, w.text, w.where, w.interactionId])).toEqual([
			['turn', 'My order is late again.', 'patient turn 2', 'I1'],
			['survey', 'Nobody called me back.', 'survey (CSAT 1)', 'I2']
		]);
	});

	it('takes the most negative patient turn once turns are scored', async () => {
		await db.run(`INSERT INTO sentiment_model (model_version, model_path) VALUES ('m1', 'x')`);
		await db.run(`INSERT INTO sentiment_scores (text_hash, model_version, label, polarity, p_negative, p_neutral, p_positive)
			SELECT md5(text), 'm1', 'negative', CASE turn WHEN 2 THEN -0.9 ELSE -0.2 END, 0.5, 0.3, 0.2
			FROM transcripts WHERE speaker = 'patient'`);
		const [first] = await patientWords(db, 7);
		expect(first.text).toBe('This is the worst service ever.');
	});
});

describe('triggeringInteractions', () => {
	it("lists the call that opened the task and the survey's contact", async () => {
		expect((await triggeringInteractions(db, 7)).map((t) => [t.interactionId, t.channel])).toEqual([
			['I1', 'voice'],
			['I2', 'sms']
		]);
	});
});

describe('outreachScript and patientCard', () => {
	it("reads the latest script text, and the patient's card when a patients file names them", async () => {
		expect((await outreachScript(db, 'refill_reminder'))?.title).toBe('Refill reminder');
		expect(await outreachScript(db, null)).toBeNull();
		expect(await patientCard(db, 'P1')).toBeNull();
		await db.run(
			`INSERT INTO patients VALUES ('P1', 'Ana Diaz', '(212) 555-0101', DATE '1950-02-03', 1)`
		);
		expect(await patientCard(db, 'P1')).toEqual({
			name: 'Ana Diaz',
			phone: '(212) 555-0101',
			dateOfBirth: '1950-02-03'
		});
	});
});
