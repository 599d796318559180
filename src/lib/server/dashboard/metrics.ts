// The contact KPIs as the dashboards show them, generated from the KPI registry: which engine
// field holds the figure, which holds its sample size, and the drill-down params that list exactly
// the rows behind it.
import { CONTACT_KPIS, targetStatus } from '../kpi/index.ts';
import type { FigureField, KpiFigures, KpiId, Target } from '../kpi/index.ts';
import { drillQuery } from '../kpi/drill.ts';
import type { Status } from '../../components/types.ts';
import { formatValue, type Unit } from './format.ts';

export interface Metric {
	kpi: KpiId;
	label: string;
	short: string;
	field: FigureField;
	n: FigureField;
	unit: Unit;
	trend: boolean;
	scorecard: boolean;
	/** Query params for /interactions that list the figure's denominator. */
	drill: Record<string, string>;
}

export const METRICS: Metric[] = CONTACT_KPIS.map((k) => ({
	kpi: k.id as KpiId,
	label: k.label,
	short: k.short,
	field: k.field as FigureField,
	n: k.n.field as FigureField,
	unit: k.unit,
	trend: k.trend,
	scorecard: k.scorecard,
	drill: drillQuery(k)
}));

export const METRIC_BY_KPI = new Map<string, Metric>(METRICS.map((m) => [m.kpi, m]));

export interface Cell {
	value: number | null;
	text: string;
	n: number;
	status: Status | null;
	tooFew: boolean;
}

/** One figure of a row against its target; "too few (n = …)" below the minimum sample. */
export function cell(
	f: KpiFigures,
	m: Metric,
	target: Target | null,
	minSample: number,
	nearPct: number
): Cell {
	const value = f[m.field] ?? null;
	const n = f[m.n] ?? 0;
	const tooFew = n < minSample;
	const text =
		value === null
			? '–'
			: tooFew
				? `too few (n = ${n.toLocaleString('en')})`
				: (formatValue(value, m.unit) ?? '–');
	return { value, text, n, status: tooFew ? null : targetStatus(value, target, nearPct), tooFew };
}
