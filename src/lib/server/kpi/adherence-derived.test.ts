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
import {
	adherencePatientsSql,
	reminderFunnelSql,
	storedReminderFunnelSql
} from './adherence-sql.ts';
import { dateParam, daysBetween, localDayStart, tsParam } from '../time/index.ts';
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

async function logImport(importId: number, kind: string, n: number) {
	await db.run(`INSERT INTO import_log (import_id, file_name, file_path, sha256, kind, format, replace_mode,
		rows_read, accepted, inserted, updated, unchanged, rejected, started_at, finished_at, imported_by)
		VALUES (${importId}, '${kind}', '${kind}', '${importId}', '${kind}', 'csv', false, ${n}, ${n}, ${n}, 0, 0, 0, now(), now(), 'test')`);
}

/** `n` refill reminders to 35 patients (5 with no fills, some unknown), many near midnight. */
async function addReminders(seed: number, n: number, importId: number) {
	const r = random(seed);
	const rows: string[] = [];
	for (let i = 0; i < n; i++) {
		const patient = r() < 0.1 ? 'NULL' : `'p${Math.floor(r() * 35)}'`;
		const day = addDays('2025-01-01', Math.floor(r() * 700));
		const hour =
			r() < 0.6 ? [0, 1, 10, 11, 12, 13, 22, 23][Math.floor(r() * 8)] : Math.floor(r() * 24);
		const time = `${String(hour).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00`;
		const outcome = ['no_answer', 'reached', 'refill_requested', 'voicemail'][Math.floor(r() * 4)];
		rows.push(
			`('rem${next++}', TIMESTAMP '${day} ${time}', 'phone', 'outbound', ${patient}, 'a1', NULL, 'refill',
			NULL, 30, NULL, NULL, 'resolved', 'refill_reminder', '${outcome}', ${importId})`
		);
	}
	await db.run(`INSERT INTO interactions VALUES ${rows.join(',\n')}`);
	await logImport(importId, 'interactions', n);
}

/** The funnel from the stored reminder facts equals the raw definition, zone by zone. */
async function expectSameFunnel() {
	const settings = await getSettings(db);
	expect(await derivedReady(db, settings)).toBe(true);
	let refilled = 0;
	// UTC, the zones furthest either side of it, and one with daylight saving.
	for (const tz of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York'])
		for (const [from, to] of [
			['2025-01-01', '2026-01-01'],
			['2025-03-01', '2025-03-20'],
			['2025-06-10', '2026-12-01']
		])
			for (const window of [0, 1, 7, 14]) {
				const params = {
					from_ts: tsParam(localDayStart(from, tz)),
					to_ts: tsParam(localDayStart(to, tz)),
					window,
					...(tz === 'UTC' ? {} : { tz })
				};
				const raw = await db.one(reminderFunnelSql(tz === 'UTC'), params);
				const stored = await db.one(storedReminderFunnelSql(tz === 'UTC'), params);
				expect(stored, `${tz} ${from}..${to} window ${window}`).toEqual(raw);
				refilled += (raw as { refilled: number }).refilled;
			}
	// the fixture exercises what it should
	expect(refilled).toBeGreaterThan(50);
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

	it('keeps the reminder funnel equal to its definition as reminders and fills arrive', async () => {
		await addReminders(11, 400, 5);
		await refreshDerived(db, await getSettings(db));
		await expectSameFunnel();
		// Late fills for the reminded patients, a reminder moved to another patient and day (a
		// --replace), and a fill moved away from its patient: the facts around them follow.
		await addFills(12, 80, 6);
		await db.run(`UPDATE interactions SET patient_id = 'p4', started_at = TIMESTAMP '2025-05-05 23:30:00',
			import_id = 7 WHERE interaction_id = (SELECT min(interaction_id) FROM interactions WHERE patient_id = 'p9')`);
		await db.run(`UPDATE fills SET patient_id = 'p33', import_id = 7
			WHERE fill_id = (SELECT min(fill_id) FROM fills WHERE patient_id = 'p4')`);
		await logImport(7, 'fills', 2);
		await refreshDerived(db, await getSettings(db));
		await expectSameFunnel();
		// one stored fact per reminder
		const counts = await db.one<{ facts: number; reminders: number }>(`SELECT
			(SELECT count(*) FROM fact_reminders)::INTEGER AS facts,
			(SELECT count(*) FROM interactions WHERE campaign = 'refill_reminder')::INTEGER AS reminders`);
		expect(counts?.facts).toBe(counts?.reminders);
	});
});
