// Patients in the PDC intervention band (pdc_band_low ≤ PDC < adherent threshold) over the last
// pdcWindowDays, from the KPI engine's computeAdherence: each becomes a med-sync offer. The source
// id carries the month, so a patient still in the band is offered again at most monthly (and not
// within the cool-down after their last outreach task closed).
import type { Db } from '../db/index.ts';
import { computeAdherence } from '../kpi/index.ts';
import type { OutreachInput } from './outreach.ts';
import type { Settings } from '../settings/index.ts';
import { addDays, addLocalDays, localDate, tsParam } from '../time/index.ts';

const KNOWN = `-- band offers already made this month, and patients in their cool-down
SELECT source_id AS id FROM follow_up_sources WHERE source_kind = 'pdc_band' AND source_id LIKE '%:' || $month
UNION ALL
SELECT 'cooling:' || patient_id FROM follow_ups
WHERE kind = 'outreach' AND patient_id IS NOT NULL AND closed_at >= $coolSince`;

export async function findPdcBandEvents(
	db: Db,
	now: Date,
	s: Settings
): Promise<Omit<OutreachInput, 'openedAt' | 'dueAt'>[]> {
	const tz = s.siteTimeZone;
	const to = localDate(now, tz);
	const from = addDays(to, -s.pdcWindowDays);
	const month = to.slice(0, 7);
	const adherence = await computeAdherence(db, { from, to }, s);
	const known = new Set(
		(
			await db.all<{ id: string }>(KNOWN, {
				month,
				coolSince: tsParam(addLocalDays(now, -s.outreachCooldownDays, tz))
			})
		).map((r) => r.id)
	);
	return adherence.patients
		.filter((p) => p.pdc >= s.pdcBandLow && p.pdc < s.pdcAdherentThreshold)
		.map((p) => ({ ...p, sourceId: `${p.patient_id}:${p.class}:${month}` }))
		.filter((p) => !known.has(p.sourceId) && !known.has(`cooling:${p.patient_id}`))
		.map((p) => ({
			patientId: p.patient_id,
			sourceKind: 'pdc_band',
			sourceId: p.sourceId,
			trigger: 'pdc_band',
			script: 'med_sync' as const,
			detail: `${p.class} PDC ${(p.pdc * 100).toFixed(0)}% (${p.covered_days} of ${p.treatment_days} days, ${from} to ${to}): offer medication synchronisation`,
			eventAt: now
		}));
}
