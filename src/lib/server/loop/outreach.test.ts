import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addFills } from './fixtures.test-helpers.ts';
import { runFollowUpRules } from './rules.ts';
import { updateSettings } from '../settings/index.ts';

// Today is 2026-03-10; refill grace 7 days; look-back 14 days (from 2026-02-24); check-in 3–7 days.
const NOW = new Date('2026-03-10T12:00:00Z');

interface Row extends Record<string, unknown> {
	patient_id: string;
	script: string;
	due_at: Date;
	n_sources: number;
}

const OUTREACH = `SELECT f.patient_id, f.script, f.due_at,
	(SELECT count(*)::INTEGER FROM follow_up_sources s WHERE s.follow_up_id = f.id) AS n_sources
FROM follow_ups f WHERE kind = 'outreach' ORDER BY patient_id`;

describe('outreach rules', () => {
	let db: Db;
	beforeEach(async () => {
		db = await createTestDb();
		// The fixtures span two weeks; the default look-back is 3 days.
		await updateSettings(db, { lookbackDays: 14 }, 'test');
		await addFills(db, [
			// P10: last lisinopril 01-30 + 30 + 7 = 03-08 < 03-10 → late (and 03-08 ≥ 02-24).
			// PDC ras: index 12-31, 69 treatment days, 60 covered → 0.87, adherent: no band offer.
			{ id: 'F1', patient: 'P10', drug: 'lisinopril', date: '2025-12-31', days: 30 },
			{ id: 'F2', patient: 'P10', drug: 'lisinopril', date: '2026-01-30', days: 30 },
			// P11: 02-05 + 37 = 03-14, not late yet.
			{ id: 'F3', patient: 'P11', drug: 'losartan', date: '2026-02-05', days: 30 },
			// P12: late since 2025-11-07, before the look-back: an old lapse, not a call today.
			{ id: 'F4', patient: 'P12', drug: 'losartan', date: '2025-10-01', days: 30 },
			// P13: first-ever metformin 5 days ago → check-in, due 03-05 + 8 days = 03-13 00:00.
			{ id: 'F5', patient: 'P13', drug: 'metformin', date: '2026-03-05', days: 30 },
			// P14: atorvastatin again on 03-05 (not a first fill); PDC 35/37 → adherent.
			{ id: 'F6', patient: 'P14', drug: 'atorvastatin', date: '2026-02-01', days: 30 },
			{ id: 'F7', patient: 'P14', drug: 'atorvastatin', date: '2026-03-05', days: 30 },
			// P15: first fill yesterday: too early for a check-in.
			{ id: 'F8', patient: 'P15', drug: 'metformin', date: '2026-03-09', days: 30 },
			// P16: statin index 2025-09-11, 180 treatment days to 03-10, 60 + 60 covered → PDC 0.667:
			// in the 60–79 % band. Late since 02-06, before the look-back: only the band offer.
			{ id: 'F9', patient: 'P16', drug: 'atorvastatin', date: '2025-09-11', days: 60 },
			{ id: 'F10', patient: 'P16', drug: 'atorvastatin', date: '2025-12-01', days: 60 },
			// P17: simvastatin late (01-20 + 37 = 02-26) and a first metformin 4 days ago: one task.
			{ id: 'F11', patient: 'P17', drug: 'simvastatin', date: '2026-01-20', days: 30 },
			{ id: 'F12', patient: 'P17', drug: 'metformin', date: '2026-03-06', days: 30 }
		]);
	});
	afterEach(() => db.close());

	it('opens one outreach task per patient from each trigger, idempotently', async () => {
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 1,
			outreachOpened: 4
		});
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 0,
			outreachOpened: 0
		});
		const rows = await db.all<Row>(OUTREACH);
		expect(rows.map((r) => [r.patient_id, r.script, r.n_sources])).toEqual([
			['P10', 'refill_reminder', 1],
			['P13', 'check_in', 1],
			['P16', 'med_sync', 1],
			// Earliest event first: simvastatin late from 02-27, the metformin fill on 03-06 attaches.
			['P17', 'refill_reminder', 2]
		]);
		expect(rows[1].due_at.toISOString()).toBe('2026-03-13T00:00:00.000Z');
		// Late refills and band offers: due 72 h after detection.
		expect(rows[0].due_at.toISOString()).toBe('2026-03-13T12:00:00.000Z');
	});

	it('does not call a patient again within the cool-down', async () => {
		await runFollowUpRules(db, { now: NOW });
		await db.run(
			"UPDATE follow_ups SET status = 'closed', closed_at = TIMESTAMP '2026-03-10 10:00:00' WHERE patient_id = 'P13'"
		);
		await addFills(db, [
			{ id: 'F13', patient: 'P13', drug: 'lisinopril', date: '2026-03-06', days: 30 }
		]);
		expect(await runFollowUpRules(db, { now: NOW })).toEqual({
			opened: 0,
			attached: 0,
			outreachOpened: 0
		});
	});
});
