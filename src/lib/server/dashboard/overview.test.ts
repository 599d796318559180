// The Overview's server data on a hand-made March: tiles, links and breakdowns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarchDb } from './march-fixture.test-helpers.ts';
import type { Db } from '../db/index.ts';
import { parseFilter } from './filters.ts';
import { loadOverview, warmOverview } from './overview.ts';
import { kpiTiles } from '../kpi/index.ts';
import { tileView } from './format.ts';
import type { TileView } from '../../components/types.ts';

let db: Db;

beforeAll(async () => {
	db = await createMarchDb();
});
afterAll(async () => db.close());

const march = () =>
	parseFilter(new URL('http://x/overview?from=2026-03-01&to=2026-03-31'), '2026-03-31');

describe('loadOverview', () => {
	it('has one tile per KPI, each linking to the rows behind it', async () => {
		const o = await loadOverview(db, march());
		expect(o.tiles.map((t) => t.key)).toEqual([
			'csat',
			'nps',
			'ces',
			'aht',
			'asa',
			'abandon',
			'fcr',
			'response',
			'service_level',
			'pdc_adherent_share',
			'refill_on_time'
		]);
		const csat = o.tiles[0];
		// March surveys with CSAT: s1 (2), s2 (5), s3 (4) → 2 satisfied of 3 = 66.7 %, below the minimum sample of 30.
		expect([csat.value, csat.n, csat.tooFew]).toEqual(['66.7', 3, true]);
		expect(csat.href).toBe('/interactions?from=2026-03-01&to=2026-03-31&kpi=csat');
		// PDC is measured over the 365 days ending where March ends: [2025-04-01, 2026-04-01)
		// (no 29 February in between), shown on the adherence page as 2025-04-01 … 2026-03-31.
		expect(o.tiles.find((t) => t.key === 'pdc_adherent_share')?.href).toBe(
			'/adherence?from=2025-04-01&to=2026-03-31'
		);
	});

	it('breaks down by channel with links that add the channel', async () => {
		const o = await loadOverview(db, march());
		// March: chat i3; voice i1, i2, i4.
		expect(o.byChannel.map((r) => [r.key, r.contacts])).toEqual([
			['chat', 1],
			['voice', 3]
		]);
		expect(o.byChannel[1].cells.fcr.href).toBe(
			'/interactions?from=2026-03-01&to=2026-03-31&channel=voice&kpi=fcr'
		);
	});

	it('links each daily trend point to that day', async () => {
		const o = await loadOverview(db, march());
		expect(o.bucket).toBe('day');
		const csat = o.trends.find((t) => t.kpi === 'csat');
		// Surveys submitted on 2 March (s1), 4 March (s3), 5 March (s2).
		const day2 = csat?.points.find((p) => p.date === '2026-03-02');
		expect(day2?.href).toBe('/interactions?from=2026-03-02&to=2026-03-02&kpi=csat');
		expect(csat?.target).toBe(80);
	});

	it('shows the same tiles as kpiTiles computing every period itself', async () => {
		// The Overview hands its own total and adherence to kpiTiles instead of recomputing them.
		const f = march();
		const o = await loadOverview(db, f);
		const days = Math.round((f.to.getTime() - f.from.getTime()) / 86_400_000);
		const alone = await kpiTiles(db, { from: f.from, to: f.to });
		const shown = ({ href: _h, spark: _s, ...rest }: TileView) => rest;
		expect(o.tiles.map(shown)).toEqual(alone.map((t) => shown(tileView(t, '', days))));
	});

	it('warms the default Overview so the first visit is served from the cache', async () => {
		await expect(warmOverview(db, '2026-03-31')).resolves.toBeUndefined();
	});
});
