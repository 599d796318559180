// Proactive outreach events: refills now late beyond the grace period, new-therapy check-ins 3–7
// days after a first fill (SQL over fills here), and patients in the PDC band (the KPI engine's
// adherence, never a second PDC implementation). One open outreach task per patient.
// Fill dates are calendar dates; "today" is the site's local date, and a day named by a date
// begins at local midnight (data contract, "Site time zone").
import type { Db } from '../db/index.ts';
import type { PlannedEvent } from './plan.ts';
import { findPdcBandEvents } from './outreach-pdc.ts';
import type { Settings } from '../settings/index.ts';
import {
	addDays,
	addLocalDays,
	dateParam,
	localDate,
	localDayStart,
	tsParam
} from '../time/index.ts';
import { addHours } from './time.ts';

export const SCRIPTS = {
	refill_reminder: 'Refill reminder',
	med_sync: 'Medication-synchronisation offer',
	check_in: 'Post-dispense check-in'
} as const;
export type Script = keyof typeof SCRIPTS;

/** Patients recently called (task closed within the cool-down) are not called again yet. */
const COOLING = `NOT EXISTS (SELECT 1 FROM follow_ups c WHERE c.kind = 'outreach'
	AND c.patient_id = f.patient_id AND c.closed_at >= $coolSince)`;

const LATE_REFILLS = `-- each patient's latest fill per drug whose supply plus grace ran out within the look-back
WITH last AS (
	SELECT patient_id, drug_name, fill_id, fill_date, days_supply,
		row_number() OVER (PARTITION BY patient_id, drug_name ORDER BY fill_date DESC, fill_id DESC) AS rn
	FROM fills WHERE fill_date <= $today
)
SELECT f.patient_id, f.drug_name, f.fill_id, strftime(f.fill_date, '%Y-%m-%d') AS fill_date, f.days_supply,
	strftime(f.fill_date + f.days_supply + $grace::INTEGER + 1, '%Y-%m-%d') AS late_from
FROM last f
WHERE f.rn = 1
	AND f.fill_date + f.days_supply + $grace::INTEGER < $today
	AND f.fill_date + f.days_supply + $grace::INTEGER >= $today - $lookback::INTEGER
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources s WHERE s.source_kind = 'fill_late' AND s.source_id = f.fill_id)
	AND ${COOLING}
ORDER BY f.patient_id, f.drug_name`;

const FIRST_FILLS = `-- first-ever fill of a drug for a patient, dispensed 3–7 days ago: a post-dispense check-in
SELECT f.patient_id, f.drug_name, f.fill_id, strftime(f.fill_date, '%Y-%m-%d') AS fill_date
FROM fills f
WHERE f.fill_date BETWEEN $today - $maxDays::INTEGER AND $today - $minDays::INTEGER
	AND NOT EXISTS (SELECT 1 FROM fills p WHERE p.patient_id = f.patient_id AND p.drug_name = f.drug_name
		AND (p.fill_date < f.fill_date OR (p.fill_date = f.fill_date AND p.fill_id < f.fill_id)))
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources s WHERE s.source_kind = 'first_fill' AND s.source_id = f.fill_id)
	AND ${COOLING}
ORDER BY f.patient_id, f.fill_id`;

interface LateRow extends Record<string, unknown> {
	patient_id: string;
	drug_name: string;
	fill_id: string;
	fill_date: string;
	days_supply: number;
	late_from: string;
}

interface FirstFillRow extends Record<string, unknown> {
	patient_id: string;
	drug_name: string;
	fill_id: string;
	fill_date: string;
}

export async function findOutreachEvents(db: Db, now: Date, s: Settings): Promise<PlannedEvent[]> {
	const tz = s.siteTimeZone;
	const today = localDate(now, tz);
	const base = {
		today: dateParam(today),
		coolSince: tsParam(addLocalDays(now, -s.outreachCooldownDays, tz))
	};
	const late = await db.all<LateRow>(LATE_REFILLS, {
		...base,
		grace: s.refillGraceDays,
		lookback: s.lookbackDays
	});
	const first = await db.all<FirstFillRow>(FIRST_FILLS, {
		...base,
		minDays: s.checkinMinDays,
		maxDays: s.checkinMaxDays
	});
	const due = addHours(now, s.outreachDueHours);
	return [
		...late.map((r) =>
			outreachEvent({
				patientId: r.patient_id,
				sourceKind: 'fill_late',
				sourceId: r.fill_id,
				trigger: 'refill_late',
				script: 'refill_reminder',
				detail: `${r.drug_name} filled ${r.fill_date} for ${r.days_supply} days; no refill within the ${s.refillGraceDays}-day grace period`,
				eventAt: localDayStart(r.late_from, tz),
				openedAt: now,
				dueAt: due
			})
		),
		...first.map((r) => {
			return outreachEvent({
				patientId: r.patient_id,
				sourceKind: 'first_fill',
				sourceId: r.fill_id,
				trigger: 'first_fill',
				script: 'check_in',
				detail: `first fill of ${r.drug_name} on ${r.fill_date}: ask how it is going, side effects, how to take it`,
				eventAt: localDayStart(r.fill_date, tz),
				openedAt: localDayStart(addDays(r.fill_date, s.checkinMinDays), tz),
				// The check-in window ends with the last local day of the window.
				dueAt: localDayStart(addDays(r.fill_date, s.checkinMaxDays + 1), tz)
			});
		}),
		...(await findPdcBandEvents(db, now, s)).map((e) =>
			outreachEvent({ ...e, openedAt: now, dueAt: due })
		)
	];
}

export interface OutreachInput {
	patientId: string;
	sourceKind: string;
	sourceId: string;
	trigger: string;
	script: Script;
	detail: string;
	eventAt: Date;
	openedAt: Date;
	dueAt: Date;
}

export function outreachEvent(o: OutreachInput): PlannedEvent {
	return {
		kind: 'outreach',
		groupKey: o.patientId,
		sourceKind: o.sourceKind,
		sourceId: o.sourceId,
		trigger: o.trigger,
		detail: o.detail,
		patientId: o.patientId,
		eventAt: o.eventAt,
		category: 'outreach',
		categoryReason: `${SCRIPTS[o.script].toLowerCase()}: ${o.trigger.replace('_', ' ')}`,
		severity: 'low',
		queue: 'staff',
		openedAt: o.openedAt,
		dueAt: o.dueAt,
		script: o.script,
		summary: `${SCRIPTS[o.script]}: ${o.detail}`
	};
}
