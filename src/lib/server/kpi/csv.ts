// CSV for KPI tables (CLI `--format csv` and the web exports): the same figures as the JSON,
// unrounded, through the dashboard's RFC 4180 writer (which also defuses spreadsheet formulas).
import { toCsv, type CsvColumn } from '../dashboard/csv.ts';
import type { ClassAdherence, PatientPdc } from './adherence.ts';
import { EMPTY_FIGURES, type KpiFigures, type KpiResult } from './contact.ts';
import type { FigureField } from './registry.ts';
import type { Target } from './targets.ts';

/** Column order of every KPI table: the figures (registry order), then the counts behind them. */
export const KPI_FIELDS = Object.keys(EMPTY_FIGURES) as readonly FigureField[];

type Line = KpiFigures & { scope: 'total' | 'row'; key: string | null };

/** One line for the total (scope "total"), then one per group row (scope "row"), in order. */
export function kpisToCsv(result: KpiResult): string {
	const lines: Line[] = [
		{ scope: 'total', key: null, ...result.total },
		...result.rows.map((r) => ({ ...r, scope: 'row' as const }))
	];
	const columns: CsvColumn<Line>[] = [
		{ header: 'scope', value: (l) => l.scope },
		{ header: result.by ?? 'key', value: (l) => l.key },
		...KPI_FIELDS.map((f) => ({ header: f, value: (l: Line) => l[f] }))
	];
	return toCsv(columns, lines);
}

export function adherenceClassesToCsv(classes: ClassAdherence[]): string {
	return toCsv<ClassAdherence>(
		[
			{ header: 'class', value: (c) => c.class },
			{ header: 'eligible', value: (c) => c.eligible },
			{ header: 'adherent', value: (c) => c.adherent },
			{ header: 'rate', value: (c) => c.rate },
			{ header: 'band', value: (c) => c.band }
		],
		classes
	);
}

export function adherencePatientsToCsv(patients: PatientPdc[]): string {
	return toCsv<PatientPdc>(
		[
			{ header: 'patient_id', value: (p) => p.patient_id },
			{ header: 'class', value: (p) => p.class },
			{ header: 'index_date', value: (p) => p.index_date },
			{ header: 'treatment_days', value: (p) => p.treatment_days },
			{ header: 'covered_days', value: (p) => p.covered_days },
			{ header: 'pdc', value: (p) => p.pdc },
			{ header: 'adherent', value: (p) => p.adherent }
		],
		patients
	);
}

export function targetsToCsv(targets: Target[]): string {
	return toCsv<Target>(
		[
			{ header: 'kpi', value: (t) => t.kpi },
			{ header: 'team', value: (t) => t.team },
			{ header: 'channel', value: (t) => t.channel },
			{ header: 'comparison', value: (t) => (t.comparison === 'min' ? '>=' : '<=') },
			{ header: 'value', value: (t) => t.value },
			{ header: 'updated_at', value: (t) => t.updatedAt },
			{ header: 'updated_by', value: (t) => t.updatedBy }
		],
		targets
	);
}
