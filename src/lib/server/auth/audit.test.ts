import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { audit, auditToCsv, listAudit } from './audit.ts';
import { updateSettings } from '../settings/index.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, '0')}:00:00Z`);

async function seed() {
	await audit(
		db,
		{ actor: 'ann@example.com', action: 'auth.sign_in', ip: '10.0.0.1' },
		day('2026-03-01', 8)
	);
	await audit(
		db,
		{
			actor: 'ann@example.com',
			action: 'patient.view',
			patientId: 'P001',
			subjectType: 'interaction',
			subjectId: 'I1'
		},
		day('2026-03-01', 9)
	);
	await audit(
		db,
		{ actor: 'bob@example.com', action: 'patient.view', patientId: 'P002' },
		day('2026-03-02', 23)
	);
	await audit(db, { actor: 'bob@example.com', action: 'auth.sign_out' }, day('2026-03-03', 0));
	await audit(
		db,
		{ actor: null, action: 'auth.sign_in_failed', detail: { reason: 'no such account' } },
		day('2026-03-03', 1)
	);
}

describe('audit log', () => {
	it('appends and lists newest first with every field', async () => {
		await seed();
		const { rows, total } = await listAudit(db);
		expect(total).toBe(5);
		expect(rows.map((r) => r.action)).toEqual([
			'auth.sign_in_failed',
			'auth.sign_out',
			'patient.view',
			'patient.view',
			'auth.sign_in'
		]);
		expect(rows[3]).toMatchObject({
			actor: 'ann@example.com',
			patientId: 'P001',
			subjectType: 'interaction',
			subjectId: 'I1',
			ip: null,
			detail: null
		});
		expect(rows[0].detail).toEqual({ reason: 'no such account' });
	});

	it('filters by actor part, action area, patient and inclusive UTC dates', async () => {
		await seed();
		const ids = async (f: Parameters<typeof listAudit>[1]) =>
			(await listAudit(db, f)).rows.map((r) => `${r.actor}:${r.action}`);
		expect(await ids({ actor: 'BOB' })).toEqual([
			'bob@example.com:auth.sign_out',
			'bob@example.com:patient.view'
		]);
		// "auth" matches the area, not "author…"; the exact action works too.
		expect((await listAudit(db, { action: 'auth' })).total).toBe(3);
		expect((await listAudit(db, { action: 'auth.sign_in' })).total).toBe(1);
		expect((await listAudit(db, { action: 'aut' })).total).toBe(0);
		expect(await ids({ patientId: 'P002' })).toEqual(['bob@example.com:patient.view']);
		// 2026-03-02 only: the 23:00 record; 03-03 00:00 belongs to the next day.
		expect(await ids({ from: '2026-03-02', to: '2026-03-02' })).toEqual([
			'bob@example.com:patient.view'
		]);
		expect((await listAudit(db, { from: '2026-03-02' })).total).toBe(3);
		await expect(listAudit(db, { from: '03/02/2026' })).rejects.toThrow(/YYYY-MM-DD/);
	});

	it('filters whole days of the site time zone', async () => {
		await seed();
		await updateSettings(db, { siteTimeZone: 'America/New_York' }, 'test');
		const actions = async (from: string, to: string) =>
			(await listAudit(db, { from, to })).rows.map((r) => r.action);
		// New York is UTC−5 in early March: 03-02 23:00Z, 03-03 00:00Z and 01:00Z are 18:00,
		// 19:00 and 20:00 on 2 March there; 03-01 08:00Z and 09:00Z are 03:00 and 04:00 on 1 March.
		expect(await actions('2026-03-02', '2026-03-02')).toEqual([
			'auth.sign_in_failed',
			'auth.sign_out',
			'patient.view'
		]);
		expect(await actions('2026-03-01', '2026-03-01')).toEqual(['patient.view', 'auth.sign_in']);
		expect(await actions('2026-03-03', '2026-03-31')).toEqual([]);
	});

	it('pages: 5 records, 2 per page → pages of 2, 2, 1', async () => {
		await seed();
		const sizes = [];
		for (const page of [1, 2, 3])
			sizes.push((await listAudit(db, { page, pageSize: 2 })).rows.length);
		expect(sizes).toEqual([2, 2, 1]);
		expect((await listAudit(db, { pageSize: 0 })).rows.length).toBe(5);
	});

	it('writes RFC 4180 CSV and defuses spreadsheet formulas', async () => {
		await audit(
			db,
			{ actor: '=HYPERLINK("http://x")', action: 'auth.sign_in_failed', detail: { note: 'a,b' } },
			day('2026-03-01')
		);
		const csv = auditToCsv((await listAudit(db)).rows);
		expect(csv).toBe(
			'id,at,actor,action,subject_type,subject_id,patient_id,ip,detail\r\n' +
				`1,2026-03-01T12:00:00.000Z,"'=HYPERLINK(""http://x"")",auth.sign_in_failed,,,,,"{""note"":""a,b""}"\r\n`
		);
	});

	it('is append-only: no module under src or pipelines updates or deletes audit rows', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (/\.(ts|js|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
					const text = readFileSync(path, 'utf8');
					if (
						/(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+audit_log|DROP\s+TABLE\s+audit_log)/i.test(
							text
						)
					)
						offenders.push(path);
				}
			}
		};
		walk('src');
		walk('pipelines');
		expect(offenders).toEqual([]);
	});
});
