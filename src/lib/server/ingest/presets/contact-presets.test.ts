// Amazon Connect, Genesys Cloud and NICE CXone through the contract path: their traps (record
// versions, transfer legs, milliseconds, talk that includes hold, an ambiguous local time at a
// DST fall-back) and the KPIs afterwards, computed by hand in the comments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../kpi/contact.ts';
import { createBench } from '../test-helpers.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../../tests/fixtures/presets/${name}`, import.meta.url), 'utf8');
const counts = (f: {
	read: number;
	accepted: number;
	inserted: number;
	unchanged: number;
	rejected: number;
}) => [f.read, f.accepted, f.inserted, f.unchanged, f.rejected];
const SQL = `SELECT interaction_id AS id, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, agent_id AS agent,
	team, reason, patient_id AS patient, queue_seconds AS q, talk_seconds AS talk, hold_seconds AS hold,
	wrap_seconds AS wrap, disposition AS disp FROM interactions ORDER BY interaction_id`;
const day = { from: new Date('2025-03-09T00:00:00Z'), to: new Date('2025-03-10T00:00:00Z') };

describe('Amazon Connect preset', () => {
	it('keeps the newest version of a contact, joins transfer legs, reads abandons', async () => {
		const bench = await createBench();
		const f = await bench.load('ctr.json', fixture('amazon-connect-ctr.json'), {
			kind: 'interactions',
			source: { preset: 'amazon-connect' }
		});
		// 7 records: c1 ×3 versions, c2, c3 + its transfer leg c4, c5 (a TASK: no contract channel).
		// c1's other versions and c4 are copies: unchanged. merged = 2 + 1.
		expect(f.error).toBeUndefined();
		expect(counts(f)).toEqual([7, 6, 3, 3, 1]);
		expect(f.source?.merged).toBe(3);
		const rejects = await bench.rejects();
		expect(rejects.map((r) => [r.line, r.reasons])).toEqual([[7, ['invalid channel']]]);
		expect(JSON.parse(rejects[0].raw).ContactId).toBe('c5-eeee');
		expect(await bench.db.all(SQL)).toEqual([
			// The newest version (18:00, file position 2) wins: reason refill, patient P9.
			// Talk 239 excludes hold 221 (connected 17:20:32 → ACW 17:28:12 = 460 s = 239 + 221).
			{
				id: 'c1-aaaa',
				at: '2025-03-09T17:14:00.000Z',
				agent: 'ana',
				team: 'Team A',
				reason: 'refill',
				patient: 'P9',
				q: 346,
				talk: 239,
				hold: 221,
				wrap: 60,
				disp: 'resolved'
			},
			// Queued, never connected to an agent.
			{
				id: 'c2-bbbb',
				at: '2025-03-09T18:00:00.000Z',
				agent: null,
				team: null,
				reason: 'refill',
				patient: null,
				q: 45,
				talk: null,
				hold: null,
				wrap: null,
				disp: 'abandoned'
			},
			// c3 + c4: 30+15 queue, 100+200 talk, 0+10 hold, 20+40 wrap; the last leg's agent.
			{
				id: 'c3-cccc',
				at: '2025-03-09T19:00:00.000Z',
				agent: 'cara',
				team: null,
				reason: 'billing',
				patient: null,
				q: 45,
				talk: 300,
				hold: 10,
				wrap: 60,
				disp: 'resolved'
			}
		]);
		// Inbound 3, abandoned 1 → 33.33 %; handled c1 (239+221+60 = 520), c3 (300+10+60 = 370):
		// AHT 445; ASA (346 + 45) / 2 = 195.5.
		const k = await computeKpis(bench.db, day);
		expect(k.total.contacts).toBe(3);
		expect(k.total.abandon_rate).toBeCloseTo(100 / 3, 9);
		expect(k.total.aht_seconds).toBe(445);
		expect(k.total.asa_seconds).toBe(195.5);
		const again = await bench.load('ctr.json', fixture('amazon-connect-ctr.json'), {
			kind: 'interactions',
			source: { preset: 'amazon-connect' }
		});
		expect(counts(again)).toEqual([7, 6, 0, 6, 1]);
	});
});

describe('Genesys Cloud preset', () => {
	it('turns participants, segments and millisecond metrics into one contact each', async () => {
		const bench = await createBench();
		const f = await bench.load('conversations.json', fixture('genesys-conversations.json'), {
			kind: 'interactions',
			source: { preset: 'genesys' }
		});
		expect(counts(f)).toEqual([3, 3, 3, 0, 0]);
		expect(await bench.db.all(SQL)).toEqual([
			// Metrics: tTalkComplete 180500 ms, tHeldComplete 30000, tAcw 45250, tAcd 12000.
			{
				id: 'g1',
				at: '2025-03-09T15:00:00.000Z',
				agent: 'u-ana',
				team: 'team-a',
				reason: 'refill',
				patient: null,
				q: 12,
				talk: 180.5,
				hold: 30,
				wrap: 45.25,
				disp: 'resolved'
			},
			// tAbandon on the acd session.
			{
				id: 'g2',
				at: '2025-03-09T15:10:00.000Z',
				agent: null,
				team: null,
				reason: 'general',
				patient: null,
				q: 40,
				talk: null,
				hold: null,
				wrap: null,
				disp: 'abandoned'
			},
			// No metrics: segments 15:30:00.000–15:33:20.500 interact (200.5 s), then 40 s hold,
			// 60 s wrap-up; the acd segment 15:29:50–15:30:00 is 10 s in queue.
			{
				id: 'g3',
				at: '2025-03-09T15:29:50.000Z',
				agent: 'u-ben',
				team: null,
				reason: 'billing',
				patient: null,
				q: 10,
				talk: 200.5,
				hold: 40,
				wrap: 60,
				disp: 'resolved'
			}
		]);
		// AHT (180.5+30+45.25 = 255.75, 200.5+40+60 = 300.5) / 2 = 278.125; ASA (12+10)/2 = 11;
		// abandon 1 of 3.
		const k = await computeKpis(bench.db, day);
		expect(k.total.aht_seconds).toBe(278.125);
		expect(k.total.asa_seconds).toBe(11);
		expect(k.total.abandon_rate).toBeCloseTo(100 / 3, 9);
	});

	it('fails a CSV given to the Genesys preset as a whole', async () => {
		const bench = await createBench();
		const f = await bench.load('calls.csv', fixture('five9-call-log.csv'), {
			kind: 'interactions',
			source: { preset: 'genesys' }
		});
		expect(f.error).toBe(
			'The Genesys Cloud conversation details preset reads json, ndjson files, not csv.'
		);
	});
});

describe('NICE CXone preset', () => {
	it('uses Active_Talk_Time, joins legs by Master_Contact_ID, reads a repeated local hour', async () => {
		const bench = await createBench();
		const f = await bench.load('call-detail.csv', fixture('nice-cxone-call-detail.csv'), {
			kind: 'interactions',
			source: { preset: 'nice-cxone', sourceTimeZone: 'America/Chicago' }
		});
		// 6 records: 5003 is a leg of 5002 (unchanged copy); 5006 has the date 13/45/2025.
		expect(counts(f)).toEqual([6, 5, 4, 1, 1]);
		expect((await bench.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[7, ['invalid started_at']]
		]);
		expect(await bench.db.all(SQL)).toEqual([
			// 23:50 CDT (UTC−5) on 1 Nov → 04:50Z; talk 300 from Active_Talk_Time, not Talk_Time 360.
			{
				id: '5001',
				at: '2025-11-02T04:50:00.000Z',
				agent: '201',
				team: 'Team A',
				reason: 'refills',
				patient: null,
				q: 30,
				talk: 300,
				hold: 60,
				wrap: 45,
				disp: 'resolved'
			},
			// 01:30 happens twice on 2 Nov (clocks fall back at 02:00 CDT): the first, CDT → 06:30Z.
			// Legs: 20+10 queue, 150+90 talk, 20+0 hold, 30+20 wrap; the last leg's agent and team.
			{
				id: '5002',
				at: '2025-11-02T06:30:00.000Z',
				agent: '203',
				team: 'Team B',
				reason: 'billing',
				patient: null,
				q: 30,
				talk: 240,
				hold: 20,
				wrap: 50,
				disp: 'resolved'
			},
			// 09:15 CST (UTC−6) → 15:15Z; Abandon = Y.
			{
				id: '5004',
				at: '2025-11-02T15:15:00.000Z',
				agent: null,
				team: null,
				reason: 'refills',
				patient: null,
				q: 75,
				talk: 0,
				hold: 0,
				wrap: 0,
				disp: 'abandoned'
			},
			{
				id: '5005',
				at: '2025-11-02T16:00:00.000Z',
				agent: '201',
				team: 'Team A',
				reason: 'refills',
				patient: null,
				q: 5,
				talk: 500,
				hold: 0,
				wrap: 60,
				disp: 'resolved'
			}
		]);
		// All inbound (no Direction column). Abandon 1 of 4 = 25 %. Handled: 5001 (300+60+45 = 405),
		// 5002 (240+20+50 = 310), 5005 (500+0+60 = 560): AHT 1275 / 3 = 425; ASA (30+30+5)/3.
		const k = await computeKpis(bench.db, {
			from: new Date('2025-11-02T00:00:00Z'),
			to: new Date('2025-11-03T00:00:00Z')
		});
		expect(k.total.contacts).toBe(4);
		expect(k.total.abandon_rate).toBe(25);
		expect(k.total.aht_seconds).toBe(425);
		expect(k.total.asa_seconds).toBeCloseTo(65 / 3, 9);
	});
});
