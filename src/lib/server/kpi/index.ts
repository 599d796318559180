// The KPI engine: the one place every figure comes from (pages, exports, tiles, CLI). Definitions
// are the data contract's "Default KPI definitions", in SQL (contact-sql.ts, adherence-sql.ts);
// every window, threshold and grace period is a setting of the registry (../settings). See README.md here.
//
// Signatures (all return plain objects: numbers, strings, booleans, null — never DuckDB values):
//   computeKpis(db, { from: Date, to: Date, by?: GroupBy, team?, channel?, reason?, agent? })
//     → { from, to, by, total: KpiFigures, rows: (KpiFigures & { key })[] }   (contract `kpis`)
//   computeKpiSets(db, filter, sets: ('total' | GroupBy)[], settings?) → Map<set, KpiRow[]>
//     (several groupings in one statement; the Overview uses it)
//   computeAdherence(db, { from: 'YYYY-MM-DD' | Date, to, patients?: boolean, funnel?: boolean }, settings?)
//     → { from, to, classes[{class, eligible, adherent, rate, band}], patients[…],
//         refill_on_time{pairs, on_time, rate}, reminder_funnel{…}, overall{…} } (contract `adherence`)
//   overviewFigures(db, filter, settings?) → { sets (total, channel, agent, day), adherence }
//   kpiTiles(db, filter, given?: { settings?, targets?, current?: { total, adherence } })
//     → KpiTile[] (csat, nps, ces, fcr, aht, asa, abandon, response,
//     pdc_adherent_share, refill_on_time: value, n, interval, target, status, previous, change,
//     significant, tooFew)
//   getSettings(db) → KpiSettings;  updateSettings(db, patch, actor) → KpiSettings
//   listTargets(db) → Target[];  upsertTarget(db, { kpi, team?, channel?, comparison, value }, actor)
//   deleteTarget(db, { kpi, team?, channel? }, actor);  findTarget(targets, kpi, { team?, channel? })
//   targetStatus(value, target, nearPct) → 'met' | 'near' | 'missed' | null
//   listDrugClasses(db);  setDrugClass(db, name, class, actor);  removeDrugClass(db, name, actor)
//   wilson(k, n) → { low, high } (fractions);  npsInterval(promoters, detractors, n) → { nps, se, low, high }
//   compareProportions(k1, n1, k2, n2, scale?), compareEstimates(v1, se1, v2, se2), compareMeans(a, b)
//   kpisToCsv(result), adherenceClassesToCsv(classes), adherencePatientsToCsv(patients), targetsToCsv(targets)
//   parseTimestamp(text) → Date | null;  parseDate(text) → 'YYYY-MM-DD' | null
export { computeKpis, computeKpiSets, rate } from './contact.ts';
export type { KpiFilter, KpiQuery, KpiFigures, KpiRow, KpiResult } from './contact.ts';
export { GROUP_BYS } from './contact-sql.ts';
export type { GroupBy, GroupSet } from './contact-sql.ts';
export { computeAdherence, MEASURED_CLASSES } from './adherence.ts';
export type { AdherenceQuery, AdherenceResult, ClassAdherence, PatientPdc } from './adherence.ts';
export { kpiTiles, overviewFigures, previousPeriod, adherenceDates } from './tiles.ts';
export type { KpiTile, TileInputs, TilePeriod } from './tiles.ts';
export { getSettings, updateSettings, DEFAULT_SETTINGS, SettingsError } from './settings.ts';
export type { KpiSettings } from './settings.ts';
export {
	listTargets,
	upsertTarget,
	deleteTarget,
	findTarget,
	targetStatus,
	TARGET_KPIS,
	KPI_LABELS,
	KPI_UNITS,
	TargetError
} from './targets.ts';
export type { Target, TargetKpi, TargetInput, Status } from './targets.ts';
export {
	listDrugClasses,
	setDrugClass,
	removeDrugClass,
	DRUG_CLASSES,
	DrugClassError
} from './drug-classes.ts';
export type { DrugClassRow, DrugClass } from './drug-classes.ts';
export {
	wilson,
	npsInterval,
	compareProportions,
	compareEstimates,
	compareMeans,
	meanInterval,
	Z95
} from './stats.ts';
export type { Interval, NpsEstimate } from './stats.ts';
export {
	kpisToCsv,
	adherenceClassesToCsv,
	adherencePatientsToCsv,
	targetsToCsv,
	KPI_FIELDS
} from './csv.ts';
export { parseTimestamp, parseDate, formatInstant } from './timestamp.ts';
