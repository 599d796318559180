import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { loadClassifier, ModelNotFoundError } from './classifier.ts';
import { scorePending } from './score.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

// -- two surveys sharing a comment, one survey without one, and a 4-turn call
const SEED_SQL = `
INSERT INTO surveys (survey_id, submitted_at, csat, comment, import_id) VALUES
	('S1', TIMESTAMP '2026-03-02 10:00:00', 5, 'The pharmacist was very helpful, thank you!', 1),
	('S2', TIMESTAMP '2026-03-02 11:00:00', 5, 'The pharmacist was very helpful, thank you!', 1),
	('S3', TIMESTAMP '2026-03-02 12:00:00', 1, NULL, 1),
	('S4', TIMESTAMP '2026-03-02 13:00:00', 1, 'Terrible service, nobody called me back.', 1);
INSERT INTO transcripts (interaction_id, turn, speaker, offset_seconds, text, import_id) VALUES
	('I1', 0, 'agent', 0, 'Thank you for calling, how can I help?', 1),
	('I1', 1, 'patient', 5, 'My refill is late again and nobody answers.', 1),
	('I1', 2, 'agent', 20, 'Let me check that for you.', 1),
	('I1', 3, 'patient', 40, 'Great, thank you so much, that was very helpful!', 1)`;

async function seed() {
	for (const statement of SEED_SQL.split(';')) await db.run(statement);
}

describe('scorePending', () => {
	it('scores each distinct text once and skips known texts on the next run', async () => {
		await seed();
		const first = await scorePending(db);
		// Distinct non-empty texts: 2 survey comments (S1 = S2) + 4 turns = 6.
		expect(first).toMatchObject({ texts: 6, scored: 6, cached: 0 });
		const second = await scorePending(db);
		expect(second).toMatchObject({ texts: 6, scored: 0, cached: 6 });
		await db.run(
			`UPDATE surveys SET comment = 'Still waiting for my refill.' WHERE survey_id = 'S4'`
		);
		const third = await scorePending(db);
		// The edited comment is a new text; the old one is no longer in the data.
		expect(third).toMatchObject({ texts: 6, scored: 1, cached: 5 });
		const all = await scorePending(db, { all: true });
		expect(all).toMatchObject({ texts: 6, scored: 6, cached: 0 });
		const rows = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM sentiment_scores WHERE model_version = $v`,
			{ v: all.modelVersion }
		);
		// 7 texts ever scored (6 + the replaced comment), --all rescored without duplicating.
		expect(rows?.n).toBe(7);
	});

	it('labels clear cases through the views', async () => {
		await seed();
		await scorePending(db);
		const surveys = await db.all<{ survey_id: string; label: string }>(
			`SELECT survey_id, label FROM survey_sentiment ORDER BY survey_id`
		);
		expect(surveys).toEqual([
			{ survey_id: 'S1', label: 'positive' },
			{ survey_id: 'S2', label: 'positive' },
			{ survey_id: 'S4', label: 'negative' }
		]);
		const call = await db.one<{ end_label: string; turns: number; swing: number }>(
			`SELECT end_label, turns, swing FROM interaction_sentiment WHERE interaction_id = 'I1'`
		);
		// Two patient turns, complaint then thanks, weighted 0.5^(1/2) ≈ 0.707 and 1 at the end.
		// A model sure of both (polarities −p1, +p2, each in [0.8, 1]) gives an end score of
		// (p2 − 0.707·p1) / 1.707, between (0.8 − 0.707) / 1.707 ≈ 0.05 and (1 − 0.566) / 1.707
		// ≈ 0.25: neutral or (just) positive, never negative; the swing is upwards either way.
		expect(call?.turns).toBe(2);
		expect(['neutral', 'positive']).toContain(call?.end_label);
		expect(call?.swing).toBeGreaterThan(0);
	});
});

describe('interaction_sentiment', () => {
	it('end-weights patient turns by 0.5^(k/2) and measures the swing', async () => {
		await db.run(`INSERT INTO sentiment_model (model_version, model_path) VALUES ('m@1', '/m')`);
		await db.run(`
			INSERT INTO transcripts (interaction_id, turn, speaker, text, import_id) VALUES
				('I9', 1, 'patient', 'a', 1), ('I9', 2, 'agent', 'b', 1),
				('I9', 3, 'patient', 'c', 1), ('I9', 5, 'patient', 'd', 1)`);
		await db.run(`
			INSERT INTO sentiment_scores (text_hash, model_version, label, p_negative, p_neutral, p_positive, polarity) VALUES
				(md5('a'), 'm@1', 'negative', 0.9, 0, 0.1, -0.8),
				(md5('b'), 'm@1', 'positive', 0, 0, 1, 1),
				(md5('c'), 'm@1', 'neutral', 0, 1, 0, 0),
				(md5('d'), 'm@1', 'positive', 0.1, 0.2, 0.7, 0.6)`);
		const r = await db.one<Record<string, number | string>>(`SELECT * FROM interaction_sentiment`);
		// Patient polarities by turn: −0.8, 0, 0.6 (the agent's +1 is ignored).
		// overall = (−0.8 + 0 + 0.6) / 3 = −0.066667.
		// end weights 0.5, 0.70711, 1 (sum 2.20711): (−0.4 + 0 + 0.6) / 2.20711 = 0.090616 → neutral.
		// start weights 1, 0.70711, 0.5: (−0.8 + 0 + 0.3) / 2.20711 = −0.226541.
		// swing = 0.090616 + 0.226541 = 0.317157.
		expect(r?.turns).toBe(3);
		expect(r?.overall as number).toBeCloseTo(-0.066667, 5);
		expect(r?.end_score as number).toBeCloseTo(0.090616, 5);
		expect(r?.end_label).toBe('neutral');
		expect(r?.start_score as number).toBeCloseTo(-0.226541, 5);
		expect(r?.swing as number).toBeCloseTo(0.317157, 5);
	});
});

describe('loadClassifier', () => {
	it('says in one sentence that a model path does not exist', async () => {
		await expect(loadClassifier('/no/such/model')).rejects.toThrow(ModelNotFoundError);
		await expect(loadClassifier('/no/such/model')).rejects.toThrow(
			/^No sentiment model at \/no\/such\/model \(no config.json there\): train one with/
		);
	});

	it('points at `careloop sentiment pull` for a hub id that was never fetched', async () => {
		await expect(loadClassifier('Xenova/never-pulled')).rejects.toThrow(
			/careloop sentiment pull Xenova\/never-pulled/
		);
	});
});
