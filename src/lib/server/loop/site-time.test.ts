// The follow-up rules count local days of the site. A New York site across the spring DST change:
// clocks jump 02:00 EST → 03:00 EDT on Sunday 8 March 2026 (07:00 UTC), so New York is UTC−5 up
// to then and UTC−4 after. Every expected instant below is worked out by hand from that.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { updateSettings } from '../settings/index.ts';
import { addFills, addInteractions } from './fixtures.test-helpers.ts';
import { runFollowUpRules } from './rules.ts';

const NY = 'America/New_York';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(() => db.close());

const opened = async (kind: string) =>
	db.all<{ patient_id: string; opened_at: Date; due_at: Date }>(
		`SELECT patient_id, opened_at, due_at FROM follow_ups WHERE kind = $kind ORDER BY patient_id`,
		{ kind }
	);

describe('rules look back N local days', () => {
	// Now: 14:00 UTC on Tuesday 10 March = 10:00 EDT. Three local days back is 10:00 EST on
	// Saturday 7 March = 15:00 UTC (71 hours, as 8 March had 23). In UTC it is 14:00 on 7 March.
	const NOW = new Date('2026-03-10T14:00:00Z');
	beforeEach(async () => {
		await addInteractions(db, [
			// 14:30 UTC on 7 March: inside the UTC look-back (≥ 14:00), before New York's (< 15:00).
			{ id: 'early', at: '2026-03-07 14:30:00', patient: 'P1', reason: 'complaint' },
			// 15:30 UTC: inside both.
			{ id: 'late', at: '2026-03-07 15:30:00', patient: 'P2', reason: 'complaint' }
		]);
	});

	it('in New York, opens only the complaint after 10:00 EST on 7 March', async () => {
		await updateSettings(db, { siteTimeZone: NY }, 'test');
		expect((await runFollowUpRules(db, { now: NOW })).opened).toBe(1);
		expect((await opened('complaint')).map((r) => r.patient_id)).toEqual(['P2']);
	});

	it('in UTC, opens both, as before time zones', async () => {
		expect((await runFollowUpRules(db, { now: NOW })).opened).toBe(2);
	});
});

describe('post-dispense check-in counts local days from the fill date', () => {
	// Now: 03:00 UTC on 10 March = 23:00 EDT on 9 March. Today is 9 March in New York, 10 March
	// in UTC. Check-in 3–7 days after a first fill: New York takes fills dated 2–6 March, UTC 3–7.
	const NOW = new Date('2026-03-10T03:00:00Z');
	beforeEach(async () => {
		await addFills(db, [
			{ id: 'F6', patient: 'P6', drug: 'metformin', date: '2026-03-06', days: 30 },
			{ id: 'F7', patient: 'P7', drug: 'metformin', date: '2026-03-07', days: 30 }
		]);
	});

	it('in New York: the 6 March fill only, opening at local midnight and due at the end of day 7', async () => {
		await updateSettings(db, { siteTimeZone: NY }, 'test');
		await runFollowUpRules(db, { now: NOW });
		const rows = await opened('outreach');
		expect(rows.map((r) => r.patient_id)).toEqual(['P6']);
		// Opens on day 3 = 9 March 00:00 EDT = 04:00 UTC (after the change).
		expect(rows[0].opened_at.toISOString()).toBe('2026-03-09T04:00:00.000Z');
		// Due when day 7 (13 March) ends = 14 March 00:00 EDT = 04:00 UTC.
		expect(rows[0].due_at.toISOString()).toBe('2026-03-14T04:00:00.000Z');
		const source = await db.one<{ event_at: Date }>(
			`SELECT event_at FROM follow_up_sources WHERE source_id = 'F6'`
		);
		// The fill day itself began at 00:00 EST on 6 March = 05:00 UTC (before the change).
		expect(source?.event_at.toISOString()).toBe('2026-03-06T05:00:00.000Z');
	});

	it('in UTC: both fills, at UTC midnights as before', async () => {
		await runFollowUpRules(db, { now: NOW });
		const rows = await opened('outreach');
		expect(rows.map((r) => r.patient_id)).toEqual(['P6', 'P7']);
		// 6 March + 3 days = 9 March 00:00 UTC; due 6 March + 8 = 14 March 00:00 UTC.
		expect(rows[0].opened_at.toISOString()).toBe('2026-03-09T00:00:00.000Z');
		expect(rows[0].due_at.toISOString()).toBe('2026-03-14T00:00:00.000Z');
	});
});

describe('a refill is late by the local date', () => {
	// A 30-day fill on 1 February with 7 days' grace runs out after 1 Feb + 37 = 10 March: it is
	// late from 11 March. Now: 02:00 UTC on 11 March = 22:00 EDT on 10 March.
	const NOW = new Date('2026-03-11T02:00:00Z');
	beforeEach(async () => {
		await addFills(db, [
			{ id: 'L1', patient: 'P9', drug: 'lisinopril', date: '2026-02-01', days: 30 }
		]);
	});

	it('in New York it is still 10 March: not late yet', async () => {
		await updateSettings(db, { siteTimeZone: NY, lookbackDays: 14 }, 'test');
		expect((await runFollowUpRules(db, { now: NOW })).outreachOpened).toBe(0);
	});

	it('in UTC it is 11 March: late since the start of the day', async () => {
		await updateSettings(db, { lookbackDays: 14 }, 'test');
		expect((await runFollowUpRules(db, { now: NOW })).outreachOpened).toBe(1);
		const source = await db.one<{ event_at: Date }>(
			`SELECT event_at FROM follow_up_sources WHERE source_id = 'L1'`
		);
		expect(source?.event_at.toISOString()).toBe('2026-03-11T00:00:00.000Z');
	});
});
