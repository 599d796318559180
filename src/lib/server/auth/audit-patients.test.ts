import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { audit, listAudit } from './audit.ts';
import { auditRejects } from './audit-rejects.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

describe('which patients a list or export showed', () => {
	it('a search by patient finds the list views and exports that showed them', async () => {
		await audit(db, {
			actor: 'mia@x',
			action: 'patient.list',
			subjectType: 'follow_up_queue',
			detail: { rows: 4 },
			patientIds: ['P1', 'P2', 'P1', null]
		});
		await audit(db, {
			actor: 'mia@x',
			action: 'patient.export',
			subjectType: 'adherence',
			patientIds: ['P2', 'P3']
		});
		await audit(db, { actor: 'kim@x', action: 'patient.view', patientId: 'P2' });
		const seen = async (patientId: string) =>
			(await listAudit(db, { patientId })).rows.map((r) => `${r.actor} ${r.action}`);
		// P2 is in both lists and has a page of its own; P1 only in the first list (once, though
		// listed twice); nobody saw P4.
		expect(await seen('P2')).toEqual([
			'kim@x patient.view',
			'mia@x patient.export',
			'mia@x patient.list'
		]);
		expect(await seen('P1')).toEqual(['mia@x patient.list']);
		expect(await seen('P4')).toEqual([]);
		const links = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_patients');
		expect(links[0].n).toBe(4); // P1, P2 (first list) + P2, P3 (export)
	});

	it('joins the caller’s transaction, so a rolled-back change leaves no audit behind', async () => {
		await expect(
			db.transaction(async (conn) => {
				await audit(conn, { actor: 'a@x', action: 'patient.list', patientIds: ['P9'] });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect((await listAudit(db, { patientId: 'P9' })).total).toBe(0);
	});
});

describe('rejected rows', () => {
	it('a view or export records the import, files and lines', async () => {
		const rejects = [
			{ file: 'surveys.csv', line: 4 },
			{ file: 'surveys.csv', line: 9 },
			{ file: 'fills.csv', line: 2 }
		];
		await auditRejects(db, { actor: 'mia@x', ip: '10.0.0.1' }, 'export', rejects, {
			importId: 7
		});
		const [row] = (await listAudit(db, { action: 'import' })).rows;
		expect(row).toMatchObject({
			actor: 'mia@x',
			action: 'import.rejects_export',
			subjectType: 'import',
			subjectId: '7',
			ip: '10.0.0.1',
			detail: { rows: 3, file: null, lines: { 'surveys.csv': [4, 9], 'fills.csv': [2] } }
		});
	});
});
