// The KPI registry: one entry per KPI, and everything else is generated from it — the engine's
// SELECT list (contact-sql.ts), the figures and their intervals (contact.ts, tiles.ts), labels and
// units, CSV columns, the CLI table, the drill-down predicate (drill.ts) and target validation
// (targets.ts). Adding a KPI is one entry here plus its tests.
//
// A contact KPI reads one fact stream (streams.ts): `interactions` (one row per interaction in the
// period) or `surveys` (one row per survey in the period, carrying its linked interaction's
// agent/team/channel/reason). Its counts are SQL predicates over that stream's columns; the same
// predicate selects the rows behind the figure in the drill-down, so the two cannot disagree.
import type { KpiSettings } from './settings.ts';

/** '%' rates 0–100, 'pts' NPS −100…100, 's' seconds, 'score' CES 1–7, 'share' fractions 0–1. */
export type Unit = '%' | 'pts' | 's' | 'score' | 'share';
export type Stream = 'interactions' | 'surveys';

/** A count over a stream: how many of its rows satisfy `where` (a SQL predicate on its columns). */
export interface CountDef {
	/** The field name in results (contract JSON, CSV, CLI). */
	field: string;
	where: string;
}

interface Common {
	id: string;
	label: string;
	short: string;
	unit: Unit;
	/** Which way is good: decides the target's comparison (≥ or ≤). */
	better: 'higher' | 'lower';
	/** Values a target may take, in the figure's own unit. */
	targetRange: readonly [number, number];
	/** Shown on the Overview's trend charts and Agents scorecard. */
	trend: boolean;
	scorecard: boolean;
	/** One sentence: what the figure means (Targets page, README). */
	definition: string;
}

/** 100 × k / n (or k / n for shares); null when n is 0. `k.where` holds within `n.where`. */
export interface RateKpi extends Common {
	kind: 'rate';
	stream: Stream;
	field: string;
	n: CountDef;
	k: CountDef;
	/** Drill-down names of the rows in k and of the rest of n ("satisfied" / "not satisfied"). */
	parts: { num: string; rest: string };
}

/** 100 × (promoters − detractors) / n. */
export interface NpsKpi extends Common {
	kind: 'nps';
	stream: Stream;
	field: string;
	n: CountDef;
	promoters: CountDef;
	detractors: CountDef;
}

/** Mean of `value` over the rows of `n`. */
export interface MeanKpi extends Common {
	kind: 'mean';
	stream: Stream;
	field: string;
	n: CountDef;
	value: string;
	stddevField: string;
}

/** A PDC-family figure from the adherence engine (fills), drilled down on the Adherence page. */
export interface AdherenceKpi extends Common {
	kind: 'adherence';
	stream: 'fills';
}

export type ContactKpi = RateKpi | NpsKpi | MeanKpi;
export type KpiDef = ContactKpi | AdherenceKpi;

// Predicates name the stream columns of streams.ts: inbound, handled_inbound, abandoned,
// surveyed, has_repeat, handle_seconds, queue_seconds, patient_id, disposition, csat, nps, ces.
const HANDLED = 'handled_inbound';
const ANSWER_KNOWN = 'handled_inbound AND queue_seconds IS NOT NULL';

export const KPIS = [
	{
		id: 'csat',
		label: 'CSAT',
		short: 'CSAT',
		unit: '%',
		better: 'higher',
		targetRange: [0, 100],
		trend: true,
		scorecard: true,
		definition: 'Share of surveys with a CSAT answer that are satisfied (4 or 5 of 5 by default).',
		kind: 'rate',
		stream: 'surveys',
		field: 'csat',
		n: { field: 'csat_responses', where: 'csat IS NOT NULL' },
		k: { field: 'csat_satisfied', where: 'csat >= $csat_min' },
		parts: { num: 'satisfied', rest: 'not satisfied' }
	},
	{
		id: 'nps',
		label: 'NPS',
		short: 'NPS',
		unit: 'pts',
		better: 'higher',
		targetRange: [-100, 100],
		trend: true,
		scorecard: true,
		definition: 'Promoters (9–10) minus detractors (0–6), as points of all NPS answers.',
		kind: 'nps',
		stream: 'surveys',
		field: 'nps',
		n: { field: 'nps_responses', where: 'nps IS NOT NULL' },
		promoters: { field: 'promoters', where: 'nps >= $promoter_min' },
		detractors: { field: 'detractors', where: 'nps <= $detractor_max' }
	},
	{
		id: 'ces',
		label: 'Customer effort (CES)',
		short: 'CES',
		unit: 'score',
		better: 'higher',
		targetRange: [1, 7],
		trend: true,
		scorecard: false,
		definition: 'Mean customer-effort answer on the 1–7 scale (higher = easier).',
		kind: 'mean',
		stream: 'surveys',
		field: 'ces',
		n: { field: 'ces_responses', where: 'ces IS NOT NULL' },
		value: 'ces',
		stddevField: 'ces_stddev'
	},
	{
		id: 'aht',
		label: 'Average handle time',
		short: 'AHT',
		unit: 's',
		better: 'lower',
		targetRange: [0, 86_400],
		trend: true,
		scorecard: true,
		definition: 'Mean talk + hold + after-contact work over handled inbound contacts.',
		kind: 'mean',
		stream: 'interactions',
		field: 'aht_seconds',
		n: { field: 'handled_inbound', where: HANDLED },
		value: 'handle_seconds',
		stddevField: 'aht_stddev'
	},
	{
		id: 'asa',
		label: 'Average speed of answer',
		short: 'ASA',
		unit: 's',
		better: 'lower',
		targetRange: [0, 86_400],
		trend: true,
		scorecard: false,
		definition: 'Mean queue time of handled inbound contacts that record one.',
		kind: 'mean',
		stream: 'interactions',
		field: 'asa_seconds',
		n: { field: 'asa_count', where: ANSWER_KNOWN },
		value: 'queue_seconds',
		stddevField: 'asa_stddev'
	},
	{
		id: 'abandon',
		label: 'Abandon rate',
		short: 'Abandon',
		unit: '%',
		better: 'lower',
		targetRange: [0, 100],
		trend: true,
		scorecard: false,
		definition: 'Share of inbound contacts abandoned before an agent answered.',
		kind: 'rate',
		stream: 'interactions',
		field: 'abandon_rate',
		n: { field: 'inbound', where: 'inbound' },
		k: { field: 'abandoned', where: 'abandoned' },
		parts: { num: 'abandoned', rest: 'answered' }
	},
	{
		id: 'fcr',
		label: 'First-contact resolution',
		short: 'FCR',
		unit: '%',
		better: 'higher',
		targetRange: [0, 100],
		trend: true,
		scorecard: true,
		definition:
			'Handled inbound contacts of known patients resolved with no repeat contact about the same reason within the repeat window.',
		kind: 'rate',
		stream: 'interactions',
		field: 'fcr',
		n: { field: 'fcr_eligible', where: `${HANDLED} AND patient_id IS NOT NULL` },
		k: { field: 'fcr_resolved', where: `disposition = 'resolved' AND NOT has_repeat` },
		parts: { num: 'resolved first time', rest: 'not resolved first time' }
	},
	{
		id: 'response',
		label: 'Survey response rate',
		short: 'Response',
		unit: '%',
		better: 'higher',
		targetRange: [0, 100],
		trend: false,
		scorecard: false,
		definition: 'Share of handled inbound contacts with at least one linked survey.',
		kind: 'rate',
		stream: 'interactions',
		field: 'response_rate',
		n: { field: 'handled_inbound', where: HANDLED },
		k: { field: 'responded', where: 'surveyed' },
		parts: { num: 'with a survey', rest: 'without a survey' }
	},
	{
		id: 'service_level',
		label: 'Service level',
		short: 'Service level',
		unit: '%',
		better: 'higher',
		targetRange: [0, 100],
		trend: true,
		scorecard: false,
		definition:
			'Share of handled inbound contacts with a recorded queue time answered within the service-level threshold (30 s by default).',
		kind: 'rate',
		stream: 'interactions',
		field: 'service_level',
		n: { field: 'asa_count', where: ANSWER_KNOWN },
		k: { field: 'answered_in_time', where: 'queue_seconds <= $service_level_seconds' },
		parts: { num: 'answered in time', rest: 'answered late' }
	},
	{
		id: 'pdc_adherent_share',
		label: 'PDC adherent share',
		short: 'PDC adherent',
		unit: 'share',
		better: 'higher',
		targetRange: [0, 1],
		trend: false,
		scorecard: false,
		definition:
			'Share of eligible patient-class pairs (statin, RAS, diabetes) with PDC at or above the adherent threshold.',
		kind: 'adherence',
		stream: 'fills'
	},
	{
		id: 'refill_on_time',
		label: 'Refills on time',
		short: 'Refill on time',
		unit: 'share',
		better: 'higher',
		targetRange: [0, 1],
		trend: false,
		scorecard: false,
		definition:
			'Share of consecutive same-drug fills where the next fill came within days supply + grace.',
		kind: 'adherence',
		stream: 'fills'
	}
] as const satisfies readonly KpiDef[];

export type KpiId = (typeof KPIS)[number]['id'];

type Entry = (typeof KPIS)[number];
type RateEntry = Extract<Entry, { kind: 'rate' }>;
type NpsEntry = Extract<Entry, { kind: 'nps' }>;
type MeanEntry = Extract<Entry, { kind: 'mean' }>;
type ContactEntry = RateEntry | NpsEntry | MeanEntry;
/** Every field a result row holds: volumes, figures, the counts behind them, standard deviations. */
export type FigureField =
	| 'contacts'
	| 'handled_inbound'
	| 'surveys'
	| ContactEntry['field']
	| ContactEntry['n']['field']
	| RateEntry['k']['field']
	| NpsEntry['promoters']['field']
	| NpsEntry['detractors']['field']
	| MeanEntry['stddevField'];
export const KPI_IDS = KPIS.map((k) => k.id) as KpiId[];
export const CONTACT_KPIS = KPIS.filter(
	(k): k is Extract<(typeof KPIS)[number], ContactKpi> => k.kind !== 'adherence'
) as readonly ContactKpi[];

const BY_ID = new Map<string, KpiDef>(KPIS.map((k) => [k.id, k]));

export function kpiDef(id: string): KpiDef | null {
	return BY_ID.get(id) ?? null;
}

export function isKpiId(id: string): id is KpiId {
	return BY_ID.has(id);
}

/** Volumes reported beside the KPIs (contract fields). */
export const VOLUMES: readonly (CountDef & { stream: Stream })[] = [
	{ field: 'contacts', where: 'true', stream: 'interactions' },
	{ field: 'handled_inbound', where: HANDLED, stream: 'interactions' },
	{ field: 'surveys', where: 'true', stream: 'surveys' }
];

/** Every count a KPI needs, once per field (a shared field must mean the same everywhere). */
export function countsOf(kpi: ContactKpi): CountDef[] {
	if (kpi.kind === 'rate')
		return [kpi.n, { field: kpi.k.field, where: `(${kpi.n.where}) AND (${kpi.k.where})` }];
	if (kpi.kind === 'nps')
		return [
			kpi.n,
			{ field: kpi.promoters.field, where: `(${kpi.n.where}) AND (${kpi.promoters.where})` },
			{ field: kpi.detractors.field, where: `(${kpi.n.where}) AND (${kpi.detractors.where})` }
		];
	return [kpi.n];
}

/** The settings a statement binds when it uses these predicates (DuckDB refuses unused names). */
export function settingParams(sql: string, s: KpiSettings): Record<string, number> {
	const all: Record<string, number> = {
		csat_min: s.csatSatisfiedMin,
		promoter_min: s.npsPromoterMin,
		detractor_max: s.npsDetractorMax,
		window_hours: s.fcrRepeatWindowHours,
		service_level_seconds: s.serviceLevelSeconds
	};
	return Object.fromEntries(Object.entries(all).filter(([name]) => sql.includes(`$${name}`)));
}

/** The comparison a target of this KPI takes: ≥ when higher is better, ≤ when lower is. */
export function targetComparison(kpi: KpiDef): 'min' | 'max' {
	return kpi.better === 'higher' ? 'min' : 'max';
}

/** Figure fields of every result row, in order: volumes, then each contact KPI's figure. */
export const RESULT_FIELDS = [
	...VOLUMES.map((v) => v.field),
	...CONTACT_KPIS.map((k) => k.field)
] as readonly FigureField[];
