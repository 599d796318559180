// One settings table for every group (KPI, follow-ups, QA, …), replacing kpi_settings,
// loop_settings and qa_settings. Append-only: a change adds a row, the latest row of a key (by id)
// is its value, and earlier rows are the history with who and when. Defaults live in the registry
// (src/lib/server/settings/definitions.ts), so a key with no row has its default. Values are text,
// decoded by the registry's kind for the key.
// Carried over: KPI rows someone changed (the seeded contract defaults are not copied: they are
// the registry's defaults), every loop row, and QA's whole history; old camelCase keys are renamed.
export const sql = `
CREATE SEQUENCE settings_id_seq START 1;

CREATE TABLE settings (
	id INTEGER NOT NULL DEFAULT nextval('settings_id_seq'),
	key VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	updated_by VARCHAR NOT NULL
);

CREATE TEMP TABLE settings_renames (old_key VARCHAR, new_key VARCHAR);

INSERT INTO settings_renames VALUES
	('csatMax', 'followup_csat_max'),
	('npsMax', 'followup_nps_max'),
	('commentNegativeMin', 'followup_comment_negative_min'),
	('transcriptEndMax', 'followup_transcript_end_max'),
	('dueHoursHigh', 'followup_due_hours_high'),
	('dueHoursOther', 'followup_due_hours_other'),
	('attemptsBeforeUnreachable', 'followup_attempts_before_unreachable'),
	('lookbackDays', 'followup_lookback_days'),
	('checkinMinDays', 'checkin_min_days'),
	('checkinMaxDays', 'checkin_max_days'),
	('outreachDueHours', 'outreach_due_hours'),
	('pdcWindowDays', 'outreach_pdc_window_days'),
	('outreachCooldownDays', 'outreach_cooldown_days'),
	('repeatComplaintDays', 'repeat_complaint_days'),
	('outreachConversionDays', 'outreach_conversion_days'),
	('samplePerAgent', 'qa_sample_per_agent'),
	('targetedPerAgent', 'qa_targeted_per_agent'),
	('ahtFarFactor', 'qa_aht_far_factor'),
	('ahtTargetSeconds', 'qa_aht_target_seconds'),
	('coachingWindowDays', 'coaching_window_days'),
	('qaThreshold', 'qa_threshold'),
	('qaMinEvaluations', 'qa_min_evaluations'),
	('coachingDueDays', 'coaching_due_days'),
	('effectWindowDays', 'coaching_effect_window_days');

INSERT INTO settings (key, value, updated_at, updated_by)
SELECT key, value, updated_at, updated_by FROM (
	SELECT key, value, updated_at, updated_by, 0 AS source FROM kpi_settings WHERE updated_by <> 'system'
	UNION ALL
	SELECT r.new_key, regexp_replace(CAST(l.value AS VARCHAR), '\\.0$', ''), now()::TIMESTAMP, 'migration', 1
	FROM loop_settings l JOIN settings_renames r ON r.old_key = l.key
	UNION ALL
	SELECT r.new_key, regexp_replace(CAST(q.value AS VARCHAR), '\\.0$', ''), q.updated_at, 'migration', 2
	FROM qa_settings q JOIN settings_renames r ON r.old_key = q.key
)
ORDER BY source, updated_at, key;

DROP TABLE settings_renames;

DROP TABLE kpi_settings;

DROP TABLE loop_settings;

DROP TABLE qa_settings;
`;
