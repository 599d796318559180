// The `kpis` and `adherence` commands end to end: run() against a temp database file, JSON shape
// as the contract's "Machine-readable output" lists it, figures as in contact/adherence tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import kpis from '../../../../pipelines/commands/kpis.ts';
import adherence from '../../../../pipelines/commands/adherence.ts';
import { CliError } from '../../../../pipelines/lib/args.ts';
import { openDb } from '../db/index.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../../tests/fixtures/kpi/${name}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'careloop-kpi-cli-'));
const previousDb = process.env.CARELOOP_DB;

beforeAll(async () => {
	process.env.CARELOOP_DB = join(dir, 'cli.duckdb');
	const db = await openDb(process.env.CARELOOP_DB);
	await db.run(fixture('contact.sql'));
	await db.run(fixture('adherence.sql'));
	await db.close();
});
afterAll(() => {
	process.env.CARELOOP_DB = previousDb;
	rmSync(dir, { recursive: true, force: true });
});

async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
	let out = '';
	const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
		out += String(chunk);
		return true;
	});
	try {
		return { code: await run(), out };
	} finally {
		spy.mockRestore();
	}
}

const CONTRACT_FIELDS = [
	'contacts',
	'handled_inbound',
	'surveys',
	'csat',
	'nps',
	'ces',
	'aht_seconds',
	'asa_seconds',
	'abandon_rate',
	'fcr',
	'response_rate'
];

describe('careloop kpis', () => {
	it('prints the contract JSON shape', async () => {
		const { code, out } = await capture(() =>
			kpis.run([
				'--from',
				'2024-03-01',
				'--to',
				'2024-03-08T01:00:00+01:00',
				'--by',
				'team',
				'--format',
				'json'
			])
		);
		expect(code).toBe(0);
		const json = JSON.parse(out);
		// +01:00 is echoed back in UTC
		expect(json).toMatchObject({
			from: '2024-03-01T00:00:00Z',
			to: '2024-03-08T00:00:00Z',
			by: 'team'
		});
		for (const f of CONTRACT_FIELDS) expect(json.total, f).toHaveProperty(f);
		expect(Number.isInteger(json.total.contacts)).toBe(true);
		// unrounded: FCR 400/7 (see contact.test.ts)
		expect(json.total.fcr).toBe(400 / 7);
		expect(json.rows.map((r: { key: string | null }) => r.key)).toEqual(['t1', 't2', 't3', null]);
		for (const f of ['key', ...CONTRACT_FIELDS]) expect(json.rows[0], f).toHaveProperty(f);
	});

	it('has rows [] without --by and rejects bad arguments in one sentence', async () => {
		const { out } = await capture(() =>
			kpis.run(['--from', '2024-03-01', '--to', '2024-03-08', '--format', 'json'])
		);
		expect(JSON.parse(out).rows).toEqual([]);
		await expect(kpis.run(['--from', '2024-02-30', '--to', '2024-03-08'])).rejects.toThrow(
			CliError
		);
		await expect(kpis.run(['--from', '2024-03-01'])).rejects.toThrow(/--to is required/);
		await expect(
			kpis.run(['--from', '2024-03-01', '--to', '2024-03-08', '--by', 'year'])
		).rejects.toThrow(/--by must be one of/);
	});
});

describe('careloop kpis --tz', () => {
	it('reads bare period dates as local midnights of the zone and buckets by local day', async () => {
		// New York (UTC−5 until 10 March 2024): 1–7 March = [03-01T05:00Z, 03-08T05:00Z); the same
		// figures as contact.test.ts's New York case: 9 contacts, 7 surveys, first day 1 March.
		const { out } = await capture(() =>
			kpis.run([
				'--from',
				'2024-03-01',
				'--to',
				'2024-03-08',
				'--by',
				'day',
				'--tz',
				'America/New_York',
				'--format',
				'json'
			])
		);
		const json = JSON.parse(out);
		expect([json.from, json.to]).toEqual(['2024-03-01T05:00:00Z', '2024-03-08T05:00:00Z']);
		expect([json.total.contacts, json.total.surveys]).toEqual([9, 7]);
		expect(json.rows[0]).toMatchObject({ key: '2024-03-01', contacts: 1, surveys: 1 });
		// a bound with an offset stays that instant whatever the zone
		const { out: exact } = await capture(() =>
			kpis.run([
				'--from',
				'2024-03-01T00:00:00Z',
				'--to',
				'2024-03-08T00:00:00Z',
				'--tz',
				'America/New_York',
				'--format',
				'json'
			])
		);
		expect(JSON.parse(exact).from).toBe('2024-03-01T00:00:00Z');
		await expect(
			kpis.run(['--from', '2024-03-01', '--to', '2024-03-08', '--tz', 'Mars/Olympus'])
		).rejects.toThrow('--tz "Mars/Olympus" is not a known time zone');
		await expect(kpis.run(['--from', '0000-03-01', '--to', '2024-03-08'])).rejects.toThrow(
			'must fall between 1900 and 2199'
		);
	});

	it('prints service_level among the fields', async () => {
		const { out } = await capture(() =>
			kpis.run(['--from', '2024-03-01', '--to', '2024-03-08', '--format', 'json'])
		);
		// handled inbound with a queue time in the period: i1 10, i2 20, i3b 5, i6 0, i8 30 (i3 and
		// i7 have none; i4 is abandoned) → 5 answered, all within 30 s → 100 %
		expect(JSON.parse(out).total).toMatchObject({
			service_level: 100,
			asa_count: 5,
			answered_in_time: 5
		});
	});
});

describe('careloop adherence', () => {
	it('prints the contract JSON shape for --period', async () => {
		const { code, out } = await capture(() =>
			adherence.run(['--period', '2024', '--format', 'json'])
		);
		expect(code).toBe(0);
		const json = JSON.parse(out);
		expect(json.from).toBe('2024-01-01');
		expect(json.to).toBe('2025-01-01');
		expect(json.classes.map((c: { class: string }) => c.class)).toEqual([
			'diabetes',
			'ras',
			'statin'
		]);
		expect(Object.keys(json.classes[0])).toEqual(
			expect.arrayContaining(['class', 'eligible', 'adherent', 'rate'])
		);
		expect(Object.keys(json.patients[0])).toEqual(
			expect.arrayContaining([
				'patient_id',
				'class',
				'index_date',
				'treatment_days',
				'covered_days',
				'pdc',
				'adherent'
			])
		);
		expect(json.patients.map((p: { patient_id: string }) => p.patient_id)).toEqual([
			'P1',
			'P2',
			'P3',
			'P5',
			'P6'
		]);
		expect(json.refill_on_time).toEqual({ pairs: 9, on_time: 7, rate: 7 / 9 });
		// the contact fixture adds i5, an outbound refill_reminder on 2024-03-05 (P1, reached; P1 has no
		// fill 03-05..03-12) → adherence.test.ts's 7 reminders + 1, reached 4 + 1
		expect(json.reminder_funnel).toEqual({
			reminded: 8,
			reached: 5,
			refill_requested: 1,
			refilled: 4
		});
	});

	it('accepts --from/--to and rejects a bad period', async () => {
		const { out } = await capture(() =>
			adherence.run(['--from', '2024-01-01', '--to', '2024-07-01', '--format', 'csv'])
		);
		expect(out.split('\r\n')[0]).toBe('class,eligible,adherent,rate,band');
		await expect(adherence.run(['--period', '24'])).rejects.toThrow(/not a year/);
		await expect(adherence.run(['--from', '2024-01-01', '--to', '2023-01-01'])).rejects.toThrow(
			/after --from/
		);
	});
});
