// Independent audit of the KPI engine and `careloop kpis` / `careloop adherence` against
// /work/shared/spec/data-contract.md ("Default KPI definitions", "Machine-readable output").
// Fixture: tests/fixtures/contract/kpi (boundary instants with offsets, exactly-168 h repeats,
// dangling survey links, null teams, outbound rows, abandoned rows without agents, same-date and
// overlapping fills, supply past the period end). Figures are compared with the plain-TS
// reference (pipelines/verify/reference.ts) to 1e-9, and key ones are worked out by hand below.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import kpisCommand from '../../pipelines/commands/kpis.ts';
import adherenceCommand from '../../pipelines/commands/adherence.ts';
import { crossCheck, KPI_FIELDS } from '../../pipelines/verify/crosscheck.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { createTestDb } from '../../src/lib/server/db/testing.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { computeAdherence, computeKpis } from '../../src/lib/server/kpi/index.ts';

const FIXTURE = 'tests/fixtures/contract/kpi';
const FROM = '2024-03-01T00:00:00+01:00'; // = 2024-02-29T23:00:00Z
const TO = '2024-03-11';
const IH =
	'interaction_id,started_at,channel,direction,patient_id,agent_id,team,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition,campaign,outcome';

let db: Db;
let dbFile: string;
const savedEnv = process.env.CARELOOP_DB;

beforeAll(async () => {
	db = await createTestDb();
	await ingestPaths(db, [FIXTURE], { importedBy: 'contract test' });
	// A file database for the command modules (they open CARELOOP_DB themselves).
	dbFile = join(await mkdtemp(join(tmpdir(), 'contract-kpis-')), 'verify.duckdb');
	const fileDb = await openDb(dbFile);
	await ingestPaths(fileDb, [FIXTURE], { importedBy: 'contract test' });
	await fileDb.close();
});

afterAll(async () => {
	await db.close();
	if (savedEnv === undefined) delete process.env.CARELOOP_DB;
	else process.env.CARELOOP_DB = savedEnv;
});

/** Runs a command module against `file`, returning its exit code and parsed stdout. */
async function runJson(
	command: { run(args: string[]): Promise<number> },
	args: string[],
	file = dbFile
): Promise<{ code: number; out: Record<string, unknown> }> {
	process.env.CARELOOP_DB = file;
	let text = '';
	const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
		text += String(chunk);
		return true;
	});
	try {
		const code = await command.run(args);
		return { code, out: JSON.parse(text) };
	} finally {
		spy.mockRestore();
	}
}

describe('contract: KPI engine equals the independent reference', () => {
	it('every --by and adherence agree with pipelines/verify/reference.ts to 1e-9', async () => {
		expect(await crossCheck(db, FROM, TO, '2024-01-01', '2025-01-01')).toEqual([]);
		// a second, short adherence period cutting supplies mid-way
		expect(
			await crossCheck(db, '2024-03-04', '2024-03-07T06:00:00-05', '2024-04-01', '2024-05-10')
		).toEqual([]);
	});

	it('hand-computed totals: FCR repeat window, response rate, survey attribution', async () => {
		const r = await computeKpis(db, {
			from: new Date('2024-02-29T23:00:00Z'),
			to: new Date('2024-03-11T00:00:00Z'),
			by: 'team'
		});
		// contacts: 16 k-rows in [02-29T23:00Z, 03-11) (k01 is 1 µs early; k13, k17 after; k21 before) + r02–r06, r08 = 22.
		expect(r.total.contacts).toBe(22);
		// FCR denominator: handled inbound with a patient = k02 k04 k05 k07 k09 k10 k12 k14 k15 k16
		// k20 r05 = 12. Numerator: k04 (repeat at 168 h + 1 µs is outside), k07 (outbound k08 is no
		// repeat), k09 + k10 (same instant: not later), k14, r05 = 6; k02 has its repeat k03 at
		// exactly 168 h, k12 a repeat after the period, k15 a repeat k14. 100 × 6 / 12 = 50.
		expect(r.total.fcr).toBe(50);
		// response: handled inbound = 12 + k11 = 13; with a linked survey (submitted any time):
		// k02 k04 (s06 after the period) k05 k09 k11 (s11 at `to`) = 5 → 500 / 13.
		expect(r.total.response_rate).toBeCloseTo(500 / 13, 9);
		// surveys in period: s01 s02 s03 s04 s05 s07 (= from) s09 (to − 1 µs) s10 s12 s13 = 10;
		// csat: 5 1 4 3 4 4 → 4 of 6 ≥ 4; nps: 9 0 6 10 7 8 → (2 − 2) / 6; ces: 2 5 7 1 3 → 18 / 5.
		expect([r.total.surveys, r.total.csat, r.total.nps, r.total.ces]).toEqual([
			10,
			400 / 6,
			0,
			3.6
		]);
		// team rows: t1 gets s01 (k02), s05 (k01, outside the period, still attributed), s10 (k08);
		// t2: s07 (k09), s09 (k05); t9 only through s12 (its k21 is before the period: a row with
		// 0 contacts); null team: s02 (k03); s03 (dangling), s04 and s13 count in total only.
		expect(r.rows.map((x) => [x.key, x.contacts, x.surveys])).toEqual([
			['t1', 11, 3],
			['t2', 6, 2],
			['t9', 0, 1],
			[null, 5, 1]
		]);
	});

	it('hand-computed time buckets: Monday weeks keyed by their first day, period starting mid-week', async () => {
		const r = await computeKpis(db, {
			from: new Date('2024-02-29T23:00:00Z'),
			to: new Date('2024-03-11T00:00:00Z'),
			by: 'week'
		});
		// 2024-02-29 is a Thursday → week 2024-02-26; 2024-03-04 is a Monday.
		expect(r.rows.map((x) => x.key)).toEqual(['2024-02-26', '2024-03-04']);
		// week 1 surveys by submitted_at: s01 s03 s04 s05 s07 s13 (unlinked) = 6
		expect(r.rows[0].surveys).toBe(6);
	});

	it('hand-computed PDC, refill on time and funnel', async () => {
		const a = await computeAdherence(db, { from: '2024-01-01', to: '2025-01-01', patients: true });
		const p = (id: string, cls: string) =>
			a.patients.find((x) => x.patient_id === id && x.class === cls);
		// P1: 01-01 ×2 same day chain → 01-01..02-29 (60 d), 02-15 chained → 03-01..03-30 (30),
		// 12-20 → 12-20..12-31 after the cut (12): 102 of 366 days (leap year).
		expect([p('P1', 'statin')?.covered_days, p('P1', 'statin')?.treatment_days]).toEqual([
			102, 366
		]);
		// P5: 12-22 (4 d) + 12-26 (4 d) = 8 of 10 days = 0.8 → adherent (≥ 0.80).
		expect([p('P5', 'statin')?.pdc, p('P5', 'statin')?.adherent]).toEqual([0.8, true]);
		// P3: glipizide with drug_class statin override counts as statin; insulin glargine as
		// diabetes: metformin 11-01..11-30 ∪ insulin 11-20..12-19 = 49 of 61.
		expect(p('P3', 'diabetes')?.covered_days).toBe(49);
		// P7 (two fills, one date) and P6 (class other) are not eligible.
		expect([p('P7', 'statin'), p('P6', 'other')]).toEqual([undefined, undefined]);
		// pairs: P1 3 (2 late), P3 1, P4 1, P5 1, P6 1 (late), P7 1, P8 2, P9 2 (fa→fc late: "Fb" <
		// "fa" in code points), P10 1, Q1 1, p1 1 = 15, on time 11.
		expect(a.refill_on_time).toEqual({ pairs: 15, on_time: 11, rate: 11 / 15 });
		// reminders in 2024 (UTC): r02 r03 r04 r07 r08 (r01 is 2025-01-01T00:30Z, r05 inbound, r06
		// med_sync); reached r02 r03; refilled r02 (UTC date 03-06, fill 03-13 = +7), r07 (fill
		// 2025-01-06, any period), r08 (same day); r04's fill is +8 days.
		expect(a.reminder_funnel).toEqual({
			reminded: 5,
			reached: 2,
			refill_requested: 2,
			refilled: 3
		});
	});
});

describe('contract: machine-readable output of the commands', () => {
	it('kpis --format json: shape, key order, from/to echo, integers, null key last', async () => {
		for (const by of ['agent', 'team', 'channel', 'reason', 'day', 'week', 'month']) {
			const { code, out } = await runJson(kpisCommand, [
				'--from',
				FROM,
				'--to',
				TO,
				'--by',
				by,
				'--format',
				'json'
			]);
			expect(code).toBe(0);
			expect(Object.keys(out).slice(0, 5)).toEqual(['from', 'to', 'by', 'total', 'rows']);
			expect([out.from, out.to, out.by]).toEqual([
				'2024-02-29T23:00:00Z',
				'2024-03-11T00:00:00Z',
				by
			]);
			const rows = out.rows as Record<string, unknown>[];
			expect(Object.keys(out.total as object).slice(0, KPI_FIELDS.length)).toEqual([...KPI_FIELDS]);
			for (const row of [out.total as Record<string, unknown>, ...rows]) {
				for (const f of ['contacts', 'handled_inbound', 'surveys'])
					expect(Number.isInteger(row[f])).toBe(true);
			}
			for (const row of rows) expect(Object.keys(row).slice(0, 12)).toEqual(['key', ...KPI_FIELDS]);
			const keys = rows.map((r) => r.key);
			const nonNull = keys.filter((k) => k !== null) as string[];
			expect(nonNull).toEqual([...nonNull].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
			expect(keys.indexOf(null) === -1 || keys.indexOf(null) === keys.length - 1).toBe(true);
		}
		const { out } = await runJson(kpisCommand, ['--from', FROM, '--to', TO, '--format', 'json']);
		expect([out.by, out.rows]).toEqual([null, []]);
	});

	it('adherence --format json: shape, classes order, eligible patients in order', async () => {
		const { code, out } = await runJson(adherenceCommand, ['--period', '2024', '--format', 'json']);
		expect(code).toBe(0);
		expect(Object.keys(out).slice(0, 6)).toEqual([
			'from',
			'to',
			'classes',
			'patients',
			'refill_on_time',
			'reminder_funnel'
		]);
		expect([out.from, out.to]).toEqual(['2024-01-01', '2025-01-01']);
		const classes = out.classes as Record<string, unknown>[];
		expect(classes.map((c) => Object.keys(c).slice(0, 4))).toEqual(
			Array(3).fill(['class', 'eligible', 'adherent', 'rate'])
		);
		expect(classes.map((c) => c.class)).toEqual(['diabetes', 'ras', 'statin']);
		const patients = out.patients as Record<string, unknown>[];
		expect(Object.keys(patients[0])).toEqual([
			'patient_id',
			'class',
			'index_date',
			'treatment_days',
			'covered_days',
			'pdc',
			'adherent'
		]);
		// code-point order: "P1" < "P10" < "P2" … < "P9" < "p1"
		expect(patients.map((p) => `${p.patient_id}/${p.class}`)).toEqual([
			'P1/statin',
			'P10/ras',
			'P2/ras',
			'P3/diabetes',
			'P3/statin',
			'P4/statin',
			'P5/statin',
			'P8/ras',
			'P9/diabetes',
			'p1/statin'
		]);
		expect(Object.keys(out.refill_on_time as object)).toEqual(['pairs', 'on_time', 'rate']);
		expect(Object.keys(out.reminder_funnel as object)).toEqual([
			'reminded',
			'reached',
			'refill_requested',
			'refilled'
		]);
	});

	// Was a bug: --from/--to were parsed into JS Dates (ms), so a sub-millisecond bound was
	// truncated; the contract says they "parse like data timestamps" (fraction truncated to µs).
	it('kpis --from with microseconds excludes an interaction 100 µs before it', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'contract-us-'));
		await writeFile(
			join(dir, 'interactions.csv'),
			`${IH}\nu1,2024-03-01T00:00:00.0004Z,voice,,p1,x,t,refill,1,1,,,resolved,,\n`
		);
		const file = join(dir, 'us.duckdb');
		const fileDb = await openDb(file);
		await ingestPaths(fileDb, [dir], { importedBy: 'contract test' });
		await fileDb.close();
		const { out } = await runJson(
			kpisCommand,
			['--from', '2024-03-01T00:00:00.0005Z', '--to', '2024-03-02', '--format', 'json'],
			file
		);
		// u1 (…00.000400) < from (…00.000500): not in [from, to) → 0 contacts.
		expect((out.total as { contacts: number }).contacts).toBe(0);
	});

	// Was a bug: an accepted "1e400" made every KPI query throw; ingestion now rejects it.
	it('KPIs still compute when a file held a number too large for a double', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'contract-inf-'));
		await writeFile(
			join(dir, 'interactions.csv'),
			`${IH}\nb1,2024-01-01,voice,,,x,,general,,1e400,,,resolved,,\nb2,2024-01-01,voice,,,x,,general,,60,,,resolved,,\n`
		);
		const one = await createTestDb();
		try {
			await ingestPaths(one, [dir], { importedBy: 'contract test' });
			const r = await computeKpis(one, {
				from: new Date('2024-01-01T00:00:00Z'),
				to: new Date('2024-01-02T00:00:00Z')
			});
			// b1 is rejected (invalid talk_seconds) → AHT over b2 alone = 60.
			expect(r.total.aht_seconds).toBe(60);
		} finally {
			await one.close();
		}
	});
});
