// The dashboard tests' hand-made March, shared so every reader is checked against the same rows.
// i2 repeats i1 (same patient p1, same reason, 23 h later); i4 is abandoned with no agent; i5 and
// s4 lie in April; s3 links to an interaction that does not exist.
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';

const SEED = `
INSERT INTO interactions VALUES
	('i1', '2026-03-02 10:00:00', 'voice', 'inbound', 'p1', 'a1', 'north', 'refill', 5, 100, 20, 30, 'resolved', NULL, NULL, 1),
	('i2', '2026-03-03 09:00:00', 'voice', 'inbound', 'p1', 'a2', 'south', 'refill', 9, 60, NULL, NULL, 'resolved', NULL, NULL, 1),
	('i3', '2026-03-05 12:00:00', 'chat', 'inbound', 'p2', 'a1', 'north', 'billing', NULL, 200, 0, 10, 'unresolved', NULL, NULL, 1),
	('i4', '2026-03-06 08:00:00', 'voice', 'inbound', NULL, NULL, NULL, 'general', 300, NULL, NULL, NULL, 'abandoned', NULL, NULL, 1),
	('i5', '2026-04-01 08:00:00', 'voice', 'inbound', 'p1', 'a1', 'north', 'refill', 1, 50, 0, 0, 'resolved', NULL, NULL, 1);
INSERT INTO surveys VALUES
	('s1', 'i1', 'p1', '2026-03-02 11:00:00', 2, 3, 5, false, 'The wait was TERRIBLE', 1),
	('s2', 'i3', 'p2', '2026-03-05 13:00:00', 5, 10, 2, true, 'great', 1),
	('s3', 'ghost', NULL, '2026-03-04 00:00:00', 4, NULL, NULL, NULL, NULL, 1),
	('s4', 'i1', 'p1', '2026-04-02 00:00:00', 5, NULL, NULL, NULL, NULL, 1);
INSERT INTO transcripts VALUES
	('i3', 0, 'patient', 0, 'My card was charged twice', 1),
	('i2', 0, 'patient', 0, 'refill please', 1);
`;

/** A fresh in-memory database holding the hand-made March. */
export async function createMarchDb(): Promise<Db> {
	const db = await createTestDb();
	for (const stmt of SEED.split(';\n')) if (stmt.trim()) await db.run(stmt);
	return db;
}
