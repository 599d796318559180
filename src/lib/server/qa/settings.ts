// QA and coaching settings: defaults here, overrides in qa_settings (latest row per key wins).
import type { Db } from '../db/index.ts';

export const QA_DEFAULTS = {
	/** Random handled interactions sampled per agent per week. */
	samplePerAgent: 3,
	/** Cap on targeted picks (CSAT ≤ 2, negative end, long AHT, complaints) per agent per week. */
	targetedPerAgent: 2,
	/** A handled interaction's handle time above this multiple of the AHT target is "far above". */
	ahtFarFactor: 2,
	/** AHT target used when the KPI targets table has none for the interaction's channel. */
	ahtTargetSeconds: 300,
	/** Trailing window of the coaching rules, in days. */
	coachingWindowDays: 30,
	/** An agent whose QA score is below this (0–100) gets a coaching task. */
	qaThreshold: 75,
	/** Minimum evaluations in the window before the QA score may trigger. */
	qaMinEvaluations: 3,
	/** Days from a task's opening to its due date. */
	coachingDueDays: 14,
	/** Days before and after "done" over which coaching effect is measured. */
	effectWindowDays: 30
} as const;

export type QaSettings = { -readonly [K in keyof typeof QA_DEFAULTS]: number };
export type QaSettingKey = keyof QaSettings;

const SETTING_KEYS = Object.keys(QA_DEFAULTS) as QaSettingKey[];

const SELECT_SETTINGS = `-- latest value of each QA setting
	SELECT key, arg_max(value, updated_at) AS value FROM qa_settings GROUP BY key`;

const INSERT_SETTING = `-- record a QA setting change (history kept; latest wins)
	INSERT INTO qa_settings (key, value, updated_at) VALUES ($key, $value, now())`;

export async function getQaSettings(db: Db): Promise<QaSettings> {
	const out: QaSettings = { ...QA_DEFAULTS };
	for (const row of await db.all<{ key: string; value: number }>(SELECT_SETTINGS)) {
		if ((SETTING_KEYS as string[]).includes(row.key)) out[row.key as QaSettingKey] = row.value;
	}
	return out;
}

export async function setQaSetting(db: Db, key: QaSettingKey, value: number): Promise<void> {
	if (!SETTING_KEYS.includes(key)) throw new Error(`Unknown QA setting "${key}".`);
	if (!Number.isFinite(value) || value < 0) throw new Error(`QA setting ${key} must be ≥ 0.`);
	await db.run(INSERT_SETTING, { key, value });
}

/** Stores several settings at once (only those that differ from the current values). */
export async function setQaSettings(db: Db, patch: Partial<QaSettings>): Promise<string[]> {
	const current = await getQaSettings(db);
	const changed = (Object.entries(patch) as [QaSettingKey, number][]).filter(([key, value]) => {
		if (!SETTING_KEYS.includes(key)) throw new Error(`Unknown QA setting "${key}".`);
		if (!Number.isFinite(value) || value < 0) throw new Error(`QA setting ${key} must be ≥ 0.`);
		return current[key] !== value;
	});
	if (changed.length === 0) return [];
	await db.transaction(async (conn) => {
		const appender = await conn.createAppender('qa_settings');
		for (const [key, value] of changed) {
			appender.appendVarchar(key);
			appender.appendDouble(value);
			appender.appendDefault();
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
	});
	return changed.map(([key]) => key);
}
