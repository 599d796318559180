// Every setting the app stores, defined once: its key, the group (and so the page) it belongs to,
// its valibot schema with the valid range, label, help, unit and default. The typed Settings
// object, the forms, the validation, the audit entries and the README's tables follow from here.
import { bool, int, num, zone, type SettingGroup } from './kinds.ts';

export type { SettingDef, SettingGroup, SettingKind } from './kinds.ts';

/** Field name (as code reads it) → definition. Order is the order on the pages. */
export const SETTINGS = {
	// KPI definitions (the data contract's defaults) — Targets → KPI settings.
	csatSatisfiedMin: int('csat_satisfied_min', 'kpi', 1, 5, 4, {
		label: 'CSAT: satisfied from score',
		help: 'A CSAT answer at or above this (1–5) counts as satisfied.',
		unit: 'score'
	}),
	npsPromoterMin: int('nps_promoter_min', 'kpi', 0, 10, 9, {
		label: 'NPS: promoter from score',
		help: 'NPS answers at or above this are promoters.',
		unit: 'score'
	}),
	npsDetractorMax: int('nps_detractor_max', 'kpi', 0, 10, 6, {
		label: 'NPS: detractor up to score',
		help: 'NPS answers at or below this are detractors; it must stay below the promoter score.',
		unit: 'score'
	}),
	fcrRepeatWindowHours: int('fcr_repeat_window_hours', 'kpi', 1, 8760, 168, {
		label: 'FCR repeat window (hours)',
		help: 'A later inbound contact of the same patient and reason within this many hours is a repeat.',
		unit: 'hours'
	}),
	serviceLevelSeconds: int('service_level_seconds', 'kpi', 1, 3600, 30, {
		label: 'Service level: answered within (seconds)',
		help: 'Service level is the share of handled inbound contacts answered within this many seconds of entering the queue.',
		unit: 'seconds'
	}),
	refillGraceDays: int('refill_grace_days', 'kpi', 0, 365, 7, {
		label: 'Refill on-time grace (days)',
		help: 'The next fill is on time when dated no later than previous fill date + days supply + this.',
		unit: 'days'
	}),
	reminderRefillWindowDays: int('reminder_refill_window_days', 'kpi', 0, 365, 7, {
		label: 'Reminder → refill window (days)',
		help: 'A reminder counts as refilled when the patient has a fill from its date through this many days after.',
		unit: 'days'
	}),
	pdcMinFillDates: int('pdc_min_fill_dates', 'kpi', 1, 365, 2, {
		label: 'PDC: minimum distinct fill dates',
		help: 'A patient is eligible for a class with at least this many fills on distinct dates in the period.',
		unit: 'fills'
	}),
	pdcAdherentThreshold: num('pdc_adherent_threshold', 'kpi', 0, 1, 0.8, {
		label: 'PDC: adherent from',
		help: 'PDC at or above this fraction is adherent.',
		unit: 'fraction'
	}),
	pdcBandLow: num('pdc_band_low', 'kpi', 0, 1, 0.6, {
		label: 'PDC: intervention band from',
		help: 'Patients with PDC from this up to (not including) the adherent threshold are worth a call; it must not exceed the threshold.',
		unit: 'fraction'
	}),
	pdcMinTreatmentDays: int('pdc_min_treatment_days', 'kpi', 0, 366, 0, {
		label: 'PDC: minimum treatment days (0 = off)',
		help: 'PQA exclusion, off by default: patients with a shorter treatment period are not eligible.',
		unit: 'days'
	}),
	pdcExcludeInsulin: bool('pdc_exclude_insulin', 'kpi', false, {
		label: 'PDC: exclude insulin users from diabetes',
		help: 'PQA exclusion, off by default: a patient with an insulin fill in the period is not eligible for the diabetes class.'
	}),
	minSample: int('min_sample', 'kpi', 1, 100000, 30, {
		label: 'Minimum sample',
		help: 'A figure from fewer responses (or contacts) than this is shown as "too few" and never ranked.',
		unit: 'responses'
	}),
	targetNearPct: num('target_near_pct', 'kpi', 0, 100, 5, {
		label: 'Target "near" band (%)',
		help: 'A figure that misses its target by at most this percentage of the target is "near".',
		unit: '%'
	}),
	siteTimeZone: zone('site_time_zone', 'kpi', 'UTC', {
		label: 'Site time zone',
		help: 'Days, weeks and months (periods, buckets, QA weeks, coaching windows, follow-up rules) are calendar periods in this IANA time zone.'
	}),

	// Follow-up and outreach rules — Follow-ups page.
	csatMax: int('followup_csat_max', 'followups', 1, 5, 2, {
		label: 'Follow up CSAT at or below',
		help: 'A survey with a CSAT answer at or below this opens a follow-up.',
		unit: 'score'
	}),
	npsMax: int('followup_nps_max', 'followups', 0, 10, 4, {
		label: 'Follow up NPS at or below',
		help: 'A survey with an NPS answer at or below this opens a follow-up.',
		unit: 'score'
	}),
	commentNegativeMin: num('followup_comment_negative_min', 'followups', 0, 1, 0.8, {
		label: 'Follow up comments rated negative with confidence from',
		help: 'A survey comment the sentiment model labels negative with at least this probability opens a follow-up.',
		unit: 'probability'
	}),
	transcriptEndMax: num('followup_transcript_end_max', 'followups', -1, 1, -0.5, {
		label: 'Follow up calls ending with patient sentiment at or below',
		help: 'A transcript whose end-of-call patient sentiment (−1 to 1) is at or below this opens a follow-up.',
		unit: 'score'
	}),
	dueHoursHigh: int('followup_due_hours_high', 'followups', 1, 720, 24, {
		label: 'Due within (hours), medication safety',
		help: 'Medication-safety follow-ups are due this many hours after the event.',
		unit: 'hours'
	}),
	dueHoursOther: int('followup_due_hours_other', 'followups', 1, 720, 48, {
		label: 'Due within (hours), other follow-ups',
		help: 'Other follow-ups are due this many hours after the event.',
		unit: 'hours'
	}),
	attemptsBeforeUnreachable: int('followup_attempts_before_unreachable', 'followups', 1, 20, 3, {
		label: 'Attempts before "could not reach"',
		help: 'A follow-up closes as "could not reach" only after this many logged attempts.',
		unit: 'attempts'
	}),
	lookbackDays: int('followup_lookback_days', 'followups', 1, 365, 3, {
		label: 'Rules look back (days)',
		help: 'Rules open tasks for events from the start of the local day this many days ago; older history is not a queue (a first import would open weeks of overdue tasks).',
		unit: 'days'
	}),
	checkinMinDays: int('checkin_min_days', 'followups', 0, 90, 3, {
		label: 'Post-dispense check-in from (days after first fill)',
		help: 'A first fill of a medicine gets a check-in call from this many local days after it.',
		unit: 'days'
	}),
	checkinMaxDays: int('checkin_max_days', 'followups', 0, 90, 7, {
		label: 'Post-dispense check-in until (days after first fill)',
		help: 'and until this many local days after it; it must not be before the "from" day.',
		unit: 'days'
	}),
	outreachDueHours: int('outreach_due_hours', 'followups', 1, 720, 72, {
		label: 'Outreach due within (hours)',
		help: 'Outreach calls are due this many hours after the task opens.',
		unit: 'hours'
	}),
	pdcWindowDays: int('outreach_pdc_window_days', 'followups', 30, 730, 365, {
		label: 'Adherence window for outreach (days)',
		help: 'PDC for the outreach band is measured over this many local days up to today.',
		unit: 'days'
	}),
	outreachCooldownDays: int('outreach_cooldown_days', 'followups', 0, 365, 30, {
		label: 'Outreach cool-down after a closed task (days)',
		help: 'After an outreach task closes, the same patient is not called again for this many days.',
		unit: 'days'
	}),
	repeatComplaintDays: int('repeat_complaint_days', 'followups', 1, 365, 30, {
		label: 'Repeat complaint window (days)',
		help: 'A complaint from a patient who complained within this many days counts as a repeat.',
		unit: 'days'
	}),
	outreachConversionDays: int('outreach_conversion_days', 'followups', 1, 90, 7, {
		label: 'Outreach → refill window (days)',
		help: 'A reached outreach call converts when the patient fills within this many days.',
		unit: 'days'
	}),

	// QA sampling and coaching — QA → Rubrics.
	samplePerAgent: int('qa_sample_per_agent', 'qa', 0, 50, 3, {
		label: 'Random interactions per agent per week',
		help: 'Handled interactions sampled at random for each agent each QA week (local Monday to Sunday).',
		unit: 'interactions'
	}),
	targetedPerAgent: int('qa_targeted_per_agent', 'qa', 0, 50, 2, {
		label: 'Targeted picks per agent per week (at most)',
		help: 'Cap on picks for CSAT ≤ 2, negative end of call, long handle time or a complaint.',
		unit: 'interactions'
	}),
	ahtFarFactor: num('qa_aht_far_factor', 'qa', 1, 10, 2, {
		label: 'Long handle time = this × AHT target',
		help: "A handled interaction longer than this multiple of its channel's AHT target is a targeted pick.",
		unit: '×'
	}),
	ahtTargetSeconds: int('qa_aht_target_seconds', 'qa', 1, 7200, 300, {
		label: 'AHT target when none is set (s)',
		help: 'The AHT target sampling uses for a channel with neither its own nor an all-channel AHT target on the Targets page.',
		unit: 'seconds'
	}),
	coachingWindowDays: int('coaching_window_days', 'qa', 1, 365, 30, {
		label: 'Coaching rules look back (days)',
		help: 'Coaching rules read this many local days up to the end of the last full day.',
		unit: 'days'
	}),
	qaThreshold: num('qa_threshold', 'qa', 0, 100, 75, {
		label: 'QA score threshold for coaching',
		help: 'An agent whose QA score is below this (0–100) gets a coaching task.',
		unit: 'points'
	}),
	qaMinEvaluations: int('qa_min_evaluations', 'qa', 1, 100, 3, {
		label: 'Minimum evaluations for the QA-score rule',
		help: 'The QA-score rule needs at least this many evaluations in the window.',
		unit: 'evaluations'
	}),
	coachingDueDays: int('coaching_due_days', 'qa', 1, 180, 14, {
		label: 'Coaching task due after (days)',
		help: 'A coaching task is due this many days after it opens.',
		unit: 'days'
	}),
	effectWindowDays: int('coaching_effect_window_days', 'qa', 1, 365, 30, {
		label: 'Effect window before/after done (days)',
		help: 'Coaching effect compares this many days before and after a task is done.',
		unit: 'days'
	})
} as const;

export type SettingField = keyof typeof SETTINGS;

/** Every setting, typed: what getSettings(db) returns. */
export type Settings = { -readonly [F in SettingField]: (typeof SETTINGS)[F]['default'] };

export const SETTING_FIELDS = Object.keys(SETTINGS) as SettingField[];

export const DEFAULT_SETTINGS = Object.fromEntries(
	SETTING_FIELDS.map((f) => [f, SETTINGS[f].default])
) as Settings;

/** The fields of one group, in page order. */
export function groupFields(group: SettingGroup): SettingField[] {
	return SETTING_FIELDS.filter((f) => SETTINGS[f].group === group);
}

const BY_KEY = new Map<string, SettingField>(SETTING_FIELDS.map((f) => [SETTINGS[f].key, f]));

/** A setting's field from its key (snake_case) or field name (camelCase); null when unknown. */
export function fieldOf(name: string): SettingField | null {
	if (Object.hasOwn(SETTINGS, name)) return name as SettingField;
	return BY_KEY.get(name) ?? null;
}
