// A site in New York across the March 2026 DST change, every figure worked out by hand.
// Clocks jump 02:00 EST (UTC−5) → 03:00 EDT (UTC−4) on Sunday 8 March 2026 at 07:00 UTC (see
// time/time.test.ts for the calendar). Each contact below is a handled inbound voice call.
//
//   id   started_at (UTC)        New York local           local day  week (Mon)  month
//   a1   2026-03-01 04:30        Sat 28 Feb 23:30 EST     02-28      02-23       02
//   a2   2026-03-01 05:30        Sun  1 Mar 00:30 EST     03-01      02-23       03
//   a3   2026-03-08 06:30        Sun  8 Mar 01:30 EST     03-08      03-02       03
//   a4   2026-03-08 07:30        Sun  8 Mar 03:30 EDT     03-08      03-02       03
//   a5   2026-03-09 03:30        Sun  8 Mar 23:30 EDT     03-08      03-02       03
//   a6   2026-03-09 04:30        Mon  9 Mar 00:30 EDT     03-09      03-09       03
//   a7   2026-04-01 03:59        Tue 31 Mar 23:59 EDT     03-31      03-30       03
//   a8   2026-04-01 04:00        Wed  1 Apr 00:00 EDT     04-01      03-30       04
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { lastDataDay } from '../dashboard/context.ts';
import { parseFilter } from '../dashboard/filters.ts';
import { parsePeriodBound } from '../time/index.ts';
import { computeAdherence } from './adherence.ts';
import { computeKpis } from './contact.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { adherenceDates } from './tiles.ts';

const NY = 'America/New_York';
const ny = { ...DEFAULT_SETTINGS, siteTimeZone: NY };

const SEED = `
INSERT INTO interactions (interaction_id, started_at, channel, direction, patient_id, agent_id, team,
	reason, queue_seconds, talk_seconds, hold_seconds, wrap_seconds, disposition, campaign, outcome, import_id)
SELECT id, ts::TIMESTAMP, 'voice', 'inbound', NULL, 'x1', 'east', 'refill', 10, 100, 0, 0, 'resolved', NULL, NULL, 1
FROM (VALUES ('a1', '2026-03-01 04:30'), ('a2', '2026-03-01 05:30'), ('a3', '2026-03-08 06:30'),
	('a4', '2026-03-08 07:30'), ('a5', '2026-03-09 03:30'), ('a6', '2026-03-09 04:30'),
	('a7', '2026-04-01 03:59'), ('a8', '2026-04-01 04:00')) v(id, ts);
-- a survey submitted at 8 March 23:00 EDT (UTC: 9 March)
INSERT INTO surveys VALUES ('s1', 'a5', NULL, '2026-03-09 03:00:00', 5, NULL, NULL, NULL, NULL, 1);
-- a refill reminder placed 8 March 22:00 EDT (UTC: 9 March 02:00); the patient filled on 8 March
INSERT INTO interactions VALUES ('r1', '2026-03-09 02:00:00', 'voice', 'outbound', 'p1', 'x1', 'east',
	'refill', NULL, 60, NULL, NULL, 'resolved', 'refill_reminder', 'reached', 1);
INSERT INTO fills VALUES ('f1', 'p1', 'atorvastatin', NULL, DATE '2026-03-08', 30, 30, NULL, 1);
`;

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	for (const stmt of SEED.split(';\n')) if (stmt.replace(/--.*$/gm, '').trim()) await db.run(stmt);
});
afterAll(async () => db.close());

const local = (text: string) => parsePeriodBound(text, NY);
const rows = async (from: string, to: string, by: 'day' | 'week' | 'month') =>
	(await computeKpis(db, { from: local(from), to: local(to), by }, ny)).rows.map((r) => [
		r.key,
		r.contacts,
		r.surveys
	]);

describe('a New York site across the March DST change', () => {
	it('counts contacts by local day; 8 March (23 hours) holds a3, a4 and a5', async () => {
		// [1 Mar, 10 Mar) local = [03-01T05:00Z, 03-10T04:00Z): a2, a3, a4, a5, a6 (and r1, outbound)
		expect(await rows('2026-03-01', '2026-03-10', 'day')).toEqual([
			['2026-03-01', 1, 0],
			['2026-03-08', 4, 1], // a3 a4 a5 r1; s1 at 23:00 EDT
			['2026-03-09', 1, 0]
		]);
	});

	it('starts weeks on local Mondays, keyed by the Monday even before the period', async () => {
		// a2 (Sunday 1 March) belongs to the week of Monday 23 February
		expect(await rows('2026-03-01', '2026-03-10', 'week')).toEqual([
			['2026-02-23', 1, 0],
			['2026-03-02', 4, 1],
			['2026-03-09', 1, 0]
		]);
	});

	it('ends March at local midnight: a7 (31 Mar 23:59 EDT) is March, a8 April', async () => {
		// [1 Mar, 2 Apr) local: a2 a3 a4 a5 a6 a7 r1 in March (7), a8 in April
		expect(await rows('2026-03-01', '2026-04-02', 'month')).toEqual([
			['2026-03-01', 7, 1],
			['2026-04-01', 1, 0]
		]);
	});

	it('reads presets as local days, anchored on the last local day with data', async () => {
		// The latest row is a8 at 04:00Z on 1 April: 00:00 local, still 1 April in New York.
		expect(await lastDataDay(db, NY)).toBe('2026-04-01');
		// last 7 days through 8 March: 2–8 March local = [03-02T05:00Z, 03-09T04:00Z), 167 hours
		const f = parseFilter(new URL('http://x/overview?period=last7'), '2026-03-08', NY);
		expect([f.fromDate, f.toDate]).toEqual(['2026-03-02', '2026-03-08']);
		expect([f.from.toISOString(), f.to.toISOString()]).toEqual([
			'2026-03-02T05:00:00.000Z',
			'2026-03-09T04:00:00.000Z'
		]);
		const r = await computeKpis(db, { from: f.from, to: f.to }, ny);
		// a3, a4, a5 and r1 (9 March 02:00Z = 8 March 22:00 local); a6 (00:30 on 9 March) is out
		expect(r.total.contacts).toBe(4);
	});

	it('measures adherence over whole local dates', () => {
		// [1 Mar, 10 Mar) local ends on 9 March → window [2025-03-10, 2026-03-10) (365 days)
		expect(adherenceDates({ from: local('2026-03-01'), to: local('2026-03-10') }, NY)).toEqual({
			from: '2025-03-10',
			to: '2026-03-10'
		});
		// read in UTC the same instants end on 10 March (04:00Z): one day more
		expect(adherenceDates({ from: local('2026-03-01'), to: local('2026-03-10') }, 'UTC')).toEqual({
			from: '2025-03-11',
			to: '2026-03-11'
		});
	});

	it('counts a reminder as refilled from its local date', async () => {
		// r1 is 8 March locally; the fill on 8 March lies in [8 March, 15 March] → refilled.
		const a = await computeAdherence(db, { from: '2026-03-01', to: '2026-04-01' }, ny);
		expect(a.reminder_funnel).toEqual({
			reminded: 1,
			reached: 1,
			refill_requested: 0,
			refilled: 1
		});
		// In UTC r1 is dated 9 March and the 8 March fill comes before it → not refilled.
		const utc = await computeAdherence(db, { from: '2026-03-01', to: '2026-04-01' });
		expect(utc.reminder_funnel.refilled).toBe(0);
	});
});
