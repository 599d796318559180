import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db/index.ts';
import { createTestDb } from './db/testing.ts';
import { summarizeData } from './data-summary.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(async () => {
	await db.close();
});

describe('summarizeData', () => {
	it('counts rows and gives the first and last UTC date per kind, zero when empty', async () => {
		await db.run(`INSERT INTO interactions (interaction_id, started_at, channel, direction, reason, disposition, import_id) VALUES
			('i1', TIMESTAMP '2026-01-05 23:30:00', 'voice', 'inbound', 'refill', 'resolved', 1),
			('i2', TIMESTAMP '2026-02-01 00:10:00', 'chat', 'inbound', 'refill', 'abandoned', 1)`);
		await db.run(`INSERT INTO fills (fill_id, patient_id, drug_name, fill_date, days_supply, import_id) VALUES
			('f1', 'p1', 'atorvastatin', DATE '2025-12-31', 30, 1)`);
		// interactions: 2 rows, 2026-01-05 … 2026-02-01; surveys and transcripts empty; fills: 1 row on 2025-12-31.
		expect(await summarizeData(db)).toEqual([
			{ kind: 'interactions', rows: 2, first: '2026-01-05', last: '2026-02-01' },
			{ kind: 'surveys', rows: 0, first: null, last: null },
			{ kind: 'transcripts', rows: 0, first: null, last: null },
			{ kind: 'fills', rows: 1, first: '2025-12-31', last: '2025-12-31' }
		]);
	});
});
