// computeAdherence: the contract's `adherence` shape (classes, patients, refill on-time, reminder
// funnel) plus each class's intervention-band count. Periods are dates [from, to), to exclusive.
import type { Db } from '../db/index.ts';
import { dateParam, daysBetween, localDate, localDayStart, tsParam } from '../time/index.ts';
import {
	adherenceClassesSql,
	adherencePatientsSql,
	REFILL_ON_TIME_SQL,
	reminderFunnelSql,
	STORED_REFILL_ON_TIME_SQL,
	storedReminderFunnelSql
} from './adherence-sql.ts';
import { derivedReady } from './derived.ts';
import { getSettings, type KpiSettings } from './settings.ts';

export const MEASURED_CLASSES = ['diabetes', 'ras', 'statin'] as const;
export type MeasuredClass = (typeof MEASURED_CLASSES)[number];

export interface AdherenceQuery {
	/** `YYYY-MM-DD` or a Date (its calendar date in the site time zone). */
	from: string | Date;
	to: string | Date;
	/** List eligible patients (default true); the Overview only needs the class totals. */
	patients?: boolean;
	/** Count the reminder funnel (default true); previous-period tiles skip it (zeros then). */
	funnel?: boolean;
}

export interface ClassAdherence {
	class: MeasuredClass;
	eligible: number;
	adherent: number;
	rate: number | null;
	/** Patients with band_low ≤ PDC < adherent threshold: worth a call. */
	band: number;
}

export interface PatientPdc {
	patient_id: string;
	class: MeasuredClass;
	index_date: string;
	treatment_days: number;
	covered_days: number;
	pdc: number;
	adherent: boolean;
}

export interface AdherenceResult {
	from: string;
	to: string;
	classes: ClassAdherence[];
	patients: PatientPdc[];
	refill_on_time: { pairs: number; on_time: number; rate: number | null };
	reminder_funnel: {
		reminded: number;
		reached: number;
		refill_requested: number;
		refilled: number;
	};
	/** All three classes together: the Overview's "PDC adherent share". */
	overall: { eligible: number; adherent: number; rate: number | null; band: number };
}

interface ClassCounts {
	class: MeasuredClass;
	eligible: number;
	adherent: number;
	band: number;
}

/** The class counts of adherenceClassesSql, from the patient rows (same doubles, same tests). */
function countClasses(patients: PatientPdc[], adherent: number, bandLow: number): ClassCounts[] {
	return MEASURED_CLASSES.map((name) => {
		const rows = patients.filter((p) => p.class === name);
		return {
			class: name,
			eligible: rows.length,
			adherent: rows.filter((p) => p.pdc >= adherent).length,
			band: rows.filter((p) => p.pdc >= bandLow && p.pdc < adherent).length
		};
	});
}

export async function computeAdherence(
	db: Db,
	query: AdherenceQuery,
	settings?: KpiSettings
): Promise<AdherenceResult> {
	const s = settings ?? (await getSettings(db));
	const tz = s.siteTimeZone;
	const asDate = (v: string | Date): string => (typeof v === 'string' ? v : localDate(v, tz));
	const from = asDate(query.from);
	const to = asDate(query.to);
	const days = daysBetween(from, to);
	if (!(days > 0))
		throw new RangeError(`The adherence period must end after it starts (${from} → ${to}).`);
	const period = { from: dateParam(from), to: dateParam(to) };
	const stored = await derivedReady(db, s);
	const pdcParams = {
		...period,
		days,
		min_dates: s.pdcMinFillDates,
		min_treatment_days: s.pdcMinTreatmentDays,
		exclude_insulin: s.pdcExcludeInsulin,
		adherent: s.pdcAdherentThreshold
	};
	const sqlOptions = { stored, minDates: s.pdcMinFillDates };
	const listed = query.patients !== false;
	const [classRows, patientRows, refill, funnel] = await Promise.all([
		// With the patient list, the class counts come from it (one PDC pass, not two).
		listed
			? Promise.resolve(null)
			: db.all<ClassCounts>(adherenceClassesSql(sqlOptions), {
					...pdcParams,
					band_low: s.pdcBandLow
				}),
		listed
			? db.all<Record<string, unknown>>(adherencePatientsSql(sqlOptions), pdcParams)
			: Promise.resolve([]),
		db.one<{ pairs: number; on_time: number }>(
			stored ? STORED_REFILL_ON_TIME_SQL : REFILL_ON_TIME_SQL,
			{
				...period,
				grace: s.refillGraceDays
			}
		),
		query.funnel === false
			? Promise.resolve(null)
			: db.one<AdherenceResult['reminder_funnel']>(
					(stored ? storedReminderFunnelSql : reminderFunnelSql)(tz === 'UTC'),
					{
						from_ts: tsParam(localDayStart(from, tz)),
						to_ts: tsParam(localDayStart(to, tz)),
						window: s.reminderRefillWindowDays,
						...(tz === 'UTC' ? {} : { tz })
					}
				)
	]);
	const patients: PatientPdc[] = patientRows.map((p) => ({
		patient_id: String(p.patient_id),
		class: p.class as MeasuredClass,
		index_date: String(p.index_date),
		treatment_days: Number(p.treatment_days),
		covered_days: Number(p.covered_days),
		pdc: Number(p.pdc),
		adherent: Boolean(p.adherent)
	}));
	const counted = classRows ?? countClasses(patients, s.pdcAdherentThreshold, s.pdcBandLow);
	const classes = MEASURED_CLASSES.map((name) => {
		const r = counted.find((c) => c.class === name);
		const eligible = r?.eligible ?? 0;
		const adherent = r?.adherent ?? 0;
		return {
			class: name,
			eligible,
			adherent,
			rate: eligible > 0 ? adherent / eligible : null,
			band: r?.band ?? 0
		};
	});
	const eligible = classes.reduce((a, c) => a + c.eligible, 0);
	const adherent = classes.reduce((a, c) => a + c.adherent, 0);
	const pairs = refill?.pairs ?? 0;
	const onTime = refill?.on_time ?? 0;
	return {
		from,
		to,
		classes,
		patients,
		refill_on_time: { pairs, on_time: onTime, rate: pairs > 0 ? onTime / pairs : null },
		reminder_funnel: {
			reminded: funnel?.reminded ?? 0,
			reached: funnel?.reached ?? 0,
			refill_requested: funnel?.refill_requested ?? 0,
			refilled: funnel?.refilled ?? 0
		},
		overall: {
			eligible,
			adherent,
			rate: eligible > 0 ? adherent / eligible : null,
			band: classes.reduce((a, c) => a + c.band, 0)
		}
	};
}
