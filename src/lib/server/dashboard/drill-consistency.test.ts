// Every drill-down lists exactly the rows behind the engine's figure: its counts equal the
// engine's numerators and denominators for the same filter (one KPI code path, two readers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarchDb } from './march-fixture.test-helpers.ts';
import type { Db } from '../db/index.ts';
import { computeKpis } from '../kpi/index.ts';
import { parseDrill, parseFilter } from './filters.ts';
import { runList } from './lists.ts';

let db: Db;

beforeAll(async () => {
	db = await createMarchDb();
});
afterAll(async () => db.close());

const CHECKS = [
	['contacts', ''],
	['csat_responses', 'kpi=csat'],
	['csat_satisfied', 'kpi=csat&part=num'],
	['nps_responses', 'kpi=nps'],
	['promoters', 'kpi=nps&part=promoters'],
	['detractors', 'kpi=nps&part=detractors'],
	['ces_responses', 'kpi=ces'],
	['fcr_eligible', 'kpi=fcr'],
	['fcr_resolved', 'kpi=fcr&part=num'],
	['handled_inbound', 'direction=inbound&disposition=handled'],
	['handled_inbound', 'kpi=aht'],
	['asa_count', 'kpi=asa'],
	['answered_in_time', 'kpi=service_level&part=num'],
	['inbound', 'direction=inbound'],
	['inbound', 'kpi=abandon'],
	['abandoned', 'kpi=abandon&part=num'],
	['responded', 'kpi=response&part=num'],
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
