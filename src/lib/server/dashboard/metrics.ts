// The contact KPIs as the dashboards show them: which engine field holds the figure, which holds
// its sample size, and which drill-down params list exactly the rows behind it.
import { targetStatus } from '../kpi/index.ts';
import type { KpiFigures, Target, TargetKpi } from '../kpi/index.ts';
import type { Status } from '../../components/types.ts';
import { formatValue, type Unit } from './format.ts';

export interface Metric {
	kpi: TargetKpi;
	label: string;
	short: string;
	field: keyof KpiFigures;
	n: keyof KpiFigures;
	unit: Unit;
	/** Query params for /interactions that list the figure's denominator. */
	drill: Record<string, string>;
}

const HANDLED = { direction: 'inbound', disposition: 'handled' };

export const METRICS: Metric[] = [
	{
		kpi: 'csat',
		label: 'CSAT',
		short: 'CSAT',
		field: 'csat',
		n: 'csat_responses',
		unit: '%',
		drill: { view: 'surveys', csat: 'any' }
	},
	{
		kpi: 'nps',
		label: 'NPS',
		short: 'NPS',
		field: 'nps',
		n: 'nps_responses',
		unit: 'pts',
		drill: { view: 'surveys', nps: 'any' }
	},
	{
		kpi: 'ces',
		label: 'Customer effort (CES)',
		short: 'CES',
		field: 'ces',
		n: 'ces_responses',
		unit: 'score',
		drill: { view: 'surveys', ces: 'any' }
	},
	{
		kpi: 'fcr',
		label: 'First-contact resolution',
		short: 'FCR',
		field: 'fcr',
		n: 'fcr_eligible',
		unit: '%',
		drill: { fcr: 'any' }
	},
	{
		kpi: 'aht',
		label: 'Average handle time',
		short: 'AHT',
		field: 'aht_seconds',
		n: 'handled_inbound',
		unit: 's',
		drill: HANDLED
	},
	{
		kpi: 'asa',
		label: 'Average speed of answer',
		short: 'ASA',
		field: 'asa_seconds',
		n: 'asa_count',
		unit: 's',
		drill: HANDLED
	},
	{
		kpi: 'abandon',
		label: 'Abandon rate',
		short: 'Abandon',
		field: 'abandon_rate',
		n: 'inbound',
		unit: '%',
		drill: { direction: 'inbound' }
	},
	{
		kpi: 'response',
		label: 'Survey response rate',
		short: 'Response',
		field: 'response_rate',
		n: 'handled_inbound',
		unit: '%',
		drill: HANDLED
	}
];

export const METRIC_BY_KPI = new Map(METRICS.map((m) => [m.kpi, m]));

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
	const value = f[m.field] as number | null;
	const n = f[m.n] as number;
	const tooFew = n < minSample;
	const text =
		value === null ? '–' : tooFew ? `too few (n = ${n})` : (formatValue(value, m.unit) ?? '–');
	return { value, text, n, status: tooFew ? null : targetStatus(value, target, nearPct), tooFew };
}
