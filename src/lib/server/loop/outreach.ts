// Proactive outreach events: refills now late beyond the grace period, new-therapy check-ins 3–7
// days after a first fill (SQL over fills here), and patients in the PDC band (the KPI engine's
// adherence, never a second PDC implementation). One open outreach task per patient.
import type { Db } from '../db/index.ts';
import type { PlannedEvent } from './plan.ts';
import { findPdcBandEvents } from './outreach-pdc.ts';
import type { Settings } from '../settings/index.ts';
import { addDays, addHours, sqlTimestamp, toDate } from './time.ts';

export const SCRIPTS = {
	refill_reminder: 'Refill reminder',
	med_sync: 'Medication-synchronisation offer',
	check_in: 'Post-dispense check-in'
} as const;
export type Script = keyof typeof SCRIPTS;

/** Patients recently called (task closed within the cool-down) are not called again yet. */
const COOLING = `NOT EXISTS (SELECT 1 FROM follow_ups c WHERE c.kind = 'outreach'
	AND c.patient_id = f.patient_id AND c.closed_at >= $now::TIMESTAMP - to_days($cooldown::INTEGER))`;

const LATE_REFILLS = `-- each patient's latest fill per drug whose supply plus grace ran out within the look-back
WITH last AS (
	SELECT patient_id, drug_name, fill_id, fill_date, days_supply,
		row_number() OVER (PARTITION BY patient_id, drug_name ORDER BY fill_date DESC, fill_id DESC) AS rn
	FROM fills WHERE fill_date <= $now::DATE
)
SELECT f.patient_id, f.drug_name, f.fill_id, f.fill_date, f.days_supply,
	(f.fill_date + f.days_supply + $grace::INTEGER + 1)::TIMESTAMP AS late_from
FROM last f
WHERE f.rn = 1
	AND f.fill_date + f.days_supply + $grace::INTEGER < $now::DATE
	AND f.fill_date + f.days_supply + $grace::INTEGER >= $now::DATE - $lookback::INTEGER
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources s WHERE s.source_kind = 'fill_late' AND s.source_id = f.fill_id)
	AND ${COOLING}
ORDER BY f.patient_id, f.drug_name`;

const FIRST_FILLS = `-- first-ever fill of a drug for a patient, dispensed 3–7 days ago: a post-dispense check-in
SELECT f.patient_id, f.drug_name, f.fill_id, f.fill_date
FROM fills f
WHERE f.fill_date BETWEEN $now::DATE - $maxDays::INTEGER AND $now::DATE - $minDays::INTEGER
	AND NOT EXISTS (SELECT 1 FROM fills p WHERE p.patient_id = f.patient_id AND p.drug_name = f.drug_name
		AND (p.fill_date < f.fill_date OR (p.fill_date = f.fill_date AND p.fill_id < f.fill_id)))
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources s WHERE s.source_kind = 'first_fill' AND s.source_id = f.fill_id)
	AND ${COOLING}
ORDER BY f.patient_id, f.fill_id`;

interface LateRow extends Record<string, unknown> {
	patient_id: string;
	drug_name: string;
	fill_id: string;
	fill_date: Date;
	days_supply: number;
	late_from: Date;
}

interface FirstFillRow extends Record<string, unknown> {
	patient_id: string;
	drug_name: string;
	fill_id: string;
	fill_date: Date;
}

export async function findOutreachEvents(db: Db, now: Date, s: Settings): Promise<PlannedEvent[]> {
	const base = { now: sqlTimestamp(now), cooldown: s.outreachCooldownDays };
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
				detail: `${r.drug_name} filled ${day(r.fill_date)} for ${r.days_supply} days; no refill within the ${s.refillGraceDays}-day grace period`,
				eventAt: toDate(r.late_from),
				openedAt: now,
				dueAt: due
			})
		),
		...first.map((r) => {
			const filled = toDate(r.fill_date);
			return outreachEvent({
				patientId: r.patient_id,
				sourceKind: 'first_fill',
				sourceId: r.fill_id,
				trigger: 'first_fill',
				script: 'check_in',
				detail: `first fill of ${r.drug_name} on ${day(filled)}: ask how it is going, side effects, how to take it`,
				eventAt: filled,
				openedAt: addDays(filled, s.checkinMinDays),
				// The check-in window ends with the last day of the window.
				dueAt: addDays(filled, s.checkinMaxDays + 1)
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

function day(d: unknown): string {
	return toDate(d).toISOString().slice(0, 10);
}
