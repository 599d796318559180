// Dashboard filters live in the URL (bookmark, share, reload). This module is the trust boundary:
// every query parameter the analytic pages read is validated here with valibot, once.
import * as v from 'valibot';

export const PRESETS = ['last7', 'last30', 'last90', 'this_month', 'last_month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const CHANNELS = ['voice', 'chat', 'sms', 'email', 'app'] as const;
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
	v.check(
		(s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && toIso(parseDay(s)) === s,
		'That date does not exist.'
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
	channel: v.optional(v.picklist(CHANNELS, 'Channel is one of voice, chat, sms, email, app.')),
	reason: v.optional(text),
	agent: v.optional(text)
});

/** Extra drill-down filters the interaction list understands, so a link lists exactly the rows behind a number. */
const DrillSchema = v.object({
	view: v.optional(v.picklist(['interactions', 'surveys'])),
	direction: v.optional(v.picklist(['inbound', 'outbound'])),
	disposition: v.optional(v.picklist(DISPOSITIONS)),
	csat: v.optional(v.picklist(['any', 'low', 'high'])),
	nps: v.optional(v.picklist(['any', 'promoter', 'passive', 'detractor'])),
	ces: v.optional(v.picklist(['any'])),
	fcr: v.optional(v.picklist(['any', '0', '1'])),
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
	/** Inclusive first and last calendar day (UTC), as shown to people. */
	fromDate: string;
	toDate: string;
	/** Half-open instant range [from, to) for the KPI engine. */
	from: Date;
	to: Date;
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

export function parseDay(s: string): Date {
	return new Date(`${s}T00:00:00Z`);
}

export function toIso(d: Date): string {
	return d.toISOString().slice(0, 10);
}

export function addDays(s: string, days: number): string {
	const d = parseDay(s);
	d.setUTCDate(d.getUTCDate() + days);
	return toIso(d);
}

/** The inclusive day range a preset covers, relative to the last day with data (`asOf`). */
export function presetRange(preset: Exclude<Preset, 'custom'>, asOf: string): [string, string] {
	const [y, m] = asOf.split('-').map(Number);
	switch (preset) {
		case 'last7':
			return [addDays(asOf, -6), asOf];
		case 'last30':
			return [addDays(asOf, -29), asOf];
		case 'last90':
			return [addDays(asOf, -89), asOf];
		case 'this_month':
			return [toIso(new Date(Date.UTC(y, m - 1, 1))), asOf];
		case 'last_month':
			return [toIso(new Date(Date.UTC(y, m - 2, 1))), toIso(new Date(Date.UTC(y, m - 1, 0)))];
	}
}

/**
 * Reads the period and group filters. `asOf` anchors the presets: the last day with data, so a
 * historical import still opens on figures rather than on an empty page.
 */
export function parseFilter(url: URL, asOf: string): DashboardFilter {
	const parsed = v.safeParse(FilterSchema, paramsOf(url));
	if (!parsed.success) throw new FilterError(firstIssue(parsed.issues));
	const p = parsed.output;
	let preset: Preset = p.period ?? (p.from || p.to || p.date ? 'custom' : 'last30');
	let fromDate: string;
	let toDate: string;
	if (p.date) {
		preset = 'custom';
		fromDate = toDate = p.date;
	} else if (preset === 'custom') {
		toDate = p.to ?? asOf;
		fromDate = p.from ?? addDays(toDate, -29);
	} else {
		[fromDate, toDate] = presetRange(preset, asOf);
	}
	if (fromDate > toDate) throw new FilterError('from: The start date is after the end date.');
	return {
		preset,
		fromDate,
		toDate,
		from: parseDay(fromDate),
		to: parseDay(addDays(toDate, 1)),
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

export type Bucket = 'day' | 'week' | 'month';

/** The inclusive last day of a bucket starting on `start`, cut to the filter's last day. */
export function bucketEnd(start: string, bucket: Bucket, lastDay: string): string {
	let end: string;
	if (bucket === 'day') end = start;
	else if (bucket === 'week') end = addDays(start, 6);
	else {
		const [y, m] = start.split('-').map(Number);
		end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	}
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
