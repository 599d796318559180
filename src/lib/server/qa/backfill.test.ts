import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { backfillCoaching } from './backfill.ts';
import { listCoachingTasks } from './tasks.ts';
import { addDailyInteractions, addSurveysFor } from './test-fixtures.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	// 100 days × 2 handled calls (9:00, 10:00) + 1 abandoned (11:00) from 2026-01-01; the last
	// interaction starts 2026-04-10 11:00. Every survey (call + 1 h) has CSAT 2.
	await addDailyInteractions(db, { agent: 'LOW', start: '2026-01-01', days: 100, perDay: 2 });
	await addSurveysFor(db, 'LOW', 0);
});
afterEach(async () => db.close());

describe('backfillCoaching', () => {
	it('replays the rules 75 days back as done tasks with a measured effect, once', async () => {
		// t0 = 2026-04-10 11:00 − 75 d = 2026-01-25 11:00; window [2025-12-26 11:00, t0) holds the
		// surveys of 01-01 … 01-24 (24 × 2 = 48) plus 01-25's 10:00 one (its 11:00 one is at t0,
		// outside the half-open window) → 49, all unsatisfied: 0 % ≪ 80 % → one CSAT task.
		const r = await backfillCoaching(db, { now: new Date('2026-05-01T00:00:00Z') });
		expect(r).toMatchObject({ replayedAt: '2026-01-25 11:00:00.000', tasks: 1, effects: 1 });
		const [task] = await listCoachingTasks(db, { state: 'done' });
		expect(task.triggerKey).toBe('kpi:csat');
		expect(task.evidence.n).toBe(49);
		// Done 10 days later (2026-02-04 11:00): 0 % before and after, no variance → no change.
		expect(task.effect).toMatchObject({ outcome: 'no_change', beforeValue: 0, afterValue: 0 });
		expect((await backfillCoaching(db)).tasks).toBe(0);
	});
});
