// Contact KPIs against the hand-checked fixture tests/fixtures/kpi/contact.sql.
// Period [2024-03-01T00:00Z, 2024-03-08T00:00Z). Interactions in the period: i1 i2 i3 i3b i4 i5 i6
// i7 i8 (9). Outside: i1b (03-08 09:00, exactly 168 h after i1), i2b (168 h + 1 s after i2), i9.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { computeKpis, type KpiFigures } from './contact.ts';
import { updateSettings } from './settings.ts';
import { parsePeriodBound } from '../time/index.ts';

const FIXTURE = readFileSync(
	new URL('../../../../tests/fixtures/kpi/contact.sql', import.meta.url),
	'utf8'
);
const from = new Date('2024-03-01T00:00:00Z');
const to = new Date('2024-03-08T00:00:00Z');

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await db.run(FIXTURE);
});
afterAll(async () => db.close());

function expectFigures(actual: KpiFigures, expected: Partial<KpiFigures>) {
	for (const [name, value] of Object.entries(expected)) {
		const got = actual[name as keyof KpiFigures];
		if (typeof value === 'number' && typeof got === 'number')
			expect(got, name).toBeCloseTo(value, 9);
		else expect(got, name).toBe(value);
	}
}

describe('computeKpis totals', () => {
	it('matches the contract definitions by hand', async () => {
		const r = await computeKpis(db, { from, to });
		expect(r.from).toBe('2024-03-01T00:00:00Z');
		expect(r.to).toBe('2024-03-08T00:00:00Z');
		expect(r.by).toBeNull();
		expect(r.rows).toEqual([]);
		expectFigures(r.total, {
			contacts: 9,
			// inbound: i1 i2 i3 i3b i4 i6 i7 i8 = 8 (i5 is outbound); abandoned: i4 → 100·1/8
			inbound: 8,
			abandoned: 1,
			abandon_rate: 12.5,
			handled_inbound: 7,
			// AHT: i1 100+20+30=150, i2 200+0+40=240, i3 300, i3b 60, i6 40+0+20=60, i7 0 (all null),
			// i8 100 → 910 / 7 = 130
			aht_seconds: 130,
			// ASA over non-null queues: i1 10, i2 20, i3b 5, i6 0, i8 30 → 65 / 5 = 13
			asa_seconds: 13,
			asa_count: 5,
			// FCR: eligible = 7 handled inbound with a patient. Resolved: i1 (repeat i1b at exactly
			// 168 h → repeat), i2 (i2b at 168 h + 1 s → no repeat), i3 and i3b (same instant, 0 s → no
			// repeat), i6 (only later contact is outbound i5 → no repeat) → 4 → 400 / 7
			fcr_eligible: 7,
			fcr_resolved: 4,
			fcr: 400 / 7,
			// response: i1 (s1), i2 (s2), i3 (s3), i7 (s7, submitted after the period) → 400 / 7
			responded: 4,
			response_rate: 400 / 7,
			// surveys in period: s1 s2 s3 s4 s5 s6 s8 (s7 is at `to`, excluded) = 7
			surveys: 7,
			// csat: 5 3 4 1 5 2 → satisfied (≥ 4) 5, 4, 5 = 3 of 6 → 50
			csat_responses: 6,
			csat_satisfied: 3,
			csat: 50,
			// nps: 10 6 9 0 9 → promoters 3, detractors 2 of 5 → 100·(3−2)/5 = 20
			nps_responses: 5,
			promoters: 3,
			detractors: 2,
			nps: 20,
			// ces: 6 2 1 7 → 16 / 4 = 4
			ces_responses: 4,
			ces: 4
		});
	});

	it('returns zeros and nulls for an empty period', async () => {
		const r = await computeKpis(db, {
			from: new Date('2020-01-01T00:00:00Z'),
			to: new Date('2020-02-01T00:00:00Z'),
			by: 'agent'
		});
		expectFigures(r.total, {
			contacts: 0,
			surveys: 0,
			csat: null,
			nps: null,
			ces: null,
			aht_seconds: null,
			fcr: null,
			abandon_rate: null
		});
		expect(r.rows).toEqual([]);
	});
});

describe('computeKpis grouped', () => {
	it('groups by agent, surveys following their interaction, null key last', async () => {
		const r = await computeKpis(db, { from, to, by: 'agent' });
		expect(r.rows.map((x) => x.key)).toEqual(['a1', 'a2', 'a3', null]);
		const [a1, a2, a3, none] = r.rows;
		// a1: i1 i2 i5 i8. Handled inbound i1 i2 i8: AHT (150+240+100)/3 = 490/3, ASA (10+20+30)/3 = 20,
		// FCR only i2 → 100/3, responded i1 i2 → 200/3; surveys s1 s2: csat 5,3 → 50; nps 10,6 → 0; ces 6
		expectFigures(a1, {
			contacts: 4,
			handled_inbound: 3,
			aht_seconds: 490 / 3,
			asa_seconds: 20,
			fcr: 100 / 3,
			response_rate: 200 / 3,
			surveys: 2,
			csat: 50,
			nps: 0,
			ces: 6,
			abandon_rate: 0
		});
		// a2: i3 i3b i6 i7. AHT (300+60+60+0)/4 = 105, ASA (5+0)/2 = 2.5, FCR i3 i3b i6 → 75,
		// responded i3 i7 → 50; survey s3: csat 100, nps 100, ces 2
		expectFigures(a2, {
			contacts: 4,
			handled_inbound: 4,
			aht_seconds: 105,
			asa_seconds: 2.5,
			fcr: 75,
			response_rate: 50,
			surveys: 1,
			csat: 100,
			nps: 100,
			ces: 2
		});
		// a3: only s6, linked to i9 (before the period) — a row with no contacts
		expectFigures(a3, {
			contacts: 0,
			handled_inbound: 0,
			surveys: 1,
			ces: 7,
			csat: null,
			aht_seconds: null,
			response_rate: null
		});
		// null agent: abandoned i4 and its survey s8 (csat 2 → 0); unlinked s4 and dangling s5 are not here
		expectFigures(none, {
			contacts: 1,
			inbound: 1,
			abandoned: 1,
			abandon_rate: 100,
			handled_inbound: 0,
			surveys: 1,
			csat: 0
		});
	});

	it('groups by team', async () => {
		const r = await computeKpis(db, { from, to, by: 'team' });
		expect(r.rows.map((x) => x.key)).toEqual(['t1', 't2', 't3', null]);
		// t2: i3 i3b i7 → AHT (300+60+0)/3 = 120, ASA 5/1, FCR i3 i3b of 3 → 200/3, responded i3 i7 → 200/3
		expectFigures(r.rows[1], {
			contacts: 3,
			aht_seconds: 120,
			asa_seconds: 5,
			fcr: 200 / 3,
			response_rate: 200 / 3
		});
		// null team: i4 (abandoned) and i6 → abandon 100·1/2 = 50; AHT 60; FCR i6 → 100; survey s8
		expectFigures(r.rows[3], {
			contacts: 2,
			abandon_rate: 50,
			aht_seconds: 60,
			asa_seconds: 0,
			fcr: 100,
			response_rate: 0,
			surveys: 1
		});
	});

	it('buckets days in UTC, keeps unlinked surveys in time buckets', async () => {
		const r = await computeKpis(db, { from, to, by: 'day' });
		expect(r.rows.map((x) => x.key)).toEqual([
			'2024-03-01',
			'2024-03-02',
			'2024-03-03',
			'2024-03-04',
			'2024-03-05',
			'2024-03-06',
			'2024-03-07'
		]);
		// 03-01: i1; surveys s6 (00:00, the period's first instant) and s1 → ces (6 + 7)/2 = 6.5
		expectFigures(r.rows[0], { contacts: 1, surveys: 2, ces: 6.5, csat: 100 });
		// 03-04: i4; unlinked s4 (00:00) and s8 → csat 1, 2 → 0 satisfied of 2; nps s4 0 → −100
		expectFigures(r.rows[3], { contacts: 1, surveys: 2, csat: 0, nps: -100, ces: 1 });
		// 03-07: i8 at 23:30 and the dangling-link s5 at 23:59:59.999 (nps 9 → 100)
		expectFigures(r.rows[6], { contacts: 1, surveys: 1, nps: 100, csat: 100 });
	});

	it('starts weeks on Monday and keys months by their first day', async () => {
		const weeks = await computeKpis(db, { from, to, by: 'week' });
		// 2024-03-01 is a Friday: its week starts Monday 02-26 (i1 i2 i3 i3b; s1 s2 s3 s6)
		expect(weeks.rows.map((x) => [x.key, x.contacts, x.surveys])).toEqual([
			['2024-02-26', 4, 4],
			['2024-03-04', 5, 3]
		]);
		// week 02-26 csat: 5, 3, 4 → 2/3 satisfied → 200/3
		expectFigures(weeks.rows[0], { csat: 200 / 3 });
		const months = await computeKpis(db, { from, to, by: 'month' });
		expect(months.rows.map((x) => [x.key, x.contacts, x.surveys])).toEqual([['2024-03-01', 9, 7]]);
	});

	it('filters on the interaction and still finds repeats on other channels', async () => {
		const r = await computeKpis(db, { from, to, channel: 'voice' });
		// voice: i1 i2 i4 i5 i8. Inbound i1 i2 i4 i8 → abandon 25; handled i1 i2 i8;
		// FCR: i1's repeat i1b is a chat contact and still counts → only i2 → 100/3.
		// Surveys on voice interactions: s1, s2, s6 (i9), s8 (i4) → csat 5, 3, 2 → 1/3 → 100/3
		expectFigures(r.total, {
			contacts: 5,
			inbound: 4,
			abandon_rate: 25,
			handled_inbound: 3,
			fcr: 100 / 3,
			surveys: 4,
			csat: 100 / 3
		});
		const agent = await computeKpis(db, { from, to, agent: 'a2', by: 'channel' });
		// a2: i3, i3b (chat), i6 (sms), i7 (email)
		expect(agent.rows.map((x) => [x.key, x.contacts])).toEqual([
			['chat', 2],
			['email', 1],
			['sms', 1]
		]);
	});

	it("reads a New York site's 1–7 March as local days, with no 29 February bucket", async () => {
		const local = await createTestDb();
		await local.run(FIXTURE);
		await updateSettings(local, { site_time_zone: 'America/New_York' }, 'test');
		// Bare dates are local midnights: New York is UTC−5 until DST starts on 10 March 2024, so
		// 1–7 March is [03-01T05:00Z, 03-08T05:00Z).
		const nyFrom = parsePeriodBound('2024-03-01', 'America/New_York');
		const nyTo = parsePeriodBound('2024-03-08', 'America/New_York');
		expect([nyFrom.toISOString(), nyTo.toISOString()]).toEqual([
			'2024-03-01T05:00:00.000Z',
			'2024-03-08T05:00:00.000Z'
		]);
		const r = await computeKpis(local, { from: nyFrom, to: nyTo, by: 'day' });
		// In: i1 i2 i3 i3b i4 i5 i6 i7 i8 (9); i9 (02-29 23:59:59Z) is 28 Feb 18:59 local, out.
		// Surveys in: s1 s2 s3 s4 s5 s8 and s7 (03-08 00:00Z = 7 March 19:00 local); s6 (03-01 00:00Z
		// = 29 Feb 19:00 local) out → 7.
		expect([r.total.contacts, r.total.surveys]).toEqual([9, 7]);
		expect(r.rows.map((x) => x.key)).not.toContain('2024-02-29');
		// 1 March: i1 (04:00 local) and s1 (05:00 local)
		expect(r.rows[0]).toMatchObject({ key: '2024-03-01', contacts: 1, surveys: 1 });
		// 3 March: i3, i3b (06:00 local); s3 (07:00) and s4 (03-04 00:00Z = 3 March 19:00 local)
		expect(r.rows.find((x) => x.key === '2024-03-03')).toMatchObject({ contacts: 2, surveys: 2 });
		// 7 March: i8 (18:30 local); s5 (18:59:59.999 local) and s7 (19:00 local)
		expect(r.rows.find((x) => x.key === '2024-03-07')).toMatchObject({ contacts: 1, surveys: 2 });
		await local.close();
	});

	it('reads the service-level threshold from settings', async () => {
		const local = await createTestDb();
		await local.run(FIXTURE);
		await updateSettings(local, { service_level_seconds: 10 }, 'test');
		// handled inbound with a queue time: i1 10, i2 20, i3b 5, i6 0, i8 30 → within 10 s: i1, i3b,
		// i6 → 3 of 5 = 60 %
		const r = await computeKpis(local, { from, to });
		expectFigures(r.total, { asa_count: 5, answered_in_time: 3, service_level: 60 });
		await local.close();
	});

	it('reads the FCR window from settings', async () => {
		const local = await createTestDb();
		await local.run(FIXTURE);
		await updateSettings(local, { fcr_repeat_window_hours: 167 }, 'test');
		// With 167 h, i1b (168 h after i1) is no longer a repeat → i1 i2 i3 i3b i6 → 500/7
		const r = await computeKpis(local, { from, to });
		expectFigures(r.total, { fcr_resolved: 5, fcr: 500 / 7 });
		await local.close();
	});
});
