// Qualtrics (three header rows), Zendesk (tickets; good/bad satisfaction kept apart from CSAT)
// and NCPDP dispensing claims (NDC forms, implied decimals, CCYYMMDD, reversals), then the
// figures by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeAdherence } from '../../kpi/adherence.ts';
import { computeKpis } from '../../kpi/contact.ts';
import { createBench } from '../test-helpers.ts';
import { binarySatisfaction } from './binary.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../../tests/fixtures/presets/${name}`, import.meta.url), 'utf8');
const counts = (f: {
	read: number;
	accepted: number;
	inserted: number;
	unchanged: number;
	rejected: number;
}) => [f.read, f.accepted, f.inserted, f.unchanged, f.rejected];
const day = { from: new Date('2025-03-09T00:00:00Z'), to: new Date('2025-03-10T00:00:00Z') };

describe('Qualtrics preset', () => {
	it('skips the question-text and import-id header rows and links by ExternalReference', async () => {
		const bench = await createBench();
		const f = await bench.load('responses.csv', fixture('qualtrics-responses.csv'), {
			kind: 'surveys',
			source: { preset: 'qualtrics', sourceTimeZone: 'America/Denver' }
		});
		// Header rows: line 1 (ids), lines 2–3 (a question text with a line break), line 4 (import
		// ids). Records on lines 5–9; R_4 has csat 7, R_5 answers nothing.
		expect(counts(f)).toEqual([5, 3, 3, 0, 2]);
		expect((await bench.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[8, ['out of range csat']],
			[9, ['empty survey']]
		]);
		const rows = await bench.db.all(
			`SELECT survey_id AS id, interaction_id AS link, strftime(submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS at,
				csat, nps, comment FROM surveys ORDER BY survey_id`
		);
		expect(rows).toEqual([
			// 07:58 MDT (UTC−6, DST began at 02:00 that day) → 13:58Z.
			{
				id: 'R_1aaa',
				link: 'C100',
				at: '2025-03-09T13:58:00Z',
				csat: 5,
				nps: 10,
				comment: 'Quick, kind help'
			},
			{ id: 'R_2bbb', link: 'C101', at: '2025-03-09T14:12:00Z', csat: 2, nps: 3, comment: null },
			{ id: 'R_3ccc', link: 'C102', at: '2025-03-09T15:01:00Z', csat: 4, nps: 8, comment: 'ok' }
		]);
		// CSAT: 5 and 4 of (5, 2, 4) → 200/3; NPS: one promoter (10), one detractor (3) of 3 → 0.
		const k = await computeKpis(bench.db, day);
		expect(k.total.csat).toBeCloseTo(200 / 3, 9);
		expect(k.total.nps).toBe(0);
	});
});

describe('Zendesk presets', () => {
	it('imports tickets, and keeps good/bad ratings as binary satisfaction, never as CSAT', async () => {
		const bench = await createBench();
		const t = await bench.load('tickets.json', fixture('zendesk-tickets.json'), {
			kind: 'interactions',
			source: { preset: 'zendesk-tickets' }
		});
		expect(counts(t)).toEqual([2, 2, 2, 0, 0]);
		const s = await bench.load('ratings.json', fixture('zendesk-satisfaction.json'), {
			kind: 'surveys',
			source: { preset: 'zendesk-satisfaction' }
		});
		// 9001 (good, with a comment) lands; 9002 (bad, no comment) and 9003 (offered, no answer)
		// carry no contract value: empty surveys.
		expect(counts(s)).toEqual([3, 1, 1, 0, 2]);
		expect((await bench.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[2, ['empty survey']],
			[3, ['empty survey']]
		]);
		expect(await bench.db.all('SELECT survey_id, interaction_id, csat FROM surveys')).toEqual([
			{ survey_id: 'zd-9001', interaction_id: 'zd-101', csat: null }
		]);
		// Binary satisfaction: good 1 of good + bad 2 = 50 %; the offered rating is no answer.
		expect(
			await binarySatisfaction(bench.db, '2025-03-09T00:00:00Z', '2025-03-10T00:00:00Z')
		).toEqual({
			ratings: 2,
			good: 1,
			rate: 50
		});
		// CSAT has no 1–5 score to count: null. Response rate: tickets 101 (solved) and 102 (open)
		// are handled inbound; 101 has a linked survey → 50 %.
		const k = await computeKpis(bench.db, day);
		expect(k.total.csat).toBeNull();
		expect(k.total.response_rate).toBe(50);
		const again = await bench.load('ratings.json', fixture('zendesk-satisfaction.json'), {
			kind: 'surveys',
			source: { preset: 'zendesk-satisfaction' }
		});
		expect(counts(again)).toEqual([3, 1, 0, 1, 2]);
		expect(await bench.db.one('SELECT count(*)::INTEGER AS n FROM binary_satisfaction')).toEqual({
			n: 2
		});
	});
});

describe('NCPDP dispensing preset', () => {
	const source = { preset: 'ncpdp' };
	it('normalises NDC forms, reads implied decimals and CCYYMMDD, applies reversals', async () => {
		const bench = await createBench();
		const f = await bench.load('claims.csv', fixture('ncpdp-claims.csv'), {
			kind: 'fills',
			source
		});
		// 8 records: RX2001-1 is billed then reversed (both removed, counted as accepted);
		// RX3001 has an NDC the table lacks; RX4001 the date 20241301.
		expect(counts(f)).toEqual([8, 6, 4, 0, 2]);
		expect(f.source?.reversed).toBe(2);
		expect((await bench.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[8, ['invalid drug_name']],
			[9, ['invalid fill_date']]
		]);
		const rows = await bench.db.all(
			`SELECT fill_id, patient_id, drug_name, strftime(fill_date, '%Y-%m-%d') AS d, days_supply, quantity, store
			FROM fills ORDER BY fill_id`
		);
		expect(rows).toEqual([
			// 0071-0155-23 (4-4-2), 00071-0155-23 (5-4-2), 00071015523 → 00071015523 → atorvastatin.
			{
				fill_id: 'RX1001-0',
				patient_id: 'P1',
				drug_name: 'atorvastatin',
				d: '2024-01-05',
				days_supply: 30,
				quantity: 30,
				store: 'STORE9'
			},
			{
				fill_id: 'RX1001-1',
				patient_id: 'P1',
				drug_name: 'atorvastatin',
				d: '2024-02-04',
				days_supply: 30,
				quantity: 30,
				store: 'STORE9'
			},
			{
				fill_id: 'RX1001-2',
				patient_id: 'P1',
				drug_name: 'atorvastatin',
				d: '2024-03-05',
				days_supply: 30,
				quantity: 30,
				store: 'STORE9'
			},
			// 00006-277-31 (5-3-2) → 00006027731 → product 00006-0277 → sitagliptin.
			{
				fill_id: 'RX2001-0',
				patient_id: 'P2',
				drug_name: 'sitagliptin',
				d: '2024-01-10',
				days_supply: 30,
				quantity: 30,
				store: 'STORE9'
			}
		]);
		// Statin PDC for P1 in 2024: index 01-05 (day 4), treatment 366 − 4 = 362 days; three
		// chained 30-day fills cover 90 → 90/362. Diabetes: P2 keeps one fill (the second was
		// reversed) → not eligible.
		const a = await computeAdherence(bench.db, { from: '2024-01-01', to: '2025-01-01' });
		expect(a.patients).toEqual([
			expect.objectContaining({
				patient_id: 'P1',
				class: 'statin',
				treatment_days: 362,
				covered_days: 90,
				pdc: 90 / 362
			})
		]);
		expect(a.classes.find((c) => c.class === 'diabetes')?.eligible).toBe(0);

		// A later file reverses RX1001-2: the stored fill goes; importing it again changes nothing.
		const reversal =
			'103-A3,402-D2,403-D3,401-D1,407-D7,405-D5,442-E7,332-CY\nB2,RX1001,2,20240305,00071015523,,,P1\n';
		const r = await bench.load('reversal.csv', reversal, { kind: 'fills', source });
		expect(counts(r)).toEqual([1, 1, 0, 0, 0]);
		expect(await bench.db.one('SELECT count(*)::INTEGER AS n FROM fills')).toEqual({ n: 3 });
		const again = await bench.load('reversal.csv', reversal, { kind: 'fills', source });
		expect(counts(again)).toEqual([1, 1, 0, 0, 0]);
		expect(await bench.db.one('SELECT count(*)::INTEGER AS n FROM fills')).toEqual({ n: 3 });
	});
});
