// Dashboard filters live in the URL (bookmark, share, reload). This module is the trust boundary:
// every query parameter the analytic pages read is validated here with valibot, once, and turned
// into one period: inclusive local calendar days of the site time zone (what people pick and
// read) and the half-open instant range [from, to) the engine takes (the data contract's "Site
// time zone"). Explicit From/To dates win over a preset: a shared link shows what it says.
import * as v from 'valibot';
import { CHANNELS } from '../../vocabulary.ts';
import {
	addDays,
	addMonths,
	bucketLastDay,
	FIRST_YEAR,
	LAST_YEAR,
	localDayStart,
	parseDate,
	type Unit
} from '../time/index.ts';
import { DRILL_PARTS, drillKpi } from '../kpi/drill.ts';

export const PRESETS = ['last7', 'last30', 'last90', 'this_month', 'last_month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const DISPOSITIONS = [
	'resolved',
	'unresolved',
	'escalated',
	'transferred',
	'callback',
	'abandoned',
	'handled'
] as const;
export const OUTCOMES = [
	'reached',
	'voicemail',
	'no_answer',
	'refill_requested',
	'declined'
] as const;

export class FilterError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = v.pipe(
	v.string(),
	v.regex(DATE, 'Dates look like 2026-03-31.'),
	v.check((s) => parseDate(s) !== null, 'That date does not exist.'),
	v.check(
		(s) => Number(s.slice(0, 4)) >= FIRST_YEAR && Number(s.slice(0, 4)) <= LAST_YEAR,
		`Dates fall between ${FIRST_YEAR} and ${LAST_YEAR}.`
	)
);
const text = v.pipe(
	v.string(),
	v.trim(),
	v.maxLength(200, 'Filter values are at most 200 characters.')
);
const flag = v.picklist(['0', '1']);

/** The common analytic filter: a period and the group filters. */
const FilterSchema = v.object({
	period: v.optional(
		v.picklist(PRESETS, 'Period is one of last7, last30, last90, this_month, last_month, custom.')
	),
	from: v.optional(isoDate),
	to: v.optional(isoDate),
	date: v.optional(isoDate),
	team: v.optional(text),
	channel: v.optional(v.picklist(CHANNELS, `Channel is one of ${CHANNELS.join(', ')}.`)),
	reason: v.optional(text),
	agent: v.optional(text),
	/** The range the filter bar displayed: dates equal to it were not typed, so a preset wins. */
	shown: v.optional(v.pipe(v.string(), v.maxLength(40)))
});

/** Extra drill-down filters the interaction list understands, so a link lists exactly the rows behind a number. */
const DrillSchema = v.object({
	view: v.optional(v.picklist(['interactions', 'surveys'])),
	direction: v.optional(v.picklist(['inbound', 'outbound'])),
	disposition: v.optional(v.picklist(DISPOSITIONS)),
	kpi: v.optional(
		v.pipe(
			v.string(),
			v.check((id) => drillKpi(id) !== null, 'kpi names a contact KPI such as csat or fcr.')
		)
	),
	part: v.optional(v.picklist(DRILL_PARTS)),
	surveyed: v.optional(flag),
	patient: v.optional(flag),
	campaign: v.optional(text),
	outcome: v.optional(v.picklist([...OUTCOMES, 'reached_any'])),
	sentiment: v.optional(v.picklist(['negative', 'neutral', 'positive'])),
	q: v.optional(text),
	sort: v.optional(v.pipe(v.string(), v.maxLength(40))),
	dir: v.optional(v.picklist(['asc', 'desc'])),
	page: v.optional(
		v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/, 'Page is a positive whole number.'))
	)
});

export interface DashboardFilter {
	preset: Preset;
	/** Inclusive first and last local calendar day, as shown to people. */
	fromDate: string;
	toDate: string;
	/** Half-open instant range [from, to): local midnight of fromDate to that after toDate. */
	from: Date;
	to: Date;
	/** The site time zone the days are read in. */
	tz: string;
	team?: string;
	channel?: string;
	reason?: string;
	agent?: string;
}

export type DrillFilter = v.InferOutput<typeof DrillSchema>;

/** URL params without empty values: an unselected <select> submits "". */
function paramsOf(url: URL): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of url.searchParams) if (value.trim() !== '') out[key] = value;
	return out;
}

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	const key = issue.path?.map((p) => String(p.key)).join('.') ?? 'filter';
	return `${key}: ${issue.message}`;
}

/** The inclusive day range a preset covers, relative to the last day with data (`asOf`). */
export function presetRange(preset: Exclude<Preset, 'custom'>, asOf: string): [string, string] {
	switch (preset) {
		case 'last7':
			return [addDays(asOf, -6), asOf];
		case 'last30':
			return [addDays(asOf, -29), asOf];
		case 'last90':
			return [addDays(asOf, -89), asOf];
		case 'this_month':
			return [addMonths(asOf, 0), asOf];
		case 'last_month':
			return [addMonths(asOf, -1), addDays(addMonths(asOf, 0), -1)];
	}
}

/**
 * Reads the period and group filters. `asOf` (the last local day with data) anchors the presets,
 * so a historical import still opens on figures rather than on an empty page; `tz` is the site
 * time zone. From/To win over a preset unless they are exactly the range the bar displayed
 * (`shown`), which is how a form that submits both tells a typed range from a chosen preset.
 */
export function parseFilter(url: URL, asOf: string, tz = 'UTC'): DashboardFilter {
	const parsed = v.safeParse(FilterSchema, paramsOf(url));
	if (!parsed.success) throw new FilterError(firstIssue(parsed.issues));
	const p = parsed.output;
	const typed =
		(p.from !== undefined || p.to !== undefined) &&
		`${p.from ?? ''}..${p.to ?? ''}` !== (p.shown ?? '');
	let preset: Preset;
	let fromDate: string;
	let toDate: string;
	if (p.date) {
		preset = 'custom';
		fromDate = toDate = p.date;
	} else if (typed || p.period === 'custom') {
		preset = 'custom';
		toDate = p.to ?? asOf;
		fromDate = p.from ?? addDays(toDate, -29);
	} else {
		preset = p.period ?? 'last30';
		[fromDate, toDate] = presetRange(preset as Exclude<Preset, 'custom'>, asOf);
	}
	if (fromDate > toDate) throw new FilterError('from: The start date is after the end date.');
	return {
		preset,
		fromDate,
		toDate,
		from: localDayStart(fromDate, tz),
		to: localDayStart(addDays(toDate, 1), tz),
		tz,
		team: p.team || undefined,
		channel: p.channel,
		reason: p.reason?.toLowerCase() || undefined,
		agent: p.agent || undefined
	};
}

export function parseDrill(url: URL): DrillFilter {
	const params = paramsOf(url);
	const known = Object.fromEntries(
		Object.entries(params).filter(([k]) => k in DrillSchema.entries)
	);
	const parsed = v.safeParse(DrillSchema, known);
	if (!parsed.success) throw new FilterError(firstIssue(parsed.issues));
	return parsed.output;
}

/**
 * The canonical query params for a filter: what the filter bar and links carry along. Drill-down
 * links pass `explicit` so they keep listing the same days after newer data arrives.
 */
export function filterQuery(f: DashboardFilter, explicit = false): Record<string, string> {
	const q: Record<string, string> =
		f.preset === 'custom' || explicit ? { from: f.fromDate, to: f.toDate } : { period: f.preset };
	if (f.team) q.team = f.team;
	if (f.channel) q.channel = f.channel;
	if (f.reason) q.reason = f.reason;
	if (f.agent) q.agent = f.agent;
	return q;
}

export type Bucket = Unit;

/** The inclusive last day of a bucket starting on `start`, cut to the filter's last day. */
export function bucketEnd(start: string, bucket: Bucket, lastDay: string): string {
	const end = bucketLastDay(start, bucket);
	return end < lastDay ? end : lastDay;
}

/** A bucket's days inside the filter: a week may start before the period (the key is its Monday). */
export function bucketRange(
	start: string,
	bucket: Bucket,
	f: { fromDate: string; toDate: string }
) {
	return { from: start > f.fromDate ? start : f.fromDate, to: bucketEnd(start, bucket, f.toDate) };
}
