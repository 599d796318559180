import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addInteractions, addSurveys, addTurns } from './fixtures.test-helpers.ts';
import { runFollowUpRules } from './rules.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

/** Scores every given text for an active model: [text, label, p_negative, polarity]. */
async function score(db: Db, rows: [string, string, number, number][]) {
	await db.run("INSERT INTO sentiment_model (model_version, model_path) VALUES ('m1', '/x')");
	for (const [text, label, pNeg, polarity] of rows) {
		await db.run(
			"INSERT INTO sentiment_scores (text_hash, model_version, label, p_negative, p_neutral, p_positive, polarity) VALUES (md5($t), 'm1', $l, $n, 0, 1 - $n, $p)",
			{ t: text, l: label, n: pNeg, p: polarity }
		);
	}
}

describe('sentiment triggers', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		await addInteractions(db, [
			{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'refill' },
			{ id: 'I2', at: '2026-03-09 10:00:00', patient: 'P2', reason: 'delivery' },
			{ id: 'I3', at: '2026-03-09 11:00:00', patient: 'P3', reason: 'general' }
		]);
		// I2 ends badly: last patient turn −0.9 (weight 1), the one before +0.2 (weight 0.5^(1/2)):
		// end_score = (−0.9 + 0.2 × 0.7071) / 1.7071 = −0.4444… > −0.5: not strongly negative.
		// I3: a single patient turn at −0.8 → end_score −0.8 ≤ −0.5: fires.
		await addTurns(db, [
			{ interaction: 'I2', turn: 0, speaker: 'patient', text: 'fine so far' },
			{ interaction: 'I2', turn: 1, speaker: 'patient', text: 'the parcel is lost' },
			{ interaction: 'I3', turn: 0, speaker: 'patient', text: 'this is hopeless, nobody helps' }
		]);
		await addSurveys(db, [
			// CSAT 3 (no score trigger) but a comment rated negative at 0.9 ≥ 0.8: fires.
			{
				id: 'S1',
				at: '2026-03-09 12:00:00',
				interaction: 'I1',
				csat: 3,
				comment: 'my copay doubled'
			},
			// Negative at 0.6 < 0.8: does not.
			{ id: 'S2', at: '2026-03-09 12:00:00', patient: 'P4', csat: 3, comment: 'meh' },
			// CSAT 1 and a negative comment: one source naming both triggers.
			{ id: 'S3', at: '2026-03-09 13:00:00', patient: 'P5', csat: 1, comment: 'awful' }
		]);
		await score(db, [
			['fine so far', 'positive', 0, 0.2],
			['the parcel is lost', 'negative', 0.95, -0.9],
			['this is hopeless, nobody helps', 'negative', 0.9, -0.8],
			['my copay doubled', 'negative', 0.9, -0.85],
			['meh', 'negative', 0.6, -0.5],
			['awful', 'negative', 0.99, -0.95]
		]);
	});
	afterEach(() => db.close());

	it('opens follow-ups for negative comments and strongly negative call endings', async () => {
		// S1 (P1), I3's transcript (P3), S3 (P5) = 3 opened.
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 3,
			attached: 0,
			outreachOpened: 0
		});
		const rows = await db.all<{ patient_id: string; category: string; trigger: string }>(
			`SELECT f.patient_id, f.category, s.trigger FROM follow_ups f JOIN follow_up_sources s ON s.follow_up_id = f.id ORDER BY f.patient_id`
		);
		expect(rows).toEqual([
			{ patient_id: 'P1', category: 'billing_insurance', trigger: 'negative_comment' },
			{ patient_id: 'P3', category: 'service_wait', trigger: 'negative_ending' },
			{ patient_id: 'P5', category: 'other', trigger: 'low_score+negative_comment' }
		]);
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 0,
			outreachOpened: 0
		});
	});
});
