// Property: PDC and refill timeliness read from the maintained fill chains equal the independent
// reference (pipelines/verify/reference.ts, plain loops) and the raw SQL, for random fills — same-day
// fills, several drugs of a class, fills whose own class overrides the table, supplies running past
// the period's end, fills before and after it — over random periods; and stay equal after a fill is
// replaced and a late one arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff, loadAll } from '../../../../pipelines/verify/crosscheck.ts';
import { refAdherence } from '../../../../pipelines/verify/reference.ts';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { getSettings } from '../settings/index.ts';
import { addDays } from '../time/index.ts';
import { computeAdherence } from './adherence.ts';
import { adherencePatientsSql } from './adherence-sql.ts';
import { dateParam, daysBetween } from '../time/index.ts';
import { derivedReady, refreshDerived } from './derived.ts';

function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DRUGS = ['atorvastatin', 'simvastatin', 'lisinopril', 'losartan', 'metformin', 'omeprazole'];

let db: Db;
let next = 0;

/** `n` random fills of 30 patients over 2025–2026, imported as import `importId`. */
async function addFills(seed: number, n: number, importId: number) {
	const r = random(seed);
	const rows: string[] = [];
	for (let i = 0; i < n; i++) {
		const patient = `p${Math.floor(r() * 30)}`;
		const drug = DRUGS[Math.floor(r() * (r() < 0.7 ? 2 : DRUGS.length))];
		const day = addDays('2025-01-01', Math.floor(r() * 700));
		const supply = [7, 30, 30, 30, 60, 90][Math.floor(r() * 6)];
		const override = r() < 0.05 ? `'other'` : r() < 0.05 ? `'statin'` : 'NULL';
		rows.push(
			`('f${next++}', '${patient}', '${drug}', ${override}, DATE '${day}', ${supply}, NULL, NULL, ${importId})`
		);
	}
	await db.run(`INSERT INTO fills VALUES ${rows.join(',\n')}`);
	await db.run(`INSERT INTO import_log (import_id, file_name, file_path, sha256, kind, format, replace_mode,
		rows_read, accepted, inserted, updated, unchanged, rejected, started_at, finished_at, imported_by)
		VALUES (${importId}, 'fills', 'fills', '${importId}', 'fills', 'csv', false, ${n}, ${n}, ${n}, 0, 0, 0, now(), now(), 'test')`);
}

beforeAll(async () => {
	db = await createTestDb();
	await addFills(7, 900, 1);
});
afterAll(async () => db.close());

async function check(from: string, to: string) {
	const settings = await getSettings(db);
	const { fills, interactions } = await loadAll(db);
	const expected = refAdherence(fills, interactions, from, to);
	const stored = await computeAdherence(db, { from, to, patients: true }, settings);
	expect(await derivedReady(db, settings)).toBe(true);
	expect(diff(stored, expected, `${from}..${to}`)).toEqual([]);
	return stored;
}

describe('PDC from the maintained fill chains', () => {
	it.each([
		['2025-01-01', '2026-01-01'],
		['2025-03-17', '2025-06-30'],
		['2025-07-01', '2026-07-01'],
		['2025-12-31', '2026-12-01'],
		['2026-02-10', '2026-02-11']
	])('equals the reference over %s .. %s', async (from, to) => {
		await refreshDerived(db, await getSettings(db));
		const got = await check(from, to);
		// the fixture exercises what it should: eligible patients in each measured class
		if (to > addDays(from, 60)) expect(got.patients.length).toBeGreaterThan(10);
	});

	it('stays equal after a replaced fill and a late one', async () => {
		// p3's earliest atorvastatin fill grows from its supply to 90 days (a --replace)…
		const first = await db.one<{ fill_id: string }>(
			`SELECT fill_id FROM fills WHERE patient_id = 'p3' ORDER BY fill_date, fill_id LIMIT 1`
		);
		await db.run(`UPDATE fills SET days_supply = 90, import_id = 2 WHERE fill_id = $id`, {
			id: first!.fill_id
		});
		// …and 60 late fills arrive
		await addFills(99, 60, 3);
		const settings = await getSettings(db);
		expect(await derivedReady(db, settings)).toBe(false);
		await refreshDerived(db, settings);
		await check('2025-01-01', '2026-01-01');
		await check('2025-07-01', '2026-07-01');
	});

	it('agrees with the raw SQL for other eligibility settings, insulin users included', async () => {
		// Insulin for a few patients (diabetes excluded for them when the setting says so), and a
		// same-day metformin fill beside each: distinct fill days, not fills, count.
		await db.run(`INSERT INTO fills VALUES
			('ins1', 'p1', 'insulin glargine', 'diabetes', DATE '2025-02-01', 30, NULL, NULL, 4),
			('ins2', 'p2', 'insulin glargine', 'diabetes', DATE '2025-03-01', 30, NULL, NULL, 4),
			('met1', 'p1', 'metformin', NULL, DATE '2025-02-01', 30, NULL, NULL, 4),
			('met2', 'p1', 'metformin', NULL, DATE '2025-02-01', 30, NULL, NULL, 4)`);
		await refreshDerived(db, await getSettings(db));
		const from = '2025-01-01';
		const to = '2026-01-01';
		for (const minDates of [1, 2, 3, 5])
			for (const excludeInsulin of [true, false])
				for (const minTreatmentDays of [1, 91]) {
					const params = {
						from: dateParam(from),
						to: dateParam(to),
						days: daysBetween(from, to),
						min_dates: minDates,
						min_treatment_days: minTreatmentDays,
						exclude_insulin: excludeInsulin,
						adherent: 0.8
					};
					const raw = await db.all(adherencePatientsSql({ stored: false, minDates }), params);
					const stored = await db.all(adherencePatientsSql({ stored: true, minDates }), params);
					expect(stored).toEqual(raw);
					expect(raw.length).toBeGreaterThan(0);
				}
	});

	it('counts the classes the same with or without the patient list', async () => {
		const settings = await getSettings(db);
		const listed = await computeAdherence(db, { from: '2025-03-01', to: '2026-03-01' }, settings);
		const counted = await computeAdherence(
			db,
			{ from: '2025-03-01', to: '2026-03-01', patients: false },
			settings
		);
		expect(counted.classes).toEqual(listed.classes);
		expect(listed.classes.some((c) => c.band > 0 && c.adherent > 0)).toBe(true);
	});
});
