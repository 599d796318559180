import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { createEvaluation } from './evaluations.ts';
import { listReviewQueue } from './queue.ts';
import { getCurrentRubricVersion } from './rubrics.ts';
import { buildReviewQueue } from './sampling.ts';
import { updateSettings } from '../settings/index.ts';
import {
	addDailyInteractions,
	addSurvey,
	addTranscripts,
	addUser,
	tweakInteraction
} from './test-fixtures.ts';

// Queue week W = Monday 2026-03-09; the sample comes from [2026-03-02, 2026-03-09).
const W = '2026-03-09';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	// Pinned here so the expectations below do not move with the defaults.
	await updateSettings(db, { samplePerAgent: 5, targetedPerAgent: 5 }, 'test');
	// Two agents, 7 days × 2 handled calls (+1 abandoned each day) in the sampled week.
	await addDailyInteractions(db, { agent: 'A1', start: '2026-03-02', days: 7, perDay: 2 });
	await addDailyInteractions(db, { agent: 'A2', start: '2026-03-02', days: 7, perDay: 2 });
	// A1 has three targeted calls: a CSAT 1 survey, a complaint, a long call
	// (200 + 0 + 20 = 220 s normally; talk 700 → 720 s > 2 × 300 s voice AHT target).
	await addSurvey(db, 'A1-d0-0', 1);
	await addSurvey(db, 'A1-d4-1', 5);
	await tweakInteraction(db, 'A1-d1-0', { reason: 'complaint' });
	await tweakInteraction(db, 'A1-d2-0', { talk: 700 });
	await addTranscripts(db);
});
afterEach(async () => db.close());

describe('buildReviewQueue', () => {
	it('takes N random per agent plus the targeted picks, never abandoned calls', async () => {
		const build = await buildReviewQueue(db, { week: W, seed: 's1' });
		// A1: 3 targeted + 5 random = 8; A2: 5 random → 13 in all, 3 targeted.
		expect(build).toEqual({ weekStart: '2026-03-09', picked: 13, random: 10, targeted: 3 });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		const targeted = items.filter((i) => !i.reasons.includes('random'));
		expect(Object.fromEntries(targeted.map((i) => [i.interactionId, i.reasons]))).toEqual({
			'A1-d0-0': ['csat'],
			'A1-d1-0': ['complaint'],
			'A1-d2-0': ['aht']
		});
		// k = 2 is the abandoned call of each day in the fixture.
		expect(items.some((i) => i.interactionId.endsWith('-2'))).toBe(false);
		expect(new Set(items.map((i) => i.interactionId)).size).toBe(13);
	});

	it('spreads random picks over distinct days; every item is due at the end of its QA week', async () => {
		// Built on Wednesday 11 March, inside the QA week of 9 March.
		await buildReviewQueue(db, { week: W, seed: 's1', now: new Date('2026-03-11T10:00:00Z') });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		for (const agent of ['A1', 'A2']) {
			const days = items
				.filter((i) => i.agentId === agent && i.reasons[0] === 'random')
				.map((i) => i.startedAt!.toISOString().slice(0, 10));
			// 5 picks round-robin over 7 days with calls: 5 different days.
			expect(new Set(days).size).toBe(5);
		}
		// The week of Monday 9 March ends on Sunday 15 March: nothing is due before it.
		expect(new Set(items.map((i) => i.dueDate))).toEqual(new Set(['2026-03-15']));
	});

	it('is not overdue on arrival: a week sampled late is due at the end of the week it arrives in', async () => {
		// The week of 9 March sampled on Tuesday 24 March (the week of 23 March ends Sunday 29 March).
		await buildReviewQueue(db, { week: W, seed: 's1', now: new Date('2026-03-24T10:00:00Z') });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		expect(items.length).toBe(13);
		expect(new Set(items.map((i) => i.dueDate))).toEqual(new Set(['2026-03-29']));
	});

	it('samples only interactions with something to judge, and lists how much there is', async () => {
		// A4's calls have neither a transcript nor message text: nothing of theirs is sampled.
		await addDailyInteractions(db, { agent: 'A4', start: '2026-03-02', days: 7, perDay: 2 });
		// One of A4's calls gets a three-message thread: it is the only one that can be picked.
		await db.run(`INSERT INTO transcripts (interaction_id, turn, speaker, text, import_id) VALUES
			('A4-d3-1', 0, 'patient', 'Where is my order?', 1),
			('A4-d3-1', 1, 'agent', 'It ships today.', 1),
			('A4-d3-1', 2, 'patient', 'Thanks.', 1)`);
		await buildReviewQueue(db, { week: W, seed: 's1' });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		expect(
			items.filter((i) => i.agentId === 'A4').map((i) => [i.interactionId, i.contentTurns])
		).toEqual([['A4-d3-1', 3]]);
		// Every other pick has the fixture's two-turn transcript.
		expect(items.every((i) => i.contentTurns >= 2)).toBe(true);
		// The filter: with content = all of them, without = none.
		const withContent = await listReviewQueue(db, { weekStart: '2026-03-09', content: 'yes' });
		const without = await listReviewQueue(db, { weekStart: '2026-03-09', content: 'no' });
		expect([withContent.length, without.length]).toEqual([items.length, 0]);
	});

	it('filters old queue items by whether they have content', async () => {
		await buildReviewQueue(db, { week: W, seed: 's1' });
		// A transcript removed after sampling (a re-import, say): the item shows as without content.
		await db.run(`DELETE FROM transcripts WHERE interaction_id = 'A1-d0-0'`);
		const without = await listReviewQueue(db, { weekStart: '2026-03-09', content: 'no' });
		expect(without.map((i) => [i.interactionId, i.contentTurns])).toEqual([['A1-d0-0', 0]]);
	});

	it('is deterministic for a seed', async () => {
		await buildReviewQueue(db, { week: W, seed: 's1' });
		const first = (await listReviewQueue(db, { weekStart: '2026-03-09' }))
			.map((i) => i.interactionId)
			.sort();
		const other = await createTestDb();
		await updateSettings(other, { samplePerAgent: 5, targetedPerAgent: 5 }, 'test');
		await addDailyInteractions(other, { agent: 'A1', start: '2026-03-02', days: 7, perDay: 2 });
		await addDailyInteractions(other, { agent: 'A2', start: '2026-03-02', days: 7, perDay: 2 });
		await addSurvey(other, 'A1-d0-0', 1);
		await tweakInteraction(other, 'A1-d1-0', { reason: 'complaint' });
		await tweakInteraction(other, 'A1-d2-0', { talk: 700 });
		await addTranscripts(other);
		await buildReviewQueue(other, { week: W, seed: 's1' });
		const again = (await listReviewQueue(other, { weekStart: '2026-03-09' }))
			.map((i) => i.interactionId)
			.sort();
		expect(again).toEqual(first);
		await other.close();
	});

	it('never queues an interaction twice, nor one already evaluated', async () => {
		const rubric = await getCurrentRubricVersion(db);
		const yes = Object.fromEntries(rubric.items.map((i) => [i.key, i.scale === 'yes_no' ? 1 : 5]));
		await createEvaluation(
			db,
			{ interactionId: 'A2-d3-0', versionId: rubric.versionId, answers: yes },
			{ id: 'u', name: 'U' }
		);
		await buildReviewQueue(db, { week: W, seed: 's1' });
		// Same week again: every agent already has items, nothing is added.
		expect((await buildReviewQueue(db, { week: W, seed: 's2' })).picked).toBe(0);
		// A new agent's calls arrive later: only that agent is sampled, with no repeats.
		await addDailyInteractions(db, { agent: 'A3', start: '2026-03-02', days: 7, perDay: 2 });
		await addTranscripts(db);
		expect((await buildReviewQueue(db, { week: W, seed: 's2' })).picked).toBe(5);
		// The next week samples the next week's calls only.
		await addDailyInteractions(db, {
			agent: 'A1',
			start: '2026-03-09',
			days: 7,
			perDay: 1,
			prefix: 'w2-'
		});
		await addTranscripts(db);
		await buildReviewQueue(db, { week: '2026-03-16', seed: 's1' });
		const all = [
			...(await listReviewQueue(db, { weekStart: '2026-03-09' })),
			...(await listReviewQueue(db, { weekStart: '2026-03-16' }))
		];
		const ids = all.map((i) => i.interactionId);
		expect(new Set(ids).size).toBe(ids.length);
		// 13 + 5 in week one; A1 had 7 calls in the second week → 5 random picks.
		expect(ids.length).toBe(23);
		expect(ids).not.toContain('A2-d3-0');
	});

	it('assigns agents to QA leads in turn and each lead sees their own week', async () => {
		await addUser(db, { id: 'lead-1', role: 'qa_lead' });
		await addUser(db, { id: 'lead-2', role: 'qa_lead' });
		await buildReviewQueue(db, { week: W, seed: 's1' });
		// Agents sorted A1, A2 → lead-1, lead-2.
		const mine = await listReviewQueue(db, { weekStart: '2026-03-09', ownerId: 'lead-2' });
		expect(new Set(mine.map((i) => i.agentId))).toEqual(new Set(['A2']));
		expect(mine.length).toBe(5);
	});

	it('picks negative end-of-call sentiment when the sentiment view exists', async () => {
		await db.run(`CREATE OR REPLACE VIEW interaction_sentiment AS
			SELECT 'A2-d5-1' AS interaction_id, 'negative' AS end_label
			UNION ALL SELECT 'A2-d6-1', 'positive'`);
		await buildReviewQueue(db, { week: W, seed: 's1' });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		expect(
			items.filter((i) => i.reasons.includes('sentiment')).map((i) => i.interactionId)
		).toEqual(['A2-d5-1']);
	});

	it('targets AutoQA failures of the rules marked for sampling only', async () => {
		// Seeded rules: identity and prohibited are marked for sampling, greeting is not.
		await db.run(`INSERT INTO autoqa_results (interaction_id, version_id, input_hash, rule_key,
			outcome, detail, evidence) VALUES
			('A2-d3-0', 1, 'h', 'identity', 'fail', 'x', '[]'),
			('A2-d4-0', 1, 'h', 'greeting', 'fail', 'x', '[]'),
			('A2-d5-0', 1, 'h', 'prohibited', 'pass', 'x', '[]')`);
		await buildReviewQueue(db, { week: W, seed: 's1' });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		expect(items.filter((i) => i.reasons.includes('autoqa')).map((i) => i.interactionId)).toEqual([
			'A2-d3-0'
		]);
	});

	it('falls back to the stored QA AHT target (not its default) for a channel with no AHT target', async () => {
		// No AHT target for voice, nor one for all channels.
		await db.run(
			`DELETE FROM kpi_targets WHERE kpi = 'aht' AND (channel = 'voice' OR channel IS NULL)`
		);
		// A1-d2-0 lasts 700 + 0 + 20 = 720 s. With the default fallback 300 s: 720 > 2 × 300 = 600
		// would make it a long-call pick; the stored 900 s gives 2 × 900 = 1800 > 720, so it is not.
		await updateSettings(db, { ahtTargetSeconds: 900 }, 'test');
		await buildReviewQueue(db, { week: W, seed: 's1' });
		const items = await listReviewQueue(db, { weekStart: '2026-03-09' });
		expect(items.filter((i) => i.reasons.includes('aht'))).toEqual([]);
		// Stored 350 s: 720 > 2 × 350 = 700, a long call again (the next week's queue, fresh calls).
		await updateSettings(db, { ahtTargetSeconds: 350 }, 'test');
		await addDailyInteractions(db, {
			agent: 'A1',
			start: '2026-03-09',
			days: 1,
			perDay: 1,
			prefix: 'w2-'
		});
		await tweakInteraction(db, 'w2-A1-d0-0', { talk: 700 });
		await addTranscripts(db);
		await buildReviewQueue(db, { week: '2026-03-16', seed: 's1' });
		const next = await listReviewQueue(db, { weekStart: '2026-03-16' });
		expect(next.find((i) => i.interactionId === 'w2-A1-d0-0')?.reasons).toEqual(['aht']);
	});
});
