import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addInteractions, addSurveys, addTurns } from './fixtures.test-helpers.ts';
import { runFollowUpRules } from './rules.ts';
import { updateSettings } from '../settings/index.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

interface TaskRow extends Record<string, unknown> {
	id: number;
	group_key: string;
	category: string;
	severity: string;
	queue: string;
	due_at: Date;
	category_reason: string;
}

async function tasks(db: Db): Promise<TaskRow[]> {
	return db.all<TaskRow>("SELECT * FROM follow_ups WHERE kind = 'complaint' ORDER BY group_key");
}

describe('complaint rules', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		// The fixtures span two weeks; the default look-back is 3 days.
		await updateSettings(db, { lookbackDays: 14 }, 'test');
		await addInteractions(db, [
			{ id: 'I1', at: '2026-03-09 09:00:00', patient: 'P1', reason: 'complaint' },
			{ id: 'I2', at: '2026-03-09 10:00:00', patient: 'P2', reason: 'medication_error' },
			{ id: 'I3', at: '2026-03-09 15:00:00', patient: 'P1', reason: 'complaint' },
			{ id: 'I4', at: '2026-03-08 10:00:00', patient: 'P3', reason: 'refill' },
			// Outside the 14-day look-back (since 2026-02-24 12:00): history, not a queue.
			{ id: 'I5', at: '2026-02-01 10:00:00', patient: 'P6', reason: 'complaint' },
			{ id: 'I6', at: '2026-03-09 11:00:00', patient: null, reason: 'complaint' }
		]);
		await addTurns(db, [
			{
				interaction: 'I1',
				turn: 0,
				speaker: 'agent',
				text: 'Thanks for calling, how can I help with billing?'
			},
			{
				interaction: 'I1',
				turn: 1,
				speaker: 'patient',
				text: 'I waited on hold for an hour yesterday.'
			}
		]);
		await addSurveys(db, [
			{
				id: 'S1',
				at: '2026-03-08 18:00:00',
				interaction: 'I4',
				csat: 1,
				comment: 'My package never arrived'
			},
			{ id: 'S2', at: '2026-03-07 12:00:00', patient: 'P4', nps: 4 },
			{ id: 'S3', at: '2026-03-07 12:00:00', patient: 'P5', csat: 3, nps: 5 },
			{ id: 'S4', at: '2026-03-09 20:00:00', patient: 'P1', csat: 2 }
		]);
	});
	afterEach(() => db.close());

	it('opens one task per patient, attaches later events, and is idempotent', async () => {
		// New groups: P1 (I1), P2 (I2), P3 (S1 via I4's patient), P4 (S2), interaction:I6 = 5.
		// Attached to P1's open task: I3 and S4 = 2. S3 (CSAT 3, NPS 5) and I5 (too old) fire nothing.
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 5,
			attached: 2,
			outreachOpened: 0
		});
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 0,
			outreachOpened: 0
		});
		const rows = await tasks(db);
		expect(rows.map((r) => r.group_key)).toEqual(['P1', 'P2', 'P3', 'P4', 'interaction:I6']);
		const sources = await db.all<{ n: number }>(
			'SELECT count(*)::INTEGER AS n FROM follow_up_sources'
		);
		expect(sources[0].n).toBe(7);
	});

	it('two overlapping runs do not both open the same tasks', async () => {
		const [a, b] = await Promise.all([
			runFollowUpRules(db, { now: NOW }),
			runFollowUpRules(db, { now: NOW })
		]);
		expect(a).toEqual({ opened: 5, attached: 2, outreachOpened: 0 });
		expect(b).toEqual({ opened: 0, attached: 0, outreachOpened: 0 });
	});

	it('sets category, severity, queue and due time', async () => {
		await runFollowUpRules(db, { now: NOW });
		const byGroup = new Map((await tasks(db)).map((r) => [r.group_key, r]));
		// P1: the patient said "waited" (the agent's "billing" is not the patient's text); 09:00 + 48 h.
		expect(byGroup.get('P1')).toMatchObject({
			category: 'service_wait',
			severity: 'medium',
			queue: 'staff'
		});
		expect(byGroup.get('P1')?.category_reason).toBe('the text mentions "waited"');
		expect(byGroup.get('P1')?.due_at.toISOString()).toBe('2026-03-11T09:00:00.000Z');
		// P2: medication_error → high, pharmacists, 10:00 + 24 h.
		expect(byGroup.get('P2')).toMatchObject({
			category: 'medication_safety',
			severity: 'high',
			queue: 'pharmacist'
		});
		expect(byGroup.get('P2')?.due_at.toISOString()).toBe('2026-03-10T10:00:00.000Z');
		// P3: "package" in the comment → delivery; survey time 03-08 18:00 + 48 h.
		expect(byGroup.get('P3')?.category).toBe('delivery');
		expect(byGroup.get('P3')?.due_at.toISOString()).toBe('2026-03-10T18:00:00.000Z');
		expect(byGroup.get('P4')?.category).toBe('other');
	});

	it('escalates an open task when a medication error joins it', async () => {
		await runFollowUpRules(db, { now: NOW });
		await addInteractions(db, [
			{ id: 'I7', at: '2026-03-10 08:00:00', patient: 'P1', reason: 'medication_error' }
		]);
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 1,
			outreachOpened: 0
		});
		const p1 = (await tasks(db)).find((r) => r.group_key === 'P1');
		// least(I1 + 48 h = 03-11 09:00, I7 + 24 h = 03-11 08:00) = 03-11 08:00.
		expect(p1).toMatchObject({
			category: 'medication_safety',
			severity: 'high',
			queue: 'pharmacist'
		});
		expect(p1?.due_at.toISOString()).toBe('2026-03-11T08:00:00.000Z');
	});

	it('opens a new task for a patient whose earlier task is closed', async () => {
		await runFollowUpRules(db, { now: NOW });
		await db.run("UPDATE follow_ups SET status = 'closed' WHERE group_key = 'P2'");
		await addInteractions(db, [
			{ id: 'I8', at: '2026-03-10 09:00:00', patient: 'P2', reason: 'complaint' }
		]);
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 1,
			attached: 0,
			outreachOpened: 0
		});
	});
});
