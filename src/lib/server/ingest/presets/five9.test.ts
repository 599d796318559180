// Five9 call log: zone-less local times across the 2025-03-09 DST change in New York, HH:MM:SS
// durations, a call's legs repeating its CALL ID (one leg listed twice), and a bad duration.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../kpi/contact.ts';
import { createBench } from '../test-helpers.ts';

const FIXTURE = readFileSync(
	new URL('../../../../../tests/fixtures/presets/five9-call-log.csv', import.meta.url),
	'utf8'
);
const source = { preset: 'five9', sourceTimeZone: 'America/New_York' };

describe('Five9 preset', () => {
	it('combines legs, reads local times across DST, keeps the bad row as a reject', async () => {
		const bench = await createBench();
		const f = await bench.load('five9.csv', FIXTURE, { kind: 'interactions', source });
		// 7 records: C100, C101 ×3 (two legs, the second listed twice), C102, C103, C104 (bad).
		// Staged as copies, C101's 2nd and 3rd records are unchanged; C104 is rejected.
		expect(f.error).toBeUndefined();
		expect([f.read, f.accepted, f.inserted, f.unchanged, f.rejected]).toEqual([7, 6, 4, 2, 1]);
		expect(f.source).toMatchObject({ preset: 'five9', merged: 2, reversed: 0 });
		expect(await bench.rejects()).toEqual([
			{
				line: 8,
				reasons: ['invalid talk_seconds'],
				raw: expect.stringMatching(/^C104,"Sun, 09 Mar 2025 12:00:00",.*,4 min,/)
			}
		]);
		const rows = await bench.db.all<Record<string, unknown>>(
			`SELECT interaction_id, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS at, direction, agent_id,
				queue_seconds, talk_seconds, hold_seconds, wrap_seconds, disposition
			FROM interactions ORDER BY interaction_id`
		);
		expect(rows).toEqual([
			// 19:30 EST (UTC−5) on the 8th → 00:30Z on the 9th.
			{
				interaction_id: 'C100',
				at: '2025-03-09T00:30:00Z',
				direction: 'inbound',
				agent_id: 'ana@pharm.example',
				queue_seconds: 20,
				talk_seconds: 240,
				hold_seconds: 30,
				wrap_seconds: 60,
				disposition: 'resolved'
			},
			// Legs 01:50 EST (06:50Z) and 03:05 EDT (07:05Z): earliest start; 40+15 queue,
			// 120+180 talk, 0+60 hold, 10+50 wrap; the last leg's agent and disposition.
			{
				interaction_id: 'C101',
				at: '2025-03-09T06:50:00Z',
				direction: 'inbound',
				agent_id: 'cara@pharm.example',
				queue_seconds: 55,
				talk_seconds: 300,
				hold_seconds: 60,
				wrap_seconds: 60,
				disposition: 'resolved'
			},
			// 10:00 EDT (UTC−4) → 14:00Z; ABANDONED = 1.
			{
				interaction_id: 'C102',
				at: '2025-03-09T14:00:00Z',
				direction: 'inbound',
				agent_id: null,
				queue_seconds: 90,
				talk_seconds: 0,
				hold_seconds: 0,
				wrap_seconds: 0,
				disposition: 'abandoned'
			},
			// 19:45 EDT → 23:45Z; Manual = outbound; No Answer = unresolved.
			{
				interaction_id: 'C103',
				at: '2025-03-09T23:45:00Z',
				direction: 'outbound',
				agent_id: 'dan@pharm.example',
				queue_seconds: 0,
				talk_seconds: 0,
				hold_seconds: 0,
				wrap_seconds: 0,
				disposition: 'unresolved'
			}
		]);
		// KPIs for the UTC day 2025-03-09 (both edge calls fall inside only with the right offsets):
		// contacts 4; inbound C100, C101, C102 → abandon 100 × 1 / 3 = 33.33…;
		// handled inbound C100 (240+30+60 = 330) and C101 (300+60+60 = 420): AHT 375, ASA (20+55)/2 = 37.5.
		const k = await computeKpis(bench.db, {
			from: new Date('2025-03-09T00:00:00Z'),
			to: new Date('2025-03-10T00:00:00Z')
		});
		expect(k.total.contacts).toBe(4);
		expect(k.total.abandon_rate).toBeCloseTo(100 / 3, 9);
		expect(k.total.aht_seconds).toBe(375);
		expect(k.total.asa_seconds).toBe(37.5);

		const again = await bench.load('five9.csv', FIXTURE, { kind: 'interactions', source });
		expect([again.read, again.accepted, again.inserted, again.unchanged, again.rejected]).toEqual([
			7, 6, 0, 6, 1
		]);
	});

	it('fails a file that is not a Five9 call log as a whole, in one sentence', async () => {
		const bench = await createBench();
		const f = await bench.load(
			'calls.csv',
			'interaction_id,started_at,channel\nX1,2025-01-01T00:00:00Z,voice\n',
			{ kind: 'interactions', source }
		);
		expect(f.error).toMatch(
			/^The file does not look like Five9 call log: it lacks "CALL ID", "TIMESTAMP", "CALL TYPE", "TALK TIME" \(expected .*\)\.$/
		);
		expect(f.importId).toBeNull();
		expect(await bench.db.one('SELECT count(*)::INTEGER AS n FROM interactions')).toEqual({ n: 0 });
	});
});
