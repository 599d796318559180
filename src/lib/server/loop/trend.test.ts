// The loop's trend over hand-made tasks: per local day and week, by where each task stands now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { updateSettings } from '../settings/index.ts';
import { followUpTrend, trendUnit } from './trend.ts';

// [id, kind, opened, due, status, closed]
const TASKS: [number, string, string, string, string, string | null][] = [
	[1, 'complaint', '2026-03-02 10:00', '2026-03-04 10:00', 'closed', '2026-03-03 10:00'],
	[2, 'complaint', '2026-03-05 10:00', '2026-03-06 10:00', 'closed', '2026-03-07 10:00'],
	[3, 'complaint', '2026-03-10 03:00', '2026-03-12 03:00', 'in_progress', null],
	[4, 'complaint', '2026-03-19 10:00', '2026-03-21 10:00', 'open', null],
	[5, 'complaint', '2026-03-19 11:00', '2026-03-21 11:00', 'open', null],
	[6, 'outreach', '2026-03-19 10:00', '2026-03-22 10:00', 'open', null]
];
const NOW = new Date('2026-03-20T12:00:00Z');
const period = {
	from: new Date('2026-03-01T00:00:00Z'),
	to: new Date('2026-03-21T00:00:00Z'),
	now: NOW
};

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	for (const [id, kind, opened, due, status, closed] of TASKS)
		await db.run(
			`INSERT INTO follow_ups (id, kind, patient_id, group_key, category, category_reason, severity, queue,
				summary, opened_at, due_at, created_at, status, closed_at, updated_at)
			VALUES ($id, $kind, 'P', 'g' || $id, 'other', 'r', 'medium', 'staff', 's', $opened::TIMESTAMP,
				$due::TIMESTAMP, $opened::TIMESTAMP, $status, $closed::TIMESTAMP, $opened::TIMESTAMP)`,
			{ id, kind, opened, due, status, closed }
		);
});
afterAll(() => db.close());

describe('followUpTrend', () => {
	it('counts complaint follow-ups per day by where they stand now, with SLA compliance', async () => {
		const rows = await followUpTrend(db, { ...period, unit: 'day' });
		expect(rows).toEqual([
			// closed 03-03, due 03-04: on time → 1 / 1 = 100 %
			{ bucket: '2026-03-02', opened: 1, onTime: 1, late: 0, overdue: 0, pending: 0, sla: 100 },
			// closed 03-07, due 03-06: late → 0 / 1
			{ bucket: '2026-03-05', opened: 1, onTime: 0, late: 1, overdue: 0, pending: 0, sla: 0 },
			// open, due 03-12 < now: past due → 0 / 1
			{ bucket: '2026-03-10', opened: 1, onTime: 0, late: 0, overdue: 1, pending: 0, sla: 0 },
			// two open, due 03-21 > now: nothing counts yet (the outreach task is not a complaint)
			{ bucket: '2026-03-19', opened: 2, onTime: 0, late: 0, overdue: 0, pending: 2, sla: null }
		]);
	});

	it('groups by Monday weeks beyond five weeks of period', async () => {
		expect([trendUnit(30), trendUnit(90)]).toEqual(['day', 'week']);
		const rows = await followUpTrend(db, { ...period, unit: 'week' });
		// Week of Mon 2 March: tasks 1 and 2 → 1 of 2 on time = 50 %; week of 9 March: task 3;
		// week of 16 March: tasks 4 and 5.
		expect(rows.map((r) => [r.bucket, r.opened, r.sla])).toEqual([
			['2026-03-02', 2, 50],
			['2026-03-09', 1, 0],
			['2026-03-16', 2, null]
		]);
	});

	it('buckets by local day of the site', async () => {
		// 03:00 UTC on 10 March is 23:00 EDT on 9 March in New York (UTC−4 after 8 March).
		await updateSettings(db, { siteTimeZone: 'America/New_York' }, 'test');
		const rows = await followUpTrend(db, { ...period, unit: 'day' });
		expect(rows.map((r) => r.bucket)).toEqual([
			'2026-03-02',
			'2026-03-05',
			'2026-03-09',
			'2026-03-19'
		]);
		await updateSettings(db, { siteTimeZone: 'UTC' }, 'test');
	});
});
