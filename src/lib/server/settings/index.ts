// The settings registry: one table (settings, migration 0008), one typed object of every setting,
// one all-or-nothing update with cross-field rules, one audit format, one change hook.
//
//   getSettings(db) → Settings                      stored values over the registry's defaults
//   updateSettings(db, patch, actor, { ip }) → Settings
//       patch keyed by key (snake_case) or field (camelCase); form text or typed values; every
//       problem found is reported at once (SettingsError) and nothing is stored then. Audited as
//       `settings.update` with detail { key: { from, to } } of the keys that changed.
//   onSettingsChanged(fn)                            called after each committed change (caches)
import * as v from 'valibot';
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { isTimeZone, now, tsParam } from '../time/index.ts';
import {
	DEFAULT_SETTINGS,
	SETTINGS,
	fieldOf,
	type SettingField,
	type Settings
} from './definitions.ts';
import type { SettingDef } from './kinds.ts';

export * from './definitions.ts';
export { settingsForm, readSettingsForm, type SettingsFormField } from './form.ts';

export class SettingsError extends Error {}

const LATEST = `-- the latest stored value of each setting
SELECT key, arg_max(value, id) AS value FROM settings GROUP BY key`;

const TIME_ZONE_KNOWN = `-- does DuckDB's ICU know this zone (periods and buckets run in SQL)?
SELECT count(*)::INTEGER AS n FROM pg_timezone_names() WHERE name = $tz`;

const INSERT = `-- record one change (history kept; the latest row of a key wins)
INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($key, $value, $at, $actor)`;

function decode(def: SettingDef, raw: string): number | boolean | string {
	if (def.kind === 'boolean') return raw === 'true';
	if (def.kind === 'timezone') return raw;
	return Number(raw);
}

/** Every setting: the latest stored value of each key, the registry's default otherwise. */
export async function getSettings(db: Db): Promise<Settings> {
	const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
	for (const row of await db.all<{ key: string; value: string }>(LATEST)) {
		const field = fieldOf(row.key);
		if (field) out[field] = decode(SETTINGS[field], row.value);
	}
	return out as Settings;
}

/** Form text (or a typed value) → the setting's type, before its schema checks the range. */
function coerce(def: SettingDef, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (def.kind === 'boolean') {
		const lower = text.toLowerCase();
		if (['true', 'on', '1', 'yes'].includes(lower)) return true;
		if (['false', 'off', '0', 'no', ''].includes(lower)) return false;
		return text;
	}
	if (def.kind === 'timezone') return text;
	return text === '' ? NaN : Number(text);
}

// Rules between settings, checked on the merged result so a patch may move both ends at once.
const CROSS_RULES: { fields: SettingField[]; ok: (s: Settings) => boolean; message: string }[] = [
	{
		fields: ['npsDetractorMax', 'npsPromoterMin'],
		ok: (s) => s.npsDetractorMax < s.npsPromoterMin,
		message: 'NPS detractors must end below where promoters start.'
	},
	{
		fields: ['pdcBandLow', 'pdcAdherentThreshold'],
		ok: (s) => s.pdcBandLow <= s.pdcAdherentThreshold,
		message: 'The PDC intervention band must start at or below the adherent threshold.'
	},
	{
		fields: ['checkinMinDays', 'checkinMaxDays'],
		ok: (s) => s.checkinMinDays <= s.checkinMaxDays,
		message: 'The post-dispense check-in must start no later than it ends.'
	}
];

type Hook = (db: Db, changed: SettingField[]) => void | Promise<void>;
const hooks: Hook[] = [];

/** Runs `fn` after every committed settings change (cache invalidation, derived figures). */
export function onSettingsChanged(fn: Hook): () => void {
	hooks.push(fn);
	return () => {
		const i = hooks.indexOf(fn);
		if (i >= 0) hooks.splice(i, 1);
	};
}

export async function updateSettings(
	db: Db,
	patch: Record<string, unknown>,
	actor: string,
	opts: { ip?: string | null } = {}
): Promise<Settings> {
	const problems: string[] = [];
	const typed = new Map<SettingField, number | boolean | string>();
	for (const [name, value] of Object.entries(patch)) {
		const field = fieldOf(name);
		if (!field) {
			problems.push(`There is no setting called "${name}".`);
			continue;
		}
		const def: SettingDef = SETTINGS[field];
		const result = v.safeParse(def.schema, coerce(def, value));
		if (!result.success) problems.push(result.issues[0].message);
		else typed.set(field, result.output);
	}
	const zone = typed.get('siteTimeZone');
	if (typeof zone === 'string' && !(await knownTimeZone(db, zone))) {
		problems.push(`"${zone}" is not a known time zone (use e.g. Europe/Paris or UTC).`);
	}
	const before = await getSettings(db);
	const after = { ...before, ...Object.fromEntries(typed) } as Settings;
	for (const rule of CROSS_RULES) {
		if (!rule.ok(after) && rule.fields.some((f) => typed.has(f))) problems.push(rule.message);
	}
	if (problems.length) throw new SettingsError(problems.join(' '));

	const changed = [...typed.keys()].filter((f) => after[f] !== before[f]);
	if (changed.length === 0) return after;
	const at = now();
	await db.transaction(async (tx) => {
		for (const f of changed) {
			const key = SETTINGS[f].key;
			await tx.run(INSERT, { key, value: String(after[f]), at: tsParam(at), actor });
		}
		await audit(
			tx,
			{
				actor,
				action: 'settings.update',
				subjectType: 'settings',
				subjectId: [...new Set(changed.map((f) => SETTINGS[f].group))].join(','),
				ip: opts.ip ?? null,
				detail: Object.fromEntries(
					changed.map((f) => [SETTINGS[f].key, { from: before[f], to: after[f] }])
				)
			},
			at
		);
	});
	for (const hook of [...hooks]) await hook(db, changed);
	return after;
}

/** The zone must be known both to the runtime (local days in code) and to DuckDB (in SQL). */
async function knownTimeZone(db: Db, tz: string): Promise<boolean> {
	if (!isTimeZone(tz)) return false;
	const row = await db.one<{ n: number }>(TIME_ZONE_KNOWN, { tz });
	return (row?.n ?? 0) > 0;
}
