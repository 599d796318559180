// Who is speaking, which language, and a QA lead's word: what the scorer and the views do with
// system lines, agent turns, other languages and corrections.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { correctLabel, CorrectionError } from './corrections.ts';
import { scorePending } from './score.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

const SYSTEM_LINES = [
	'Call connected from the general queue after 16s.',
	'Patient placed on hold (10s).'
];

async function seedCall() {
	await db.run(`
		INSERT INTO transcripts (interaction_id, turn, speaker, offset_seconds, text, import_id) VALUES
			('C1', 0, 'system', 0, '${SYSTEM_LINES[0]}', 1),
			('C1', 1, 'agent', 2, 'Thank you for calling, how can I help you today?', 1),
			('C1', 2, 'patient', 6, 'My refill is late again and nobody called me back.', 1),
			('C1', 3, 'system', 30, '${SYSTEM_LINES[1]}', 1),
			('C1', 4, 'agent', 41, 'I am sorry about that, I have fixed it and it ships today.', 1),
			('C1', 5, 'patient', 50, 'Great, thank you so much, that was very helpful.', 1)`);
}

describe('speakers', () => {
	it('never scores a system line, so it carries no sentiment anywhere', async () => {
		await seedCall();
		const r = await scorePending(db);
		// Distinct texts: 2 agent + 2 patient turns = 4; the 2 system lines are not even read.
		expect(r).toMatchObject({ texts: 4, scored: 4 });
		const system = await db.all(
			`SELECT * FROM sentiment_scores WHERE text_hash IN (md5($a), md5($b))`,
			{ a: SYSTEM_LINES[0], b: SYSTEM_LINES[1] }
		);
		expect(system).toEqual([]);
		const turns = await db.all<{ turn: number; speaker: string }>(
			`SELECT turn, speaker FROM transcript_sentiment WHERE interaction_id = 'C1' ORDER BY turn`
		);
		expect(turns).toEqual([
			{ turn: 1, speaker: 'agent' },
			{ turn: 2, speaker: 'patient' },
			{ turn: 4, speaker: 'agent' },
			{ turn: 5, speaker: 'patient' }
		]);
	});

	it('a system line stays unscored even when the same words appear as a patient turn', async () => {
		await seedCall();
		await db.run(
			`INSERT INTO transcripts (interaction_id, turn, speaker, text, import_id) VALUES ('C2', 0, 'patient', $t, 1)`,
			{ t: SYSTEM_LINES[1] }
		);
		await scorePending(db);
		const rows = await db.all<{ interaction_id: string }>(
			`SELECT interaction_id FROM transcript_sentiment WHERE turn IN (0, 3) ORDER BY 1`
		);
		// Only the patient's C2 turn 0 shows a score; C1's system turns 0 and 3 never do.
		expect(rows).toEqual([{ interaction_id: 'C2' }]);
	});

	it('keeps the patient arc to patient turns and the agent turns as agent tone', async () => {
		await seedCall();
		await scorePending(db);
		const arc = await db.one<{ turns: number }>(
			`SELECT turns FROM interaction_sentiment WHERE interaction_id = 'C1'`
		);
		const tone = await db.one<{ agent_turns: number; agent_tone: number }>(
			`SELECT agent_turns, agent_tone FROM interaction_agent_tone WHERE interaction_id = 'C1'`
		);
		expect(arc?.turns).toBe(2);
		expect(tone?.agent_turns).toBe(2);
		const agentMean = await db.one<{ m: number }>(
			`SELECT avg(polarity) AS m FROM transcript_sentiment WHERE interaction_id = 'C1' AND speaker = 'agent'`
		);
		expect(tone?.agent_tone).toBeCloseTo(agentMean?.m as number, 10);
	});
});

describe('languages', () => {
	it('records a comment in a language the model does not handle as not scored', async () => {
		await db.run(`
			INSERT INTO surveys (survey_id, submitted_at, csat, comment, import_id) VALUES
				('F1', TIMESTAMP '2026-03-02 10:00:00', 2, 'Ma commande est encore en retard, je suis très déçue.', 1),
				('E1', TIMESTAMP '2026-03-02 11:00:00', 5, 'Great service, thank you!', 1),
				('S1', TIMESTAMP '2026-03-02 12:00:00', 5, 'Excelente servicio, muchas gracias.', 1)`);
		const first = await scorePending(db);
		expect(first).toMatchObject({ texts: 3, scored: 3 });
		const unscored = await db.all(`SELECT language FROM sentiment_unscored`);
		expect(unscored).toEqual([{ language: 'fr' }]);
		const shown = await db.all<{ survey_id: string; language: string }>(
			`SELECT survey_id, language FROM survey_sentiment ORDER BY survey_id`
		);
		expect(shown).toEqual([
			{ survey_id: 'E1', language: 'en' },
			{ survey_id: 'S1', language: 'es' }
		]);
		// The French comment is known to this model version: not re-examined on the next run.
		expect(await scorePending(db)).toMatchObject({ texts: 3, scored: 0, cached: 3 });
	});
});

describe('corrections', () => {
	it('shows the corrected label with certainty, keeps the model’s, and audits the change', async () => {
		await db.run(`INSERT INTO sentiment_model (model_version, model_path) VALUES ('m@1', '/m')`);
		await db.run(`
			INSERT INTO surveys (survey_id, submitted_at, csat, comment, import_id) VALUES
				('S1', TIMESTAMP '2026-03-02 10:00:00', 3, 'It was fine I guess.', 1)`);
		await db.run(`
			INSERT INTO sentiment_scores (text_hash, model_version, label, p_negative, p_neutral, p_positive, polarity)
			VALUES (md5('It was fine I guess.'), 'm@1', 'positive', 0.1, 0.3, 0.6, 0.5)`);
		const r = await correctLabel(db, {
			source: { kind: 'survey', surveyId: 'S1' },
			label: 'neutral',
			actor: 'qa@example.org',
			ip: '127.0.0.1'
		});
		expect(r).toMatchObject({ label: 'neutral', previous: 'positive' });
		const row = await db.one(
			`SELECT label, model_label, corrected, p_negative, p_neutral, polarity FROM survey_sentiment WHERE survey_id = 'S1'`
		);
		expect(row).toEqual({
			label: 'neutral',
			model_label: 'positive',
			corrected: true,
			p_negative: 0,
			p_neutral: 1,
			polarity: 0
		});
		const logged = await db.one(
			`SELECT actor, action, subject_type, subject_id, detail FROM audit_log WHERE action = 'sentiment.correct'`
		);
		expect(logged).toMatchObject({
			actor: 'qa@example.org',
			subject_type: 'survey',
			subject_id: 'S1'
		});
		expect(JSON.parse(String(logged?.detail))).toEqual({
			label: 'neutral',
			previous: 'positive',
			model_label: 'positive'
		});
	});

	it('refuses to label a system line or an unknown label, in one sentence', async () => {
		await seedCall();
		await expect(
			correctLabel(db, {
				source: { kind: 'turn', interactionId: 'C1', turn: 0 },
				label: 'negative',
				actor: 'qa@example.org'
			})
		).rejects.toThrow(/system line, which carries no sentiment/);
		await expect(
			correctLabel(db, {
				source: { kind: 'turn', interactionId: 'C1', turn: 2 },
				label: 'furious',
				actor: 'qa@example.org'
			})
		).rejects.toThrow(CorrectionError);
	});
});
