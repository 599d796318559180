// PDC, refill on-time and the reminder funnel against tests/fixtures/kpi/adherence.sql.
// Period [2024-01-01, 2025-01-01): 366 days (leap year); day n = 2024-01-01 + n.
// Useful day numbers: 01-20 = 19, 02-01 = 31, 03-01 = 60, 03-10 = 69, 03-31 = 90, 04-15 = 105,
// 06-29 = 180, 09-27 = 270, 11-01 = 305, 12-01 = 335.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { computeAdherence } from './adherence.ts';
import { setDrugClass } from './drug-classes.ts';
import { updateSettings } from './settings.ts';

const FIXTURE = readFileSync(
	new URL('../../../../tests/fixtures/kpi/adherence.sql', import.meta.url),
	'utf8'
);
const period = { from: '2024-01-01', to: '2025-01-01' };

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
	await db.run(FIXTURE);
});
afterAll(async () => db.close());

describe('computeAdherence', () => {
	it('computes PDC per eligible patient and class by hand', async () => {
		const r = await computeAdherence(db, period);
		expect(r.from).toBe('2024-01-01');
		expect(r.to).toBe('2025-01-01');
		expect(r.patients).toEqual([
			// P1 atorvastatin: 2023 fill carries nothing in; f1a covers days 0–29, f1b (01-20) is chained
			// to start on day 30 → 30–59: 60 covered of 366 − 0 = 366
			{
				patient_id: 'P1',
				class: 'statin',
				index_date: '2024-01-01',
				treatment_days: 366,
				covered_days: 60,
				pdc: 60 / 366,
				adherent: false
			},
			// P2 lisinopril: 11-01 covers 305–394, 12-01 chains to 395 (after the period); cut at 366 →
			// 61 covered of 366 − 305 = 61 → 1. The 2025-01-01 fill is outside the period.
			{
				patient_id: 'P2',
				class: 'ras',
				index_date: '2024-11-01',
				treatment_days: 61,
				covered_days: 61,
				pdc: 1,
				adherent: true
			},
			// P3 metformin: two fills on 03-01 (same date, chained by fill_id: f3a 60–89, f3b 90–119),
			// f3c 04-15 chains to 120–149; glipizide 69–98 (other drug: no shift, days count once) →
			// union 60–149 = 90 of 366 − 60 = 306
			{
				patient_id: 'P3',
				class: 'diabetes',
				index_date: '2024-03-01',
				treatment_days: 306,
				covered_days: 90,
				pdc: 90 / 306,
				adherent: false
			},
			// P4: one simvastatin fill → ineligible. P5: atorvastatin 0–199 and rosuvastatin 31–230 do not
			// shift each other → union 0–230 = 231 of 366
			{
				patient_id: 'P5',
				class: 'statin',
				index_date: '2024-01-01',
				treatment_days: 366,
				covered_days: 231,
				pdc: 231 / 366,
				adherent: false
			},
			// P6 newsartan (class from the fill: ras) 0–89, 90–179, 180–269, 270–359 = 360 of 366;
			// P6's lisinopril fills say class "other" and do not count
			{
				patient_id: 'P6',
				class: 'ras',
				index_date: '2024-01-01',
				treatment_days: 366,
				covered_days: 360,
				pdc: 360 / 366,
				adherent: true
			}
		]);
	});

	it('summarises classes in contract order with the intervention band', async () => {
		const r = await computeAdherence(db, period);
		// diabetes: P3 (0.294) → 0/1; ras: P2 (1), P6 (0.984) → 2/2; statin: P1 (0.164), P5 (0.631 —
		// in the 0.60–0.80 band) → 0/2, band 1
		expect(r.classes).toEqual([
			{ class: 'diabetes', eligible: 1, adherent: 0, rate: 0, band: 0 },
			{ class: 'ras', eligible: 2, adherent: 2, rate: 1, band: 0 },
			{ class: 'statin', eligible: 2, adherent: 0, rate: 0, band: 1 }
		]);
		expect(r.overall).toEqual({ eligible: 5, adherent: 2, rate: 2 / 5, band: 1 });
	});

	it('counts refill pairs on time with the grace period', async () => {
		const r = await computeAdherence(db, period);
		// P1 01-01+30+7 = 02-07 ≥ 01-20 on; P2 11-01+97 ≥ 12-01 on; P3 metformin f3a→f3b same day on,
		// f3b→f3c: 03-01+37 = 04-07 < 04-15 late; P4 amoxicillin 06-01+17 = 06-18 on (equal);
		// P6 newsartan 3 pairs 90 days apart ≤ 97 on; P6 lisinopril 01-01+37 = 02-07 < 03-01 late
		// → 9 pairs, 7 on time
		expect(r.refill_on_time).toEqual({ pairs: 9, on_time: 7, rate: 7 / 9 });
	});

	it('counts the reminder funnel stages, not nested', async () => {
		const r = await computeAdherence(db, period);
		// reminded r1–r7 (x1 inbound, x2 med_sync, x3 at `to`, x4 before: excluded) = 7
		// reached: r1 reached, r2 refill_requested, r4 reached, r7 reached = 4; requested: r2 = 1
		// refilled: r1 & r2 (P9 fill 05-08 = reminder date + 7), r6 (same-day fill), r7 (fill
		// 2025-01-02, any period) = 4; not r3 (no fill 06-01..06-08), r4 (no patient), r5 (+8 days)
		expect(r.reminder_funnel).toEqual({
			reminded: 7,
			reached: 4,
			refill_requested: 1,
			refilled: 4
		});
	});

	it('follows settings and the editable class table', async () => {
		const local = await createTestDb();
		await local.run(FIXTURE);
		// Threshold 0.6: P5 (231/366 = 0.631) becomes adherent; band from 0.1: P1 (0.164) in band
		await updateSettings(local, { pdc_adherent_threshold: 0.6, pdc_band_low: 0.1 }, 'test');
		// amlodipine → ras: P9..P12 each have one fill (ineligible); no change to the ras figures
		await setDrugClass(local, 'Amlodipine', 'ras', 'test');
		// minimum treatment 100 days drops P2 (61 days)
		await updateSettings(local, { pdc_min_treatment_days: 100 }, 'test');
		const r = await computeAdherence(local, period);
		expect(r.classes).toEqual([
			{ class: 'diabetes', eligible: 1, adherent: 0, rate: 0, band: 1 },
			{ class: 'ras', eligible: 1, adherent: 1, rate: 1, band: 0 },
			{ class: 'statin', eligible: 2, adherent: 1, rate: 0.5, band: 1 }
		]);
		await local.close();
	});

	it('omits the patient list on request and rejects an empty period', async () => {
		const r = await computeAdherence(db, { ...period, patients: false });
		expect(r.patients).toEqual([]);
		expect(r.classes[1].eligible).toBe(2);
		await expect(computeAdherence(db, { from: '2024-01-01', to: '2024-01-01' })).rejects.toThrow(
			/must end after/
		);
	});
});
