// The KPI engine: the one place every figure comes from (pages, exports, tiles, CLI). Each KPI is
// one entry in registry.ts (label, unit, direction, target range, fact stream, counts as SQL
// predicates); the engine SQL (contact-sql.ts over streams.ts), figures, tiles, CSV, CLI table,
// drill-downs (drill.ts) and target validation are generated from it. PDC, refill timeliness and
// the reminder funnel are adherence-sql.ts. Every window, threshold and grace period is a setting of
// the registry (../settings).
// Time: periods are instants; buckets, adherence dates and the funnel's dates are local to the
// site time zone (src/lib/server/time). See README.md here.
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
//   KPIS, kpiDef(id), CONTACT_KPIS, RESULT_FIELDS — the registry
export { computeKpis, computeKpiSets, rate, figureOf, EMPTY_FIGURES } from './contact.ts';
export {
	KPIS,
	KPI_IDS,
	CONTACT_KPIS,
	RESULT_FIELDS,
	kpiDef,
	isKpiId,
	targetComparison
} from './registry.ts';
export type { KpiDef, ContactKpi, KpiId, Unit, Stream, FigureField } from './registry.ts';
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
	validateTarget,
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
