// Targets: seeded defaults, most specific scope wins, met/near/missed, and the Overview tiles.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import {
	deleteTarget,
	findTarget,
	listTargets,
	targetStatus,
	upsertTarget,
	type Target
} from './targets.ts';
import { kpiTiles } from './tiles.ts';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => db.close());

const target = (comparison: 'min' | 'max', value: number): Target => ({
	kpi: 'csat',
	team: null,
	channel: null,
	comparison,
	value,
	updatedAt: '',
	updatedBy: ''
});

describe('targets', () => {
	it('are seeded with the documented defaults', async () => {
		const t = await listTargets(db);
		const global = (kpi: string) => t.find((x) => x.kpi === kpi && !x.team && !x.channel);
		expect(global('csat')).toMatchObject({ comparison: 'min', value: 80 });
		expect(global('nps')).toMatchObject({ comparison: 'min', value: 70 });
		expect(global('asa')).toMatchObject({ comparison: 'max', value: 30 });
		expect(global('abandon')).toMatchObject({ comparison: 'max', value: 5 });
		expect(global('pdc_adherent_share')).toMatchObject({ comparison: 'min', value: 0.8 });
		expect(global('refill_on_time')).toMatchObject({ comparison: 'min', value: 0.9 });
		expect(t.find((x) => x.kpi === 'aht' && x.channel === 'voice')).toMatchObject({
			comparison: 'max',
			value: 300
		});
	});

	it('picks the most specific scope: team+channel > channel > team > global', async () => {
		await upsertTarget(
			db,
			{ kpi: 'aht', team: 'Night', channel: null, comparison: 'max', value: 350 },
			'test'
		);
		await upsertTarget(
			db,
			{ kpi: 'aht', team: 'night', channel: 'voice', comparison: 'max', value: 320 },
			'test'
		);
		const t = await listTargets(db);
		expect(findTarget(t, 'aht', {})?.value).toBe(300);
		expect(findTarget(t, 'aht', { channel: 'chat' })?.value).toBe(480);
		expect(findTarget(t, 'aht', { team: 'night' })?.value).toBe(350);
		expect(findTarget(t, 'aht', { team: 'night', channel: 'chat' })?.value).toBe(480);
		expect(findTarget(t, 'aht', { team: 'night', channel: 'voice' })?.value).toBe(320);
		// replacing keeps one row per scope; deleting removes it
		await upsertTarget(
			db,
			{ kpi: 'aht', team: 'night', channel: 'voice', comparison: 'max', value: 310 },
			'test'
		);
		expect(
			(await listTargets(db))
				.filter((x) => x.team === 'night' && x.channel === 'voice')
				.map((x) => x.value)
		).toEqual([310]);
		await deleteTarget(db, { kpi: 'aht', team: 'night', channel: 'voice' }, 'test');
		// without the team+channel row, the voice channel target (300) outranks the team's (350)
		expect(
			findTarget(await listTargets(db), 'aht', { team: 'night', channel: 'voice' })?.value
		).toBe(300);
		await expect(
			upsertTarget(db, { kpi: 'speed', comparison: 'min', value: 1 }, 'x')
		).rejects.toThrow(/not a KPI/);
		await expect(
			upsertTarget(db, { kpi: 'refill_on_time', comparison: 'min', value: 90 }, 'x')
		).rejects.toThrow('Refills on time targets lie between 0 and 1 (a fraction, e.g. 0.8).');
	});

	it.each([
		// a rate is 0–100 %, NPS −100…100, CES on its 1–7 scale, seconds never negative
		[{ kpi: 'csat', value: 250 }, 'CSAT targets lie between 0 and 100 %.'],
		[{ kpi: 'ces', value: 9 }, 'Customer effort (CES) targets lie between 1 and 7.'],
		[{ kpi: 'nps', value: -101 }, 'NPS targets lie between -100 and 100 points.'],
		[{ kpi: 'aht', value: -5 }, 'Average handle time targets lie between 0 and 86400 seconds.'],
		// lower handle time is better: "AHT at least 300 s" would call every slow team "met"
		[
			{ kpi: 'aht', value: 300, comparison: 'min' },
			'Average handle time is better lower, so its target is a maximum (≤).'
		],
		[
			{ kpi: 'fcr', value: 70, comparison: 'max' },
			'First-contact resolution is better higher, so its target is a minimum (≥).'
		]
	])('refuses the impossible target %o', async (input, message) => {
		await expect(upsertTarget(db, input, 'x')).rejects.toThrow(message);
	});

	it('takes the direction from the registry, whatever was stored before', async () => {
		// An older version let a manager store "AHT ≥ 250"; the registry says lower is better.
		await db.run(
			`INSERT INTO kpi_targets (kpi, team, channel, comparison, value) VALUES ('aht', 'west', NULL, 'min', 250)`
		);
		const stored = (await listTargets(db)).find((t) => t.kpi === 'aht' && t.team === 'west');
		expect(stored?.comparison).toBe('max');
		// and a target saved without a direction gets the registry's
		const saved = await upsertTarget(db, { kpi: 'asa', team: 'west', value: 20 }, 'x');
		expect(saved.comparison).toBe('max');
		// service level is seeded at ≥ 80 %
		expect(findTarget(await listTargets(db), 'service_level', {})).toMatchObject({
			comparison: 'min',
			value: 80
		});
	});

	it('says met, near (within 5 % of the target) or missed', () => {
		// min 80: 80 met; 76 is 4 short = 5 % of 80 → near; 75.9 missed
		expect(targetStatus(80, target('min', 80), 5)).toBe('met');
		expect(targetStatus(76, target('min', 80), 5)).toBe('near');
		expect(targetStatus(75.9, target('min', 80), 5)).toBe('missed');
		// max 300: 315 is 15 over = 5 % → near; 316 missed
		expect(targetStatus(315, target('max', 300), 5)).toBe('near');
		expect(targetStatus(316, target('max', 300), 5)).toBe('missed');
		expect(targetStatus(null, target('max', 300), 5)).toBeNull();
		expect(targetStatus(1, null, 5)).toBeNull();
	});
});

describe('kpiTiles', () => {
	it('builds one tile per KPI with interval, target, status and the previous period', async () => {
		const local = await createTestDb();
		await local.run(
			readFileSync(new URL('../../../../tests/fixtures/kpi/contact.sql', import.meta.url), 'utf8')
		);
		const tiles = await kpiTiles(local, {
			from: new Date('2024-03-01T00:00:00Z'),
			to: new Date('2024-03-08T00:00:00Z')
		});
		expect(tiles.map((t) => t.kpi)).toEqual([
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
		const by = Object.fromEntries(tiles.map((t) => [t.kpi, t]));
		// CSAT 3/6 = 50 (see contact.test.ts); Wilson(3, 6) × 100 = 18.7615–81.2385; target ≥ 80: 30 short
		// > 4 → missed; previous week (02-23..03-01) has no surveys → no change; 6 < 30 → too few
		expect(by.csat).toMatchObject({
			value: 50,
			n: 6,
			target: { comparison: 'min', value: 80 },
			status: 'missed',
			previous: null,
			change: null,
			significant: false,
			tooFew: true
		});
		expect(by.csat.interval?.low).toBeCloseTo(18.7615, 3);
		// AHT 130 vs previous i9 (talk 1 s) → change 129, but one previous contact: no test
		expect(by.aht).toMatchObject({
			value: 130,
			n: 7,
			previous: 1,
			change: 129,
			significant: false,
			status: 'met'
		});
		// ASA 13 ≤ 30 met; abandon 12.5 vs ≤ 5 missed
		expect(by.asa.status).toBe('met');
		expect(by.abandon).toMatchObject({ value: 12.5, n: 8, status: 'missed' });
		// no fills: adherence tiles have no value
		expect(by.pdc_adherent_share).toMatchObject({ value: null, n: 0, status: null, tooFew: true });
		await local.close();
	});
});
