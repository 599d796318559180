// The loop's own thresholds and windows (issue 8: "settings editable"), stored in loop_settings
// and merged over these defaults. KPI-wide settings (refill grace, PDC band) stay in kpi_settings.
import type { Db } from '../db/index.ts';

export interface LoopSettings {
	/** A survey with CSAT at or below this opens a follow-up. */
	csatMax: number;
	/** A survey with NPS at or below this opens a follow-up. */
	npsMax: number;
	/** A comment labelled negative with a score at or above this opens a follow-up. */
	commentNegativeMin: number;
	/** A transcript whose end-of-call patient sentiment is at or below this opens a follow-up. */
	transcriptEndMax: number;
	dueHoursHigh: number;
	dueHoursOther: number;
	/** "Could not reach" needs at least this many logged attempts. */
	attemptsBeforeUnreachable: number;
	/**
	 * Rules look at events this many days back from now: older history is not a queue (on a first
	 * import, weeks of unworked complaints would all open already overdue).
	 */
	lookbackDays: number;
	checkinMinDays: number;
	checkinMaxDays: number;
	outreachDueHours: number;
	/** PDC window for the adherence band, in days back from now. */
	pdcWindowDays: number;
	/** After an outreach task closes, the same patient is not called again for this long. */
	outreachCooldownDays: number;
	repeatComplaintDays: number;
	outreachConversionDays: number;
}

export const DEFAULT_LOOP_SETTINGS: LoopSettings = {
	csatMax: 2,
	npsMax: 4,
	commentNegativeMin: 0.8,
	transcriptEndMax: -0.5,
	dueHoursHigh: 24,
	dueHoursOther: 48,
	attemptsBeforeUnreachable: 3,
	lookbackDays: 3,
	checkinMinDays: 3,
	checkinMaxDays: 7,
	outreachDueHours: 72,
	pdcWindowDays: 365,
	outreachCooldownDays: 30,
	repeatComplaintDays: 30,
	outreachConversionDays: 7
};

export const LOOP_SETTING_LABELS: Record<keyof LoopSettings, string> = {
	csatMax: 'Follow up CSAT at or below',
	npsMax: 'Follow up NPS at or below',
	commentNegativeMin: 'Follow up comments rated negative with confidence from',
	transcriptEndMax: 'Follow up calls ending with patient sentiment at or below',
	dueHoursHigh: 'Due within (hours), medication safety',
	dueHoursOther: 'Due within (hours), other follow-ups',
	attemptsBeforeUnreachable: 'Attempts before "could not reach"',
	lookbackDays: 'Rules look back (days)',
	checkinMinDays: 'Post-dispense check-in from (days after first fill)',
	checkinMaxDays: 'Post-dispense check-in until (days after first fill)',
	outreachDueHours: 'Outreach due within (hours)',
	pdcWindowDays: 'Adherence window for outreach (days)',
	outreachCooldownDays: 'Outreach cool-down after a closed task (days)',
	repeatComplaintDays: 'Repeat complaint window (days)',
	outreachConversionDays: 'Outreach → refill window (days)'
};

const SELECT_LOOP_SETTINGS = `-- stored loop settings
SELECT key, value FROM loop_settings`;
const DELETE_LOOP_SETTING = `-- replace one loop setting
DELETE FROM loop_settings WHERE key = $key`;
const INSERT_LOOP_SETTING = `-- store one loop setting
INSERT INTO loop_settings (key, value) VALUES ($key, $value)`;

export async function getLoopSettings(db: Db): Promise<LoopSettings> {
	const out = { ...DEFAULT_LOOP_SETTINGS };
	for (const row of await db.all<{ key: string; value: number }>(SELECT_LOOP_SETTINGS)) {
		if (row.key in out) out[row.key as keyof LoopSettings] = row.value;
	}
	return out;
}

export class LoopSettingsError extends Error {}

/** Stores a partial patch; unknown keys and non-finite values are refused whole. */
export async function updateLoopSettings(
	db: Db,
	patch: Partial<LoopSettings>
): Promise<LoopSettings> {
	const entries = Object.entries(patch);
	for (const [key, value] of entries) {
		if (!(key in DEFAULT_LOOP_SETTINGS))
			throw new LoopSettingsError(`There is no loop setting "${key}".`);
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw new LoopSettingsError(
				`${LOOP_SETTING_LABELS[key as keyof LoopSettings]} must be a number.`
			);
		}
	}
	await db.transaction(async (conn) => {
		for (const [key, value] of entries) {
			await conn.run(DELETE_LOOP_SETTING, { key });
			await conn.run(INSERT_LOOP_SETTING, { key, value: value as number });
		}
	});
	return getLoopSettings(db);
}
