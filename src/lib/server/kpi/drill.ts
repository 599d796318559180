// The rows behind a figure, from the registry: a KPI's drill-down parts are its count predicates
// over its fact stream — `all` the denominator, `num` the numerator, `rest` the denominator
// without the numerator; NPS adds promoters, detractors and passives. The drill-down list
// (dashboard/interactions.ts) selects from the same stream with the same predicate as the engine,
// so a list's row count equals the figure's n (tests: drill-consistency, kpi-drill property test).
import { kpiDef, type ContactKpi, type KpiDef } from './registry.ts';

export const DRILL_PARTS = ['all', 'num', 'rest', 'promoters', 'detractors', 'passives'] as const;
export type DrillPart = (typeof DRILL_PARTS)[number];

export interface DrillChoice {
	part: DrillPart;
	label: string;
}

/** The parts a KPI offers, with their labels ("CSAT: not satisfied"). */
export function drillChoices(kpi: ContactKpi): DrillChoice[] {
	const all = { part: 'all' as const, label: `${kpi.short}: every row counted` };
	if (kpi.kind === 'rate')
		return [
			all,
			{ part: 'num', label: `${kpi.short}: ${kpi.parts.num}` },
			{ part: 'rest', label: `${kpi.short}: ${kpi.parts.rest}` }
		];
	if (kpi.kind === 'nps')
		return [
			all,
			{ part: 'promoters', label: 'NPS promoters' },
			{ part: 'passives', label: 'NPS passives' },
			{ part: 'detractors', label: 'NPS detractors' }
		];
	return [all];
}

/**
 * The SQL predicate (over the KPI's stream row) selecting a part, or null when the KPI has no such
 * part. A numerator predicate may be null on rows outside the denominator: `rest` coalesces.
 */
export function drillPredicate(kpi: ContactKpi, part: DrillPart): string | null {
	const n = `(${kpi.n.where})`;
	if (part === 'all') return n;
	if (kpi.kind === 'rate') {
		if (part === 'num') return `${n} AND (${kpi.k.where})`;
		if (part === 'rest') return `${n} AND NOT coalesce((${kpi.k.where}), false)`;
		return null;
	}
	if (kpi.kind === 'nps') {
		const promoter = `coalesce((${kpi.promoters.where}), false)`;
		const detractor = `coalesce((${kpi.detractors.where}), false)`;
		if (part === 'promoters') return `${n} AND ${promoter}`;
		if (part === 'detractors') return `${n} AND ${detractor}`;
		if (part === 'passives') return `${n} AND NOT ${promoter} AND NOT ${detractor}`;
	}
	return null;
}

/** A contact KPI by id, or null (adherence KPIs drill down on the Adherence page instead). */
export function drillKpi(id: string): ContactKpi | null {
	const def: KpiDef | null = kpiDef(id);
	return def && def.kind !== 'adherence' ? def : null;
}

/** The query params of a link to the rows behind a KPI's figure (its denominator by default). */
export function drillQuery(kpi: KpiDef, part: DrillPart = 'all'): Record<string, string> {
	return part === 'all' ? { kpi: kpi.id } : { kpi: kpi.id, part };
}
