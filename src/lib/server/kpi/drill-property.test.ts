// Property: for every KPI of the registry, the rows a drill-down lists are exactly the rows the
// figure counts — the list's size equals the count (denominator, numerator, the rest; NPS's
// promoters, passives, detractors) and a mean over the listed rows equals the figure — for the
// total, for a local day bucket and for a channel; over random data, several site time zones
// (half-hour offsets and southern-hemisphere DST included) and random non-default settings; with
// the interaction stream derived from raw rows and read from the facts maintained at import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { bucketRange, parseDrill, parseFilter } from '../dashboard/filters.ts';
import { listInteractions, listSurveys } from '../dashboard/interactions.ts';
import { computeKpiSets, type KpiRow } from './contact.ts';
import { derivedReady, refreshDerived } from './derived.ts';
import { drillChoices } from './drill.ts';
import { CONTACT_KPIS, type ContactKpi } from './registry.ts';
import { DEFAULT_SETTINGS, type KpiSettings } from './settings.ts';

/** mulberry32: a small seeded generator, so every run checks the same cases. */
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

const ZONES = [
	'UTC',
	'America/New_York',
	'Europe/London',
	'Asia/Kolkata',
	'Pacific/Auckland',
	'America/Sao_Paulo'
];

let db: Db;

/** Three weeks around the March 2026 DST changes: 400 contacts, 160 surveys, repeat contacts. */
beforeAll(async () => {
	db = await createTestDb();
	const r = random(20260308);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
	const start = Date.UTC(2026, 2, 1);
	const values: string[] = [];
	for (let i = 0; i < 400; i++) {
		const at = new Date(start + Math.floor(r() * 21 * 86_400_000)).toISOString();
		const abandoned = r() < 0.12;
		const outbound = r() < 0.1;
		const n = (p: number, max: number) => (r() < p ? 'NULL' : String(Math.floor(r() * max)));
		values.push(
			`('c${i}', '${at}', '${pick(['voice', 'chat', 'sms'])}', '${outbound ? 'outbound' : 'inbound'}', ` +
				`${r() < 0.15 ? 'NULL' : `'p${Math.floor(r() * 40)}'`}, ${abandoned ? 'NULL' : `'a${Math.floor(r() * 6)}'`}, ` +
				`${r() < 0.1 ? 'NULL' : `'${pick(['east', 'west'])}'`}, '${pick(['refill', 'billing'])}', ` +
				`${n(0.1, 90)}, ${n(0.05, 600)}, ${n(0.3, 120)}, ${n(0.3, 90)}, ` +
				`'${abandoned ? 'abandoned' : pick(['resolved', 'resolved', 'unresolved', 'escalated'])}', NULL, NULL, 1)`
		);
	}
	await db.run(`INSERT INTO interactions VALUES ${values.join(',\n')}`);
	const surveys: string[] = [];
	for (let i = 0; i < 160; i++) {
		const link = r() < 0.1 ? 'NULL' : r() < 0.05 ? `'ghost'` : `'c${Math.floor(r() * 400)}'`;
		const at = new Date(start + Math.floor(r() * 21 * 86_400_000)).toISOString();
		const score = (p: number, lo: number, hi: number) =>
			r() < p ? 'NULL' : String(lo + Math.floor(r() * (hi - lo + 1)));
		surveys.push(
			`('s${i}', ${link}, NULL, '${at}', ${score(0.2, 1, 5)}, ${score(0.3, 0, 10)}, ${score(0.4, 1, 7)}, NULL, 'x', 1)`
		);
	}
	await db.run(`INSERT INTO surveys VALUES ${surveys.join(',\n')}`);
});
afterAll(async () => db.close());

function settingsFor(seed: number, tz: string): KpiSettings {
	const r = random(seed);
	const promoter = 7 + Math.floor(r() * 4);
	return {
		...DEFAULT_SETTINGS,
		siteTimeZone: tz,
		csatSatisfiedMin: 3 + Math.floor(r() * 3),
		npsPromoterMin: promoter,
		npsDetractorMax: Math.floor(r() * promoter),
		fcrRepeatWindowHours: 12 + Math.floor(r() * 200),
		serviceLevelSeconds: 5 + Math.floor(r() * 60)
	};
}

const c = (row: KpiRow, field: string) => (row as Record<string, number | null>)[field] ?? 0;

/** What the engine says each part of a KPI holds, and (for means) the figure. */
function expected(kpi: ContactKpi, row: KpiRow): Record<string, number> {
	const n = c(row, kpi.n.field);
	if (kpi.kind === 'rate')
		return { all: n, num: c(row, kpi.k.field), rest: n - c(row, kpi.k.field) };
	if (kpi.kind === 'nps') {
		const [p, d] = [c(row, kpi.promoters.field), c(row, kpi.detractors.field)];
		return { all: n, promoters: p, detractors: d, passives: n - p - d };
	}
	return { all: n };
}

async function list(query: string, tz: string, s: KpiSettings) {
	const url = new URL(`http://x/interactions?${query}`);
	const kpi = CONTACT_KPIS.find((k) => k.id === url.searchParams.get('kpi'));
	const o = {
		filter: parseFilter(url, '2026-03-21', tz),
		drill: parseDrill(url),
		settings: s,
		page: null
	};
	const result =
		kpi?.stream === 'surveys' ? await listSurveys(db, o) : await listInteractions(db, o);
	return { total: result.total, rows: result.rows as unknown as Record<string, unknown>[] };
}

const MEAN_OF: Record<string, string> = { aht: 'handleSeconds', asa: 'queueSeconds', ces: 'ces' };

describe.each(ZONES.map((tz, i) => [tz, 1000 + i] as const))(
	'drill-downs equal figures in %s',
	(tz, seed) => {
		// The stored path in half the zones keeps the suite's time in check.
		it.each([
			['derived from raw rows', false],
			...(seed % 2 === 0 ? ([['read from the stored facts', true]] as const) : [])
		] as const)(
			'for the total, a local day and a channel, every KPI and part, %s',
			async (_how, stored) => {
				const s = settingsFor(seed, tz);
				if (stored) await refreshDerived(db, s);
				expect(await derivedReady(db, s)).toBe(stored);
				const period = 'from=2026-03-03&to=2026-03-17';
				const f = parseFilter(new URL(`http://x/?${period}`), '2026-03-21', tz);
				const sets = await computeKpiSets(db, f, ['total', 'day', 'channel'], s);
				const total = (sets.get('total') as KpiRow[])[0];
				// the DST Sunday (8 March; 5 April in the south) or any day with rows, and voice
				const day = (sets.get('day') as KpiRow[]).find((r) => r.key === '2026-03-08') ?? null;
				const voice = (sets.get('channel') as KpiRow[]).find((r) => r.key === 'voice') ?? null;
				const scopes: [string, KpiRow][] = [[period, total]];
				if (day) {
					const b = bucketRange('2026-03-08', 'day', f);
					scopes.push([`from=${b.from}&to=${b.to}`, day]);
				}
				if (voice) scopes.push([`${period}&channel=voice`, voice]);
				expect(total.contacts).toBeGreaterThan(100);
				for (const kpi of CONTACT_KPIS) {
					for (const [scope, row] of scopes) {
						const want = expected(kpi, row);
						for (const { part } of drillChoices(kpi)) {
							const q = `${scope}&kpi=${kpi.id}${part === 'all' ? '' : `&part=${part}`}`;
							const got = await list(q, tz, s);
							expect(got.total, `${tz} ${q}`).toBe(want[part]);
							if (part === 'all' && MEAN_OF[kpi.id] && got.total > 0) {
								const values = got.rows.map((x) => Number(x[MEAN_OF[kpi.id]]));
								const mean = values.reduce((a, b) => a + b, 0) / values.length;
								expect(mean, `${tz} ${q} mean`).toBeCloseTo(c(row, kpi.field), 9);
							}
						}
					}
				}
			}
		);
	}
);
