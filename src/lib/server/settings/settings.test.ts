import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { DuckDBInstance } from '@duckdb/node-api';
import { Db } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { createTestDb } from '../db/testing.ts';
import { listAudit } from '../auth/audit.ts';
import {
	DEFAULT_SETTINGS,
	SETTINGS,
	SETTING_FIELDS,
	SettingsError,
	getSettings,
	onSettingsChanged,
	readSettingsForm,
	settingsForm,
	updateSettings
} from './index.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(() => db.close());

const rows = async () =>
	(await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM settings'))?.n;

describe('the settings registry', () => {
	it('gives every setting its default on a fresh database, and each default passes its own schema', async () => {
		expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
		for (const f of SETTING_FIELDS) {
			expect(v.safeParse(SETTINGS[f].schema, SETTINGS[f].default).success, f).toBe(true);
		}
		expect(new Set(SETTING_FIELDS.map((f) => SETTINGS[f].key)).size).toBe(SETTING_FIELDS.length);
		expect(DEFAULT_SETTINGS.serviceLevelSeconds).toBe(30);
		expect(DEFAULT_SETTINGS.siteTimeZone).toBe('UTC');
	});

	it('stores form text and typed values alike, by key or by field, and reads them back typed', async () => {
		await updateSettings(
			db,
			{ min_sample: '50', pdcExcludeInsulin: 'on', qa_aht_target_seconds: 900, lookbackDays: 14 },
			'm@x'
		);
		const s = await getSettings(db);
		expect(s).toMatchObject({
			minSample: 50,
			pdcExcludeInsulin: true,
			ahtTargetSeconds: 900,
			lookbackDays: 14
		});
		expect(s.csatSatisfiedMin).toBe(4);
	});

	it('refuses a patch whole, naming every problem, and stores nothing', async () => {
		const err = await updateSettings(
			db,
			{ min_sample: '40', csat_satisfied_min: '7', service_level_seconds: '2.5', nope: 1 },
			'm@x'
		).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SettingsError);
		const message = (err as Error).message;
		expect(message).toContain('CSAT: satisfied from score must be between 1 and 5.');
		expect(message).toContain('Service level: answered within (seconds) must be a whole number.');
		expect(message).toContain('There is no setting called "nope".');
		expect(await rows()).toBe(0);
		expect((await getSettings(db)).minSample).toBe(30);
	});

	it('keeps NPS detractors below promoters and the PDC band at or below adherent, on the merged result', async () => {
		// Detractors up to 9 with promoters from 9: a score of 9 would be both.
		await expect(updateSettings(db, { nps_detractor_max: 9 }, 'm@x')).rejects.toThrow(
			'NPS detractors must end below where promoters start.'
		);
		// Moving both ends in one patch is checked on the result: detractors up to 8, promoters from 10.
		await updateSettings(db, { nps_detractor_max: 8, nps_promoter_min: 10 }, 'm@x');
		expect(await getSettings(db)).toMatchObject({ npsDetractorMax: 8, npsPromoterMin: 10 });
		await expect(updateSettings(db, { pdc_band_low: 0.9 }, 'm@x')).rejects.toThrow(
			'The PDC intervention band must start at or below the adherent threshold.'
		);
		// Band equal to the threshold is allowed (an empty band).
		await updateSettings(db, { pdc_band_low: 0.8 }, 'm@x');
		await expect(updateSettings(db, { checkin_min_days: 9 }, 'm@x')).rejects.toThrow(
			'The post-dispense check-in must start no later than it ends.'
		);
	});

	it('takes a time zone only when both the runtime and DuckDB know it', async () => {
		await expect(updateSettings(db, { site_time_zone: 'Mars/Olympus' }, 'm@x')).rejects.toThrow(
			'"Mars/Olympus" is not a known time zone'
		);
		// Intl reads zone names case-insensitively; DuckDB's list does not, and SQL needs it.
		await expect(updateSettings(db, { site_time_zone: 'america/new_york' }, 'm@x')).rejects.toThrow(
			SettingsError
		);
		await updateSettings(db, { site_time_zone: ' America/New_York ' }, 'm@x');
		expect((await getSettings(db)).siteTimeZone).toBe('America/New_York');
	});

	it('audits one settings.update with {key: {from, to}} of the keys that changed, keeps history, and calls the hooks', async () => {
		const seen: string[][] = [];
		const off = onSettingsChanged((_db, changed) => {
			seen.push(changed);
		});
		try {
			await updateSettings(db, { min_sample: 40, target_near_pct: 5 }, 'm@x', { ip: '10.0.0.1' });
			await updateSettings(db, { min_sample: 50 }, 'a@x');
			// Nothing changes: no row, no audit, no hook.
			await updateSettings(db, { min_sample: 50 }, 'a@x');
		} finally {
			off();
		}
		expect(seen).toEqual([['minSample'], ['minSample']]);
		expect(await rows()).toBe(2);
		const history = await db.all('SELECT key, value, updated_by FROM settings ORDER BY id');
		expect(history).toEqual([
			{ key: 'min_sample', value: '40', updated_by: 'm@x' },
			{ key: 'min_sample', value: '50', updated_by: 'a@x' }
		]);
		const { rows: records } = await listAudit(db, { action: 'settings' });
		expect(records.map((r) => [r.action, r.actor, r.detail])).toEqual([
			['settings.update', 'a@x', { min_sample: { from: 40, to: 50 } }],
			['settings.update', 'm@x', { min_sample: { from: 30, to: 40 } }]
		]);
		expect(records[1]).toMatchObject({ subjectType: 'settings', subjectId: 'kpi', ip: '10.0.0.1' });
	});

	it('shapes a group for the shared form and reads a posted form back (unticked box = no)', async () => {
		await updateSettings(db, { pdc_exclude_insulin: true }, 'm@x');
		const fields = settingsForm('kpi', await getSettings(db));
		expect(fields.find((f) => f.key === 'pdc_exclude_insulin')).toMatchObject({
			kind: 'boolean',
			value: 'true',
			default: 'false'
		});
		expect(fields.find((f) => f.key === 'service_level_seconds')).toMatchObject({
			label: 'Service level: answered within (seconds)',
			min: 1,
			max: 3600,
			value: '30'
		});
		expect(settingsForm('qa', DEFAULT_SETTINGS).map((f) => f.key)).toContain(
			'qa_aht_target_seconds'
		);
		const form = new FormData();
		for (const f of fields) if (f.kind !== 'boolean') form.set(f.key, f.value);
		const patch = readSettingsForm(form, 'kpi');
		expect(patch.pdc_exclude_insulin).toBe(false);
		expect(patch.min_sample).toBe('30');
		expect(Object.keys(patch)).not.toContain('followup_csat_max');
	});
});

describe('migration 0008', () => {
	it('carries changed KPI rows, loop rows and QA history into the one table and drops the old ones', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const old = new Db(':memory:', instance);
		try {
			await migrate(
				old,
				migrations.filter((m) => m.version <= 7)
			);
			await old.run(`UPDATE kpi_settings SET value = '45', updated_by = 'boss@x',
				updated_at = TIMESTAMP '2026-01-02 03:04:05' WHERE key = 'min_sample'`);
			await old.run(
				`INSERT INTO loop_settings VALUES ('lookbackDays', 14), ('transcriptEndMax', -0.25)`
			);
			await old.run(`INSERT INTO qa_settings VALUES ('ahtTargetSeconds', 600, TIMESTAMP '2026-01-01 00:00:00'),
				('ahtTargetSeconds', 900, TIMESTAMP '2026-02-01 00:00:00')`);
			await migrate(old);
			expect(await getSettings(old)).toMatchObject({
				minSample: 45,
				lookbackDays: 14,
				transcriptEndMax: -0.25,
				ahtTargetSeconds: 900,
				// Seeded contract defaults are not copied: still the registry's defaults.
				csatSatisfiedMin: 4
			});
			expect(
				await old.all(
					`SELECT key, value, updated_by FROM settings WHERE key IN ('min_sample', 'qa_aht_target_seconds') ORDER BY id`
				)
			).toEqual([
				{ key: 'min_sample', value: '45', updated_by: 'boss@x' },
				{ key: 'qa_aht_target_seconds', value: '600', updated_by: 'migration' },
				{ key: 'qa_aht_target_seconds', value: '900', updated_by: 'migration' }
			]);
			const left = await old.all(
				`SELECT table_name FROM duckdb_tables() WHERE table_name IN ('kpi_settings', 'loop_settings', 'qa_settings')`
			);
			expect(left).toEqual([]);
		} finally {
			await old.close();
		}
	});
});

describe('README', () => {
	it('documents every setting of the registry with its default', () => {
		const readme = readFileSync('README.md', 'utf8');
		for (const f of SETTING_FIELDS) {
			const d = SETTINGS[f];
			expect(readme, d.key).toContain(`| \`${d.key}\` | ${String(d.default)} |`);
		}
	});
});
