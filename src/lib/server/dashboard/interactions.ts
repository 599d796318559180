// The drill-down list: interactions (by started_at) or surveys (by submitted_at) behind a figure,
// with search over survey comments and transcripts. Every condition is a fixed SQL fragment with
// bound values; sort columns come from a whitelist.
import type { Db } from '../db/index.ts';
import type { DashboardFilter, DrillFilter } from './filters.ts';
import { endLabelSql } from '../sentiment/reads.ts';

export const PAGE_SIZE = 50;

/** The KPI settings a drill-down must share with the engine (a subset of its KpiSettings). */
export interface DrillSettings {
	csatSatisfiedMin: number;
	npsPromoterMin: number;
	npsDetractorMax: number;
	fcrRepeatWindowHours: number;
}
export const CONTRACT_DEFAULTS: DrillSettings = {
	csatSatisfiedMin: 4,
	npsPromoterMin: 9,
	npsDetractorMax: 6,
	fcrRepeatWindowHours: 168
};

export interface ListOptions {
	filter: DashboardFilter;
	drill: DrillFilter;
	/** From getSettings(db); contract defaults when omitted. */
	settings?: DrillSettings;
	/** null = every row (CSV export of all pages). */
	page?: number | null;
}

export interface InteractionRow {
	interactionId: string;
	startedAt: string;
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
	handle_seconds: 'handle_seconds',
	csat: 'csat'
};
export const SURVEY_SORTS: Record<string, string> = {
	submitted_at: 's.submitted_at',
	csat: 's.csat',
	nps: 's.nps',
	ces: 's.ces',
	agent_id: 'i.agent_id',
	team: 'i.team',
	channel: 'i.channel',
	reason: 'i.reason'
};

// -- a later inbound contact of the same patient and reason within the window voids first-contact resolution
const REPEAT = `EXISTS (SELECT 1 FROM interactions r WHERE r.patient_id = i.patient_id AND r.reason = i.reason
	AND coalesce(r.direction, 'inbound') = 'inbound' AND r.started_at > i.started_at
	AND r.started_at <= i.started_at + to_microseconds(CAST($repeat_us AS BIGINT)))`;
const FCR_BASE = `coalesce(i.direction, 'inbound') = 'inbound' AND i.disposition <> 'abandoned' AND i.patient_id IS NOT NULL`;
const FCR_MET = `(i.disposition = 'resolved' AND NOT ${REPEAT})`;
// -- text search: survey comments and transcript turns, case-insensitive substring ($pattern is
// the escaped ILIKE pattern); an IN over a UNION ran faster here than two correlated EXISTS.
const SEARCH_INTERACTION = `i.interaction_id IN (
	SELECT interaction_id FROM transcripts WHERE text ILIKE $pattern ESCAPE '\\'
	UNION SELECT interaction_id FROM surveys WHERE comment ILIKE $pattern ESCAPE '\\')`;
const SEARCH_SURVEY = `(s.comment ILIKE $pattern ESCAPE '\\'
	OR s.interaction_id IN (SELECT interaction_id FROM transcripts WHERE text ILIKE $pattern ESCAPE '\\'))`;

/** A substring as an ILIKE pattern: %, _ and the escape character match themselves. */
export function likePattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Where = { clauses: string[]; params: Record<string, string | number> };

/** Conditions on the interaction `i` shared by both views. */
function interactionConditions(o: ListOptions, w: Where): void {
	const { filter: f, drill: d } = o;
	const eq = (col: string, key: string, value: string | undefined) => {
		if (value === undefined) return;
		w.clauses.push(`${col} = $${key}`);
		w.params[key] = value;
	};
	eq('i.team', 'team', f.team);
	eq('i.channel', 'channel', f.channel);
	eq('i.reason', 'reason', f.reason);
	eq('i.agent_id', 'agent', f.agent);
	eq('i.campaign', 'campaign', d.campaign);
	if (d.direction) {
		w.clauses.push(`coalesce(i.direction, 'inbound') = $direction`);
		w.params.direction = d.direction;
	}
	if (d.disposition === 'handled') w.clauses.push(`i.disposition <> 'abandoned'`);
	else eq('i.disposition', 'disposition', d.disposition);
	if (d.outcome === 'reached_any') w.clauses.push(`i.outcome IN ('reached', 'refill_requested')`);
	else eq('i.outcome', 'outcome', d.outcome);
	if (d.sentiment) {
		w.clauses.push(endLabelSql('i', '$sentiment'));
		w.params.sentiment = d.sentiment;
	}
	if (d.patient === '1') w.clauses.push('i.patient_id IS NOT NULL');
	if (d.patient === '0') w.clauses.push('i.patient_id IS NULL');
	if (d.fcr) {
		w.clauses.push(FCR_BASE);
		if (d.fcr === '1') w.clauses.push(FCR_MET);
		if (d.fcr === '0') w.clauses.push(`NOT ${FCR_MET}`);
		const hours = (o.settings ?? CONTRACT_DEFAULTS).fcrRepeatWindowHours;
		if (d.fcr !== 'any') w.params.repeat_us = Math.round(hours * 3600e6);
	}
}

/** Survey score conditions on alias `s`; thresholds are bound values from the settings. */
function surveyConditions(o: ListOptions, alias: string, w: Where): string[] {
	const d = o.drill;
	const s = o.settings ?? CONTRACT_DEFAULTS;
	const c: string[] = [];
	// DuckDB refuses a bound name the statement does not use, so each threshold is bound with its clause.
	if (d.csat) c.push(`${alias}.csat IS NOT NULL`);
	if (d.csat === 'low' || d.csat === 'high') {
		c.push(`${alias}.csat ${d.csat === 'low' ? '<' : '>='} $csat_min`);
		w.params.csat_min = s.csatSatisfiedMin;
	}
	if (d.nps) c.push(`${alias}.nps IS NOT NULL`);
	if (d.nps === 'promoter' || d.nps === 'passive') {
		c.push(`${alias}.nps ${d.nps === 'promoter' ? '>=' : '<'} $promoter`);
		w.params.promoter = s.npsPromoterMin;
	}
	if (d.nps === 'detractor' || d.nps === 'passive') {
		c.push(`${alias}.nps ${d.nps === 'detractor' ? '<=' : '>'} $detractor`);
		w.params.detractor = s.npsDetractorMax;
	}
	if (d.ces === 'any') c.push(`${alias}.ces IS NOT NULL`);
	return c;
}

/**
 * Runs a list query for one page (or every row), counting all matches in the same pass with a
 * window count. A page past the end falls back to the last page.
 */
async function fetchPage(
	db: Db,
	o: ListOptions,
	query: (limit: string) => string,
	params: Where['params']
): Promise<{ rows: Record<string, unknown>[]; total: number; page: number; pages: number }> {
	const run = (p: number | null) =>
		db.all<Record<string, unknown>>(
			query(p === null ? '' : ` LIMIT ${PAGE_SIZE} OFFSET ${(p - 1) * PAGE_SIZE}`),
			params
		);
	let page = o.page === null ? null : Math.max(1, o.page ?? 1);
	let rows = await run(page);
	if (rows.length === 0 && page !== null && page > 1) {
		page = 1;
		rows = await run(1);
		const total = Number(rows[0]?.total_rows ?? 0);
		const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
		if (last > 1) {
			page = last;
			rows = await run(last);
		}
	}
	const total = Number(rows[0]?.total_rows ?? 0);
	return { rows, total, page: page ?? 1, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

function order(sorts: Record<string, string>, fallback: string, d: DrillFilter, tie: string) {
	const sort = d.sort && Object.hasOwn(sorts, d.sort) ? d.sort : fallback;
	const dir = d.dir ?? 'desc';
	return { sort, dir, sql: ` ORDER BY ${sorts[sort]} ${dir.toUpperCase()} NULLS LAST, ${tie}` };
}

export async function listInteractions(
	db: Db,
	o: ListOptions
): Promise<ListResult<InteractionRow>> {
	const w: Where = {
		clauses: ['i.started_at >= CAST($from AS TIMESTAMP)', 'i.started_at < CAST($to AS TIMESTAMP)'],
		params: { from: sqlTs(o.filter.from), to: sqlTs(o.filter.to) }
	};
	interactionConditions(o, w);
	const survey = surveyConditions(o, 'sv', w);
	if (survey.length) {
		w.clauses.push(
			`EXISTS (SELECT 1 FROM surveys sv WHERE sv.interaction_id = i.interaction_id AND ${survey.join(' AND ')})`
		);
	}
	if (o.drill.surveyed === '1')
		w.clauses.push('EXISTS (SELECT 1 FROM surveys sv WHERE sv.interaction_id = i.interaction_id)');
	if (o.drill.surveyed === '0')
		w.clauses.push(
			'NOT EXISTS (SELECT 1 FROM surveys sv WHERE sv.interaction_id = i.interaction_id)'
		);
	if (o.drill.q) {
		w.clauses.push(SEARCH_INTERACTION);
		w.params.pattern = likePattern(o.drill.q);
	}
	const where = w.clauses.join('\n\tAND ');
	const from = `FROM interactions i WHERE ${where}`;
	const ord = order(INTERACTION_SORTS, 'started_at', o.drill, 'i.interaction_id');
	const pg = await fetchPage(
		db,
		o,
		(
			limit
		) => `-- one page of matching interactions with handle time, their surveys' CSAT, and the match count
		WITH m AS (SELECT i.*, coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0) + coalesce(i.wrap_seconds, 0) AS handle_seconds ${from})
		SELECT i.*, coalesce(sa.n, 0)::INTEGER AS surveys, sa.csat AS csat, count(*) OVER () AS total_rows
		FROM m i LEFT JOIN (SELECT interaction_id, count(*) AS n, avg(csat) AS csat FROM surveys WHERE interaction_id IN (SELECT interaction_id FROM m) GROUP BY interaction_id) sa
			ON sa.interaction_id = i.interaction_id${ord.sql}${limit}`,
		w.params
	);
	const { rows, total } = pg;
	return {
		view: 'interactions',
		rows: rows.map((r) => ({
			interactionId: String(r.interaction_id),
			startedAt: iso(r.started_at),
			channel: String(r.channel),
			direction: String(r.direction ?? 'inbound'),
			patientId: (r.patient_id as string | null) ?? null,
			agentId: (r.agent_id as string | null) ?? null,
			team: (r.team as string | null) ?? null,
			reason: String(r.reason),
			disposition: String(r.disposition),
			queueSeconds: (r.queue_seconds as number | null) ?? null,
			handleSeconds: Number(r.handle_seconds),
			surveys: Number(r.surveys),
			csat: (r.csat as number | null) ?? null
		})),
		total,
		page: pg.page,
		pages: pg.pages,
		sort: ord.sort,
		dir: ord.dir
	};
}

export async function listSurveys(db: Db, o: ListOptions): Promise<ListResult<SurveyRow>> {
	const w: Where = {
		clauses: [
			's.submitted_at >= CAST($from AS TIMESTAMP)',
			's.submitted_at < CAST($to AS TIMESTAMP)'
		],
		params: { from: sqlTs(o.filter.from), to: sqlTs(o.filter.to) }
	};
	w.clauses.push(...surveyConditions(o, 's', w));
	interactionConditions(o, w);
	if (o.drill.q) {
		w.clauses.push(SEARCH_SURVEY);
		w.params.pattern = likePattern(o.drill.q);
	}
	const from = `FROM surveys s LEFT JOIN interactions i ON i.interaction_id = s.interaction_id WHERE ${w.clauses.join('\n\tAND ')}`;
	const ord = order(SURVEY_SORTS, 'submitted_at', o.drill, 's.survey_id');
	const pg = await fetchPage(
		db,
		o,
		(
			limit
		) => `-- one page of matching surveys with their interaction's attributes, and the match count
		SELECT s.survey_id, s.submitted_at, i.interaction_id, coalesce(s.patient_id, i.patient_id) AS patient_id,
			i.agent_id, i.team, i.channel, i.reason, s.csat, s.nps, s.ces, s.resolved, s.comment, count(*) OVER () AS total_rows
		${from}${ord.sql}${limit}`,
		w.params
	);
	const { rows, total } = pg;
	return {
		view: 'surveys',
		rows: rows.map((r) => ({
			surveyId: String(r.survey_id),
			submittedAt: iso(r.submitted_at),
			interactionId: (r.interaction_id as string | null) ?? null,
			patientId: (r.patient_id as string | null) ?? null,
			agentId: (r.agent_id as string | null) ?? null,
			team: (r.team as string | null) ?? null,
			channel: (r.channel as string | null) ?? null,
			reason: (r.reason as string | null) ?? null,
			csat: (r.csat as number | null) ?? null,
			nps: (r.nps as number | null) ?? null,
			ces: (r.ces as number | null) ?? null,
			resolved: (r.resolved as boolean | null) ?? null,
			comment: (r.comment as string | null) ?? null
		})),
		total,
		page: pg.page,
		pages: pg.pages,
		sort: ord.sort,
		dir: ord.dir
	};
}

/** A Date as a DuckDB TIMESTAMP literal in UTC (bound as a value, cast in SQL). */
export function sqlTs(d: Date): string {
	return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Timestamps as RFC 3339 UTC strings: the client gives Date for TIMESTAMP. */
export function iso(value: unknown): string {
	if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
	return String(value);
}
