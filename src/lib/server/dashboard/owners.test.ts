// One answer per question: the scorecards show the QA module's QA score, the sentiment module's
// negative-ending share and the one "usual team", computed by hand here from a small March.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { listAgentQaScores } from '../qa/queries.ts';
import { agentNegativeShares } from '../sentiment/reads.ts';
import { agentTeams } from '../semantic/teams.ts';
import { listAgentScorecards } from './agents.ts';
import { parseFilter } from './filters.ts';

// Agent A: calls c1–c4 handled, c5 abandoned but still carrying A's id (a transfer that dropped).
// Teams: c1, c2 in "north", c3, c4 in "south", c5 in "south" → south 3, north 2 → south.
// Agent B: b1 "west", b2 "east": a tie, broken by name → east.
const SEED = `
INSERT INTO interactions VALUES
	('c1', '2026-03-02 10:00:00', 'voice', 'inbound', 'p1', 'A', 'north', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1),
	('c2', '2026-03-03 10:00:00', 'voice', 'inbound', 'p2', 'A', 'north', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1),
	('c3', '2026-03-04 10:00:00', 'voice', 'inbound', 'p3', 'A', 'south', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1),
	('c4', '2026-03-05 10:00:00', 'voice', 'inbound', 'p4', 'A', 'south', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1),
	('c5', '2026-03-06 10:00:00', 'voice', 'inbound', 'p5', 'A', 'south', 'refill', 5, NULL, NULL, NULL, 'abandoned', NULL, NULL, 1),
	('b1', '2026-03-02 11:00:00', 'voice', 'inbound', 'p6', 'B', 'west', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1),
	('b2', '2026-03-03 11:00:00', 'voice', 'inbound', 'p7', 'B', 'east', 'refill', 5, 100, 0, 10, 'resolved', NULL, NULL, 1);
INSERT INTO sentiment_model VALUES ('m1', 'test', TIMESTAMP '2026-01-01 00:00:00');
INSERT INTO transcripts VALUES
	('c1', 0, 'patient', 0, 'this is awful', 1),
	('c2', 0, 'patient', 0, 'thanks a lot', 1),
	('c3', 0, 'patient', 0, 'fine then', 1),
	('c5', 0, 'patient', 0, 'this is awful', 1);
INSERT INTO sentiment_scores (text_hash, model_version, label, p_negative, p_neutral, p_positive, polarity) VALUES
	(md5('this is awful'), 'm1', 'negative', 0.9, 0.05, 0.05, -0.85),
	(md5('thanks a lot'), 'm1', 'positive', 0.05, 0.05, 0.9, 0.85),
	(md5('fine then'), 'm1', 'neutral', 0.1, 0.8, 0.1, 0.0);
INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id, evaluator_name,
	status, computed_score, score, critical_failed, comment, created_at, updated_at) VALUES
	(1, 'c1', 'A', 1, 'q', 'Q', 'released', 80, 80, false, NULL, now(), now()),
	(2, 'c2', 'A', 1, 'q', 'Q', 'released', 60, 60, false, NULL, now(), now()),
	(3, 'c3', 'A', 1, 'q', 'Q', 'submitted', 90, NULL, false, NULL, now(), now());
`;

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	for (const stmt of SEED.split(';\n')) if (stmt.trim()) await db.run(stmt);
});
afterAll(() => db.close());

const march = () =>
	parseFilter(new URL('http://x/agents?from=2026-03-01&to=2026-03-31'), '2026-03-31');
const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe('one answer per question', () => {
	it("an agent's QA score is the mean of scored evaluations, and n counts only those", async () => {
		// Scores 80 and 60 → 70 over n = 2; evaluation 3 has no score and counts in neither (the
		// dashboard used to show (80 + 60 + 90) / 3 = 76.7 over n = 3).
		const [qa] = await listAgentQaScores(db, period);
		expect([qa.agentId, qa.score, qa.n]).toEqual(['A', 70, 2]);
		const a = (await listAgentScorecards(db, march())).find((r) => r.agentId === 'A');
		// 2 evaluations are below the QA minimum of 3: shown as too few.
		expect(a?.qa).toEqual({ score: 70, n: 2, tooFew: true });
	});

	it("the share of an agent's calls ending negative counts handled calls only", async () => {
		// Handled, scored calls of A: c1 (−0.85, negative), c2 (+0.85), c3 (0.0, neutral) → 1 of 3;
		// the abandoned c5 ends negative too but never reached A (the dashboard used to say 2 of 4).
		const [share] = await agentNegativeShares(db, period);
		expect(share).toEqual({ agentId: 'A', n: 3, k: 1, ids: ['c1'] });
		const a = (await listAgentScorecards(db, march())).find((r) => r.agentId === 'A');
		expect(a?.negative?.n).toBe(3);
		expect(a?.negative?.share).toBeCloseTo(100 / 3, 9);
	});

	it("an agent's team is the team of most of their calls, ties to the first name", async () => {
		expect(await agentTeams(db, period)).toEqual(
			new Map([
				['A', 'south'],
				['B', 'east']
			])
		);
		const rows = await listAgentScorecards(db, march());
		expect(rows.map((r) => [r.agentId, r.team]).sort()).toEqual([
			['A', 'south'],
			['B', 'east']
		]);
	});
});
