// The demo's follow-up replay over hand-made complaints: tasks are opened as the rules would have
// over the days, and worked so the figures are a mix — closed on time, late, open — with every
// rule of the real workflow kept (an attempt before each close, a reviewed incident report behind
// every closed medication error, nothing left open in a demo colleague's name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addInteractions } from './fixtures.test-helpers.ts';
import { replayFollowUps, type ReplaySummary } from './demo-replay.ts';
import { followUpFigures } from './figures.ts';

const NOW = new Date('2026-03-31T12:00:00Z');
let db: Db;
let summary: ReplaySummary;

beforeAll(async () => {
	db = await createTestDb();
	// 24 complaints, one every ~30 hours over the 30 days before NOW, one patient each; every
	// sixth one a medication error.
	await addInteractions(
		db,
		Array.from({ length: 24 }, (_, k) => ({
			id: `C${k}`,
			at: new Date(NOW.getTime() - (29 * 24 - k * 29) * 3_600_000).toISOString(),
			patient: `P${k}`,
			reason: k % 6 === 0 ? 'medication_error' : 'complaint'
		}))
	);
	summary = await replayFollowUps(db, { days: 30, now: NOW, seed: 1 });
});
afterAll(() => db.close());

describe('replayFollowUps', () => {
	it('opens a task for every complaint and accounts for each', async () => {
		expect(summary.tasks).toBe(24);
		expect(summary.closedOnTime + summary.closedLate + summary.stillOpen).toBe(24);
		// A mix, not "0 of N": some on time, and not everything closed.
		expect(summary.closedOnTime).toBeGreaterThan(0);
		expect(summary.stillOpen).toBeGreaterThan(0);
	});

	it("gives the figures exactly the replay's outcome", async () => {
		const f = await followUpFigures(db, {
			from: new Date(NOW.getTime() - 31 * 86_400_000),
			to: NOW,
			now: NOW
		});
		const pastDueOpen = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM follow_ups WHERE status <> 'closed' AND due_at < $now::TIMESTAMP`,
			{ now: NOW.toISOString() }
		);
		expect(f.sla.met).toBe(summary.closedOnTime);
		expect(f.sla.total).toBe(summary.closedOnTime + summary.closedLate + pastDueOpen!.n);
	});

	it('keeps the workflow rules: an attempt before each close, reviewed reports, open tasks unassigned', async () => {
		const row = await db.one<{
			closed_without_attempt: number;
			attempt_after_close: number;
			med_closed_without_review: number;
			open_assigned: number;
		}>(`SELECT
			count(*) FILTER (WHERE f.status = 'closed' AND NOT EXISTS (SELECT 1 FROM contact_attempts a WHERE a.follow_up_id = f.id)
				)::INTEGER AS closed_without_attempt,
			count(*) FILTER (WHERE f.status = 'closed' AND EXISTS (SELECT 1 FROM contact_attempts a WHERE a.follow_up_id = f.id AND a.attempted_at > f.closed_at)
				)::INTEGER AS attempt_after_close,
			count(*) FILTER (WHERE f.status = 'closed' AND f.category = 'medication_safety' AND NOT EXISTS
				(SELECT 1 FROM incident_reports r WHERE r.follow_up_id = f.id AND r.reviewed_at IS NOT NULL AND r.reviewed_by <> r.submitted_by)
				)::INTEGER AS med_closed_without_review,
			count(*) FILTER (WHERE f.status <> 'closed' AND f.assignee_id IS NOT NULL)::INTEGER AS open_assigned
			FROM follow_ups f`);
		expect(row).toEqual({
			closed_without_attempt: 0,
			attempt_after_close: 0,
			med_closed_without_review: 0,
			open_assigned: 0
		});
	});

	it('leaves the three newest medication errors open and unassigned for the pharmacist', async () => {
		// Medication errors are complaints k = 0, 6, 12, 18 (every sixth, patient Pk, oldest first):
		// the newest three are P18, P12 and P6; P0's outcome is left to the draw.
		const rows = await db.all<{ patient_id: string; status: string; assignee_id: string | null }>(
			`SELECT patient_id, status, assignee_id FROM follow_ups
				WHERE category = 'medication_safety' AND patient_id IN ('P6', 'P12', 'P18')
				ORDER BY patient_id`
		);
		expect(rows).toEqual(
			['P12', 'P18', 'P6'].map((id) => ({ patient_id: id, status: 'open', assignee_id: null }))
		);
	});

	it('never closes a task in the future of now', async () => {
		const late = await db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM follow_ups WHERE closed_at > $now::TIMESTAMP`,
			{ now: NOW.toISOString() }
		);
		expect(late!.n).toBe(0);
	});

	it('runs once: a second run (a job step resumed after a cut) works nothing more', async () => {
		const closed = `SELECT count(*)::INTEGER AS n FROM follow_ups WHERE status = 'closed'`;
		const before = (await db.one<{ n: number }>(closed))!.n;
		// The first run closed closedOnTime + closedLate of the 24; the rest stay open.
		expect(before).toBe(summary.closedOnTime + summary.closedLate);
		const again = await replayFollowUps(db, { days: 30, now: NOW, seed: 1 });
		expect(again.runs).toBe(0);
		expect((await db.one<{ n: number }>(closed))!.n).toBe(before);
	});
});
