// KPI settings: every window, threshold and grace period of the contract, stored in kpi_settings
// (seeded by migration 0002 with the contract defaults). One typed definition per key here so
// the settings page, the CLI and the SQL all read the same names, bounds and defaults.
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';

export interface KpiSettings {
	csatSatisfiedMin: number;
	npsPromoterMin: number;
	npsDetractorMax: number;
	fcrRepeatWindowHours: number;
	serviceLevelSeconds: number;
	refillGraceDays: number;
	reminderRefillWindowDays: number;
	pdcMinFillDates: number;
	pdcAdherentThreshold: number;
	pdcBandLow: number;
	pdcMinTreatmentDays: number;
	pdcExcludeInsulin: boolean;
	minSample: number;
	targetNearPct: number;
	siteTimeZone: string;
}

type Kind = 'int' | 'number' | 'boolean' | 'timezone';

export interface SettingDef {
	key: string;
	field: keyof KpiSettings;
	kind: Kind;
	min?: number;
	max?: number;
	label: string;
	help: string;
}

export const SETTING_DEFS: SettingDef[] = [
	{
		key: 'csat_satisfied_min',
		field: 'csatSatisfiedMin',
		kind: 'int',
		min: 1,
		max: 5,
		label: 'CSAT: satisfied from score',
		help: 'A CSAT answer at or above this (1–5) counts as satisfied.'
	},
	{
		key: 'nps_promoter_min',
		field: 'npsPromoterMin',
		kind: 'int',
		min: 0,
		max: 10,
		label: 'NPS: promoter from score',
		help: 'NPS answers at or above this are promoters.'
	},
	{
		key: 'nps_detractor_max',
		field: 'npsDetractorMax',
		kind: 'int',
		min: 0,
		max: 10,
		label: 'NPS: detractor up to score',
		help: 'NPS answers at or below this are detractors.'
	},
	{
		key: 'fcr_repeat_window_hours',
		field: 'fcrRepeatWindowHours',
		kind: 'int',
		min: 1,
		max: 8760,
		label: 'FCR repeat window (hours)',
		help: 'A later inbound contact of the same patient and reason within this many hours is a repeat.'
	},
	{
		key: 'service_level_seconds',
		field: 'serviceLevelSeconds',
		kind: 'int',
		min: 1,
		max: 3600,
		label: 'Service level: answered within (seconds)',
		help: 'Service level counts handled inbound contacts whose queue time is at most this many seconds.'
	},
	{
		key: 'refill_grace_days',
		field: 'refillGraceDays',
		kind: 'int',
		min: 0,
		max: 365,
		label: 'Refill on-time grace (days)',
		help: 'The next fill is on time when dated no later than previous fill date + days supply + this.'
	},
	{
		key: 'reminder_refill_window_days',
		field: 'reminderRefillWindowDays',
		kind: 'int',
		min: 0,
		max: 365,
		label: 'Reminder → refill window (days)',
		help: 'A reminder counts as refilled when the patient has a fill from its date through this many days after.'
	},
	{
		key: 'pdc_min_fill_dates',
		field: 'pdcMinFillDates',
		kind: 'int',
		min: 1,
		max: 365,
		label: 'PDC: minimum distinct fill dates',
		help: 'A patient is eligible for a class with at least this many fills on distinct dates in the period.'
	},
	{
		key: 'pdc_adherent_threshold',
		field: 'pdcAdherentThreshold',
		kind: 'number',
		min: 0,
		max: 1,
		label: 'PDC: adherent from',
		help: 'PDC at or above this fraction is adherent.'
	},
	{
		key: 'pdc_band_low',
		field: 'pdcBandLow',
		kind: 'number',
		min: 0,
		max: 1,
		label: 'PDC: intervention band from',
		help: 'Patients with PDC from this up to (not including) the adherent threshold are worth a call.'
	},
	{
		key: 'pdc_min_treatment_days',
		field: 'pdcMinTreatmentDays',
		kind: 'int',
		min: 0,
		max: 366,
		label: 'PDC: minimum treatment days (0 = off)',
		help: 'PQA exclusion, off by default: patients with a shorter treatment period are not eligible.'
	},
	{
		key: 'pdc_exclude_insulin',
		field: 'pdcExcludeInsulin',
		kind: 'boolean',
		label: 'PDC: exclude insulin users from diabetes',
		help: 'PQA exclusion, off by default: a patient with an insulin fill in the period is not eligible for the diabetes class.'
	},
	{
		key: 'min_sample',
		field: 'minSample',
		kind: 'int',
		min: 1,
		max: 100000,
		label: 'Minimum sample',
		help: 'A figure from fewer responses (or contacts) than this is shown as "too few" and never ranked.'
	},
	{
		key: 'target_near_pct',
		field: 'targetNearPct',
		kind: 'number',
		min: 0,
		max: 100,
		label: 'Target "near" band (%)',
		help: 'A figure that misses its target by at most this percentage of the target is "near".'
	},
	{
		key: 'site_time_zone',
		field: 'siteTimeZone',
		kind: 'timezone',
		label: 'Site time zone',
		help: 'Day, week and month buckets are calendar periods in this IANA time zone.'
	}
];

export const DEFAULT_SETTINGS: KpiSettings = {
	csatSatisfiedMin: 4,
	npsPromoterMin: 9,
	npsDetractorMax: 6,
	fcrRepeatWindowHours: 168,
	serviceLevelSeconds: 30,
	refillGraceDays: 7,
	reminderRefillWindowDays: 7,
	pdcMinFillDates: 2,
	pdcAdherentThreshold: 0.8,
	pdcBandLow: 0.6,
	pdcMinTreatmentDays: 0,
	pdcExcludeInsulin: false,
	minSample: 30,
	targetNearPct: 5,
	siteTimeZone: 'UTC'
};

const SELECT_SETTINGS = `-- every stored KPI setting
SELECT key, value FROM kpi_settings`;
const DELETE_SETTING = `-- replace one setting (no key constraint: see migration 0001's note on indexes)
DELETE FROM kpi_settings WHERE key = $key`;
const INSERT_SETTING = `-- store one setting with who changed it
INSERT INTO kpi_settings (key, value, updated_at, updated_by) VALUES ($key, $value, now(), $actor)`;
const TIME_ZONE_EXISTS = `-- is this an IANA zone DuckDB's ICU knows?
SELECT count(*)::INTEGER AS n FROM pg_timezone_names() WHERE name = $tz`;

export async function getSettings(db: Db): Promise<KpiSettings> {
	const rows = await db.all<{ key: string; value: string }>(SELECT_SETTINGS);
	const out: KpiSettings = { ...DEFAULT_SETTINGS };
	const stored = new Map(rows.map((r) => [r.key, r.value]));
	for (const def of SETTING_DEFS) {
		const raw = stored.get(def.key);
		if (raw === undefined) continue;
		(out as unknown as Record<string, unknown>)[def.field] = decode(def, raw);
	}
	return out;
}

function decode(def: SettingDef, raw: string): number | boolean | string {
	if (def.kind === 'boolean') return raw === 'true';
	if (def.kind === 'timezone') return raw;
	return Number(raw);
}

export class SettingsError extends Error {}

/** Validates a text value for one setting; returns its stored text or throws one sentence. */
export function normaliseSetting(def: SettingDef, value: unknown): string {
	const text = String(value ?? '').trim();
	if (def.kind === 'boolean') {
		if (['true', 'on', '1', 'yes'].includes(text.toLowerCase())) return 'true';
		if (['false', 'off', '0', 'no', ''].includes(text.toLowerCase())) return 'false';
		throw new SettingsError(`${def.label} must be yes or no.`);
	}
	if (def.kind === 'timezone') {
		if (!text)
			throw new SettingsError(`${def.label} must be an IANA time zone such as Europe/Paris.`);
		return text;
	}
	const n = Number(text);
	if (text === '' || !Number.isFinite(n) || (def.kind === 'int' && !Number.isInteger(n))) {
		throw new SettingsError(
			`${def.label} must be ${def.kind === 'int' ? 'a whole number' : 'a number'}.`
		);
	}
	if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
		throw new SettingsError(`${def.label} must be between ${def.min} and ${def.max}.`);
	}
	return String(n);
}

/** Applies a patch keyed by setting key (snake_case) or field (camelCase); all or nothing. */
export async function updateSettings(
	db: Db,
	patch: Record<string, unknown>,
	actor: string
): Promise<KpiSettings> {
	const changes: { key: string; value: string }[] = [];
	for (const [name, value] of Object.entries(patch)) {
		const def = SETTING_DEFS.find((d) => d.key === name || d.field === name);
		if (!def) throw new SettingsError(`There is no KPI setting called "${name}".`);
		const text = normaliseSetting(def, value);
		if (def.kind === 'timezone') {
			const found = await db.one<{ n: number }>(TIME_ZONE_EXISTS, { tz: text });
			if (!found?.n)
				throw new SettingsError(
					`"${text}" is not a known time zone (use e.g. Europe/Paris or UTC).`
				);
		}
		changes.push({ key: def.key, value: text });
	}
	const merged = { ...(await getSettings(db)) };
	for (const c of changes) {
		const def = SETTING_DEFS.find((d) => d.key === c.key) as SettingDef;
		(merged as unknown as Record<string, unknown>)[def.field] = decode(def, c.value);
	}
	if (merged.npsDetractorMax >= merged.npsPromoterMin) {
		throw new SettingsError('NPS detractors must end below where promoters start.');
	}
	if (merged.pdcBandLow > merged.pdcAdherentThreshold) {
		throw new SettingsError(
			'The PDC intervention band must start at or below the adherent threshold.'
		);
	}
	await db.transaction(async (conn) => {
		for (const c of changes) {
			await conn.run(DELETE_SETTING, { key: c.key });
			await conn.run(INSERT_SETTING, { key: c.key, value: c.value, actor });
		}
		if (changes.length) {
			const detail = Object.fromEntries(changes.map((c) => [c.key, c.value]));
			await audit(conn, {
				actor,
				action: 'kpi.settings_update',
				subjectType: 'kpi_settings',
				detail
			});
		}
	});
	return merged;
}
