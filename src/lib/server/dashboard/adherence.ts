// The Adherence page: PDC by class with the intervention band, the per-patient list (patient-level,
// so callers audit it), refill timeliness and the reminder funnel. Figures from computeAdherence.
import * as v from 'valibot';
import type { Db } from '../db/index.ts';
import { computeAdherence, MEASURED_CLASSES, getSettings } from '../kpi/index.ts';
import type { PatientPdc } from '../kpi/index.ts';
import { cached } from './cache.ts';
import { addDays } from '../time/index.ts';
import type { DashboardFilter } from './filters.ts';

export const ADHERENCE_PAGE_SIZE = 50;
export const PDC_GROUPS = ['adherent', 'band', 'below'] as const;
export type PdcGroup = (typeof PDC_GROUPS)[number];

const AdherenceParams = v.object({
	class: v.optional(v.picklist(MEASURED_CLASSES)),
	group: v.optional(v.picklist(PDC_GROUPS)),
	sort: v.optional(v.picklist(['pdc', 'patient_id', 'class', 'treatment_days'])),
	dir: v.optional(v.picklist(['asc', 'desc'])),
	page: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/)))
});
export type AdherenceParams = v.InferOutput<typeof AdherenceParams>;

export function parseAdherenceParams(url: URL): AdherenceParams | null {
	const raw: Record<string, string> = {};
	for (const key of ['class', 'group', 'sort', 'dir', 'page']) {
		const value = url.searchParams.get(key);
		if (value) raw[key] = value;
	}
	const parsed = v.safeParse(AdherenceParams, raw);
	return parsed.success ? parsed.output : null;
}

export function groupOf(p: PatientPdc, threshold: number, bandLow: number): PdcGroup {
	return p.pdc >= threshold ? 'adherent' : p.pdc >= bandLow ? 'band' : 'below';
}

export interface PatientRow extends PatientPdc {
	group: PdcGroup;
}

/**
 * The rows of one view: filtered, grouped and sorted. Sorting is stable and the input comes in
 * contract order (patient id, then class), so rows with the same key stay in that order, in
 * either direction.
 */
function sortedPatients(
	all: PatientPdc[],
	th: number,
	low: number,
	params: AdherenceParams,
	sort: string,
	dir: string
): PatientRow[] {
	const patients: PatientRow[] = [];
	for (const p of all) {
		if (params.class && p.class !== params.class) continue;
		const group = groupOf(p, th, low);
		if (params.group && group !== params.group) continue;
		// A literal of the known fields: far cheaper than a spread over 300k rows.
		patients.push({
			patient_id: p.patient_id,
			class: p.class,
			index_date: p.index_date,
			treatment_days: p.treatment_days,
			covered_days: p.covered_days,
			pdc: p.pdc,
			adherent: p.adherent,
			group
		});
	}
	const sign = dir === 'asc' ? 1 : -1;
	if (sort === 'pdc' || sort === 'treatment_days') {
		const key = sort;
		return patients.sort((a, b) => sign * (a[key] - b[key]));
	}
	const key = sort === 'class' ? 'class' : 'patient_id';
	return patients.sort((a, b) => (a[key] < b[key] ? -sign : a[key] > b[key] ? sign : 0));
}

export async function loadAdherence(
	db: Db,
	f: DashboardFilter,
	params: AdherenceParams,
	all = false
) {
	const settings = await getSettings(db);
	const period = { from: f.fromDate, to: addDays(f.toDate, 1), patients: true };
	const result = await cached(db, `adherence ${JSON.stringify(period)}`, () =>
		computeAdherence(db, period, settings)
	);
	const th = settings.pdcAdherentThreshold;
	const low = settings.pdcBandLow;
	const sort = params.sort ?? 'pdc';
	const dir = params.dir ?? 'asc';
	// Grouping and sorting every patient costs more than the page may wait on a busy machine;
	// paging through the same list reuses it until the data or settings change.
	const view = { period, class: params.class, group: params.group, sort, dir };
	const patients = await cached(db, `adherence rows ${JSON.stringify(view)}`, async () =>
		sortedPatients(result.patients, th, low, params, sort, dir)
	);
	const total = patients.length;
	const pages = Math.max(1, Math.ceil(total / ADHERENCE_PAGE_SIZE));
	const page = Math.min(Number(params.page ?? 1), pages);
	const shown = all
		? patients
		: patients.slice((page - 1) * ADHERENCE_PAGE_SIZE, page * ADHERENCE_PAGE_SIZE);
	return {
		threshold: th,
		bandLow: low,
		classes: result.classes,
		overall: result.overall,
		refillOnTime: result.refill_on_time,
		funnel: result.reminder_funnel,
		patients: shown,
		paging: { total, page, pages, sort, dir }
	};
}
