// The drill-down list: interactions (by started_at) or surveys (by submitted_at) behind a figure,
// with search over survey comments and transcripts. Rows come from the KPI engine's own fact
// streams (kpi/streams.ts) under the KPI's own predicate (kpi/drill.ts), so a list behind a figure
// holds exactly the rows counted in it. Every other condition is a fixed SQL fragment with bound
// values; sort columns come from a whitelist.
import type { Db } from '../db/index.ts';
import { drillKpi, drillPredicate } from '../kpi/drill.ts';
import { settingParams, type Stream } from '../kpi/registry.ts';
import type { KpiSettings } from '../kpi/settings.ts';
import { interactionStreamSql, readsRepeat, SURVEY_STREAM_SQL } from '../kpi/streams.ts';
import { derivedReady } from '../kpi/derived.ts';
import { formatLocal, tsParam } from '../time/index.ts';
import { endLabelSql } from '../sentiment/reads.ts';
import type { DashboardFilter, DrillFilter } from './filters.ts';

export const PAGE_SIZE = 50;
/** Search takes at most this many words; each must appear (any order). */
export const MAX_SEARCH_WORDS = 8;

export interface ListOptions {
	filter: DashboardFilter;
	drill: DrillFilter;
	/** The KPI settings the engine used (thresholds the predicates bind). */
	settings: KpiSettings;
	/** null = every row (CSV export of all pages). */
	page?: number | null;
}

export interface InteractionRow {
	interactionId: string;
	startedAt: string;
	/** Local time in the site time zone, with the zone: "2026-03-08 09:15 EDT". */
	startedLocal: string;
	channel: string;
	direction: string;
	patientId: string | null;
	agentId: string | null;
	team: string | null;
	reason: string;
	disposition: string;
	queueSeconds: number | null;
	handleSeconds: number;
	surveys: number;
	csat: number | null;
}

export interface SurveyRow {
	surveyId: string;
	submittedAt: string;
	submittedLocal: string;
	interactionId: string | null;
	patientId: string | null;
	agentId: string | null;
	team: string | null;
	channel: string | null;
	reason: string | null;
	csat: number | null;
	nps: number | null;
	ces: number | null;
	resolved: boolean | null;
	comment: string | null;
}

export interface ListResult<T> {
	view: 'interactions' | 'surveys';
	rows: T[];
	total: number;
	page: number;
	pages: number;
	sort: string;
	dir: 'asc' | 'desc';
}

// Whitelists: URL sort key → SQL expression.
export const INTERACTION_SORTS: Record<string, string> = {
	started_at: 'i.started_at',
	channel: 'i.channel',
	agent_id: 'i.agent_id',
	team: 'i.team',
	reason: 'i.reason',
	disposition: 'i.disposition',
	queue_seconds: 'i.queue_seconds',
	handle_seconds: 'i.handle_seconds',
	csat: 'csat'
};
export const SURVEY_SORTS: Record<string, string> = {
	submitted_at: 's.submitted_at',
	csat: 's.csat',
	nps: 's.nps',
	ces: 's.ces',
	agent_id: 's.agent_id',
	team: 's.team',
	channel: 's.channel',
	reason: 's.reason'
};

/** A substring as an ILIKE pattern: %, _ and the escape character match themselves. */
export function likePattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The words of a search, each a pattern that must match somewhere (any order). */
export function searchWords(q: string): string[] {
	return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
}

type Params = Record<string, unknown>;
type Where = { clauses: string[]; params: Params };

/** Which stream a list reads: the KPI's, else the `view` param. */
export function listStream(drill: DrillFilter): Stream {
	const kpi = drill.kpi ? drillKpi(drill.kpi) : null;
	if (kpi) return kpi.stream;
	return drill.view === 'surveys' ? 'surveys' : 'interactions';
}

/** Conditions on the row `r` of either stream (both carry the interaction's columns). */
function rowConditions(drill: DrillFilter, r: string, w: Where): void {
	const eq = (col: string, key: string, value: string | undefined) => {
		if (value === undefined) return;
		w.clauses.push(`${r}.${col} = $${key}`);
		w.params[key] = value;
	};
	eq('campaign', 'campaign', drill.campaign);
	eq('direction', 'direction', drill.direction);
	if (drill.disposition === 'handled') w.clauses.push(`${r}.disposition <> 'abandoned'`);
	else eq('disposition', 'disposition', drill.disposition);
	if (drill.outcome === 'reached_any')
		w.clauses.push(`${r}.outcome IN ('reached', 'refill_requested')`);
	else eq('outcome', 'outcome', drill.outcome);
	if (drill.sentiment) {
		w.clauses.push(endLabelSql(r, '$sentiment'));
		w.params.sentiment = drill.sentiment;
	}
	if (drill.patient === '1') w.clauses.push(`${r}.patient_id IS NOT NULL`);
	if (drill.patient === '0') w.clauses.push(`${r}.patient_id IS NULL`);
}

/** The KPI part's predicate, and each search word as an EXISTS over the texts. */
function kpiAndSearch(drill: DrillFilter, r: string, stream: Stream, w: Where): void {
	const kpi = drill.kpi ? drillKpi(drill.kpi) : null;
	if (kpi && kpi.stream === stream) {
		const predicate = drillPredicate(kpi, drill.part ?? 'all');
		// A part the KPI does not have (NPS "num") lists nothing rather than everything.
		w.clauses.push(predicate ?? 'false');
	}
	searchWords(drill.q ?? '').forEach((word, i) => {
		const p = `w${i}`;
		w.params[p] = likePattern(word);
		const own = stream === 'surveys' ? `${r}.comment ILIKE $${p} ESCAPE '\\' OR ` : '';
		// -- a word counts when any of the contact's texts holds it: a transcript turn or a comment
		w.clauses.push(`(${own}${r}.interaction_id IN (
			SELECT interaction_id FROM transcripts WHERE text ILIKE $${p} ESCAPE '\\'
			UNION SELECT interaction_id FROM surveys WHERE comment ILIKE $${p} ESCAPE '\\'))`);
	});
}

/** Period and group filters of the stream, plus the settings its predicates bind. */
function baseParams(o: ListOptions, sql: string): Params {
	const f = o.filter;
	return {
		from: tsParam(f.from),
		to: tsParam(f.to),
		team: f.team ?? null,
		channel: f.channel ?? null,
		reason: f.reason ?? null,
		agent: f.agent ?? null,
		...settingParams(sql, o.settings)
	};
}

/**
 * Runs a list query for one page (or every row), with the count of all matches cross-joined in
 * (not `count(*) OVER ()`: with ORDER BY … LIMIT that trips an intermittent internal error in
 * DuckDB 1.5, duckdb/duckdb#22352). A page past the end falls back to the last page.
 */
async function fetchPage(
	db: Db,
	o: ListOptions,
	query: (limit: string) => string,
	params: Params
): Promise<{ rows: Record<string, unknown>[]; total: number; page: number; pages: number }> {
	const run = (p: number | null) =>
		db.all<Record<string, unknown>>(
			query(p === null ? '' : ` LIMIT ${PAGE_SIZE} OFFSET ${(p - 1) * PAGE_SIZE}`),
			params as never
		);
	let page = o.page === null ? null : Math.max(1, o.page ?? 1);
	let rows = await run(page);
	if (rows.length === 0 && page !== null && page > 1) {
		rows = await run(1);
		const last = Math.max(1, Math.ceil(Number(rows[0]?.total_rows ?? 0) / PAGE_SIZE));
		page = last;
		if (last > 1) rows = await run(last);
	}
	const total = Number(rows[0]?.total_rows ?? 0);
	return { rows, total, page: page ?? 1, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

function order(sorts: Record<string, string>, fallback: string, d: DrillFilter, tie: string) {
	const sort = d.sort && Object.hasOwn(sorts, d.sort) ? d.sort : fallback;
	const dir = d.dir ?? 'desc';
	return { sort, dir, sql: ` ORDER BY ${sorts[sort]} ${dir.toUpperCase()} NULLS LAST, ${tie}` };
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function listInteractions(
	db: Db,
	o: ListOptions
): Promise<ListResult<InteractionRow>> {
	const w: Where = { clauses: ['true'], params: {} };
	rowConditions(o.drill, 'i', w);
	kpiAndSearch(o.drill, 'i', 'interactions', w);
	if (o.drill.surveyed === '1') w.clauses.push('i.surveyed');
	if (o.drill.surveyed === '0') w.clauses.push('NOT i.surveyed');
	const where = w.clauses.join('\n\tAND ');
	const stream = interactionStreamSql(readsRepeat(where), await derivedReady(db, o.settings));
	const ord = order(INTERACTION_SORTS, 'started_at', o.drill, 'i.interaction_id');
	const sql = (
		limit: string
	) => `-- one page of the interactions behind a figure, with their surveys' CSAT and the match count
WITH ${stream},
m AS (SELECT i.* FROM interaction_facts i WHERE ${where}),
matched AS (SELECT count(*) AS total_rows FROM m)
SELECT i.*, coalesce(sa.n, 0)::INTEGER AS survey_count, sa.csat AS csat, matched.total_rows
FROM m i CROSS JOIN matched LEFT JOIN (
	SELECT interaction_id, count(*) AS n, avg(csat) AS csat FROM surveys
	WHERE interaction_id IN (SELECT interaction_id FROM m) GROUP BY interaction_id
) sa ON sa.interaction_id = i.interaction_id${ord.sql}${limit}`;
	const params = { ...baseParams(o, sql('')), ...w.params };
	const pg = await fetchPage(db, o, sql, params);
	const tz = o.filter.tz;
	return {
		view: 'interactions',
		rows: pg.rows.map((r) => ({
			interactionId: String(r.interaction_id),
			startedAt: iso(r.started_at),
			startedLocal: formatLocal(r.started_at as Date, tz),
			channel: String(r.channel),
			direction: String(r.direction),
			patientId: str(r.patient_id),
			agentId: str(r.agent_id),
			team: str(r.team),
			reason: String(r.reason),
			disposition: String(r.disposition),
			queueSeconds: num(r.queue_seconds),
			handleSeconds: Number(r.handle_seconds),
			surveys: Number(r.survey_count),
			csat: num(r.csat)
		})),
		total: pg.total,
		page: pg.page,
		pages: pg.pages,
		sort: ord.sort,
		dir: ord.dir
	};
}

export async function listSurveys(db: Db, o: ListOptions): Promise<ListResult<SurveyRow>> {
	const w: Where = { clauses: ['true'], params: {} };
	rowConditions(o.drill, 's', w);
	kpiAndSearch(o.drill, 's', 'surveys', w);
	const where = w.clauses.join('\n\tAND ');
	const ord = order(SURVEY_SORTS, 'submitted_at', o.drill, 's.survey_id');
	const sql = (
		limit: string
	) => `-- one page of the surveys behind a figure, with their interaction's attributes and the match count
WITH ${SURVEY_STREAM_SQL},
m AS (SELECT s.* FROM survey_facts s WHERE ${where}),
matched AS (SELECT count(*) AS total_rows FROM m)
SELECT s.*, coalesce(s.survey_patient_id, s.patient_id) AS shown_patient_id, matched.total_rows
FROM m s CROSS JOIN matched${ord.sql}${limit}`;
	const params = { ...baseParams(o, sql('')), ...w.params };
	const pg = await fetchPage(db, o, sql, params);
	const tz = o.filter.tz;
	return {
		view: 'surveys',
		rows: pg.rows.map((r) => ({
			surveyId: String(r.survey_id),
			submittedAt: iso(r.submitted_at),
			submittedLocal: formatLocal(r.submitted_at as Date, tz),
			interactionId: str(r.interaction_id),
			patientId: str(r.shown_patient_id),
			agentId: str(r.agent_id),
			team: str(r.team),
			channel: str(r.channel),
			reason: str(r.reason),
			csat: num(r.csat),
			nps: num(r.nps),
			ces: num(r.ces),
			resolved: (r.resolved as boolean | null) ?? null,
			comment: str(r.comment)
		})),
		total: pg.total,
		page: pg.page,
		pages: pg.pages,
		sort: ord.sort,
		dir: ord.dir
	};
}

/** Timestamps as RFC 3339 UTC strings: the client gives Date for TIMESTAMP. */
export function iso(value: unknown): string {
	if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
	return String(value);
}
