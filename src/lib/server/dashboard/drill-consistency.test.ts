// Every drill-down lists exactly the rows behind the engine's figure: its counts equal the
// engine's numerators and denominators for the same filter (one KPI code path, two readers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import type { Db } from '../db/index.ts';
import { computeKpis } from '../kpi/index.ts';
import { parseDrill, parseFilter } from './filters.ts';
import { runList } from './lists.ts';

let db: Db;

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

beforeAll(async () => {
	db = await createTestDb();
	for (const stmt of SEED.split(';\n')) if (stmt.trim()) await db.run(stmt);
});
afterAll(async () => db.close());

const CHECKS = [
	['contacts', ''],
	['csat_responses', 'view=surveys&csat=any'],
	['csat_satisfied', 'view=surveys&csat=high'],
	['nps_responses', 'view=surveys&nps=any'],
	['promoters', 'view=surveys&nps=promoter'],
	['detractors', 'view=surveys&nps=detractor'],
	['ces_responses', 'view=surveys&ces=any'],
	['fcr_eligible', 'fcr=any'],
	['fcr_resolved', 'fcr=1'],
	['handled_inbound', 'direction=inbound&disposition=handled'],
	['inbound', 'direction=inbound'],
	['abandoned', 'direction=inbound&disposition=abandoned'],
	['responded', 'direction=inbound&disposition=handled&surveyed=1']
] as const;

describe.each(['', '&team=north', '&channel=voice'])('drill-downs for filter "%s"', (extra) => {
	it.each(CHECKS)('%s matches the list behind it', async (field, drill) => {
		const url = new URL(`http://x/interactions?from=2026-03-01&to=2026-03-31${extra}&${drill}`);
		const f = parseFilter(url, '2026-03-31');
		const engine = await computeKpis(db, {
			from: f.from,
			to: f.to,
			team: f.team,
			channel: f.channel
		});
		const list = await runList(db, f, parseDrill(url));
		expect(list.total).toBe(engine.total[field]);
	});
});
