// What every analytic load does first: read the filters against the last day with data, turning
// a bad URL into a 400 a person can act on.
import { error, redirect } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import { getSettings } from '../kpi/index.ts';
import { addDays, formatLocal, now } from '../time/index.ts';
import { lastDataDay } from './context.ts';
import {
	FilterError,
	filterQuery,
	parseDrill,
	parseFilter,
	type DashboardFilter,
	type DrillFilter
} from './filters.ts';

const PERIOD_PARAMS = ['period', 'from', 'to', 'date', 'shown'];

/**
 * The canonical URL of a filter-bar submission: the bar sends both a preset and the dates it
 * showed; the address bar (and so a shared link) keeps only what the page shows.
 */
export function canonicalUrl(url: URL, f: DashboardFilter): URL {
	const out = new URL(url);
	for (const k of PERIOD_PARAMS) out.searchParams.delete(k);
	const q = filterQuery(f);
	for (const k of ['team', 'channel', 'reason', 'agent']) out.searchParams.delete(k);
	for (const [k, value] of Object.entries(q)) out.searchParams.set(k, value);
	return out;
}

export async function readFilter(
	db: Db,
	url: URL
): Promise<{ asOf: string; filter: DashboardFilter; generatedAt: string }> {
	const { siteTimeZone: tz } = await getSettings(db);
	const asOf = await lastDataDay(db, tz);
	let filter: DashboardFilter;
	try {
		filter = parseFilter(url, asOf, tz);
	} catch (err) {
		if (err instanceof FilterError)
			error(
				400,
				`This link has a filter we cannot read (${err.message}) Fix it in the filter bar.`
			);
		throw err;
	}
	if (url.searchParams.has('shown')) redirect(303, canonicalUrl(url, filter));
	// A printed page says when it was made, so last week's copy is never read as today's.
	return { asOf, filter, generatedAt: formatLocal(now(), tz) };
}

export function readDrill(url: URL): DrillFilter {
	try {
		return parseDrill(url);
	} catch (err) {
		if (err instanceof FilterError)
			error(
				400,
				`This link has a filter we cannot read (${err.message}) Fix it in the filter bar.`
			);
		throw err;
	}
}

/** The filter bar's state: what the form shows. */
export function filterState(f: DashboardFilter) {
	return {
		period: f.preset,
		from: f.fromDate,
		to: f.toDate,
		team: f.team,
		channel: f.channel,
		reason: f.reason
	};
}

/**
 * Adherence is measured over longer periods: without one in the URL, the 365 days through the last
 * day with data — the same window the Overview's adherence tiles state, so both show one figure.
 */
export async function adherenceUrl(db: Db, url: URL): Promise<URL> {
	if (PERIOD_PARAMS.some((k) => url.searchParams.has(k))) return url;
	const asOf = await lastDataDay(db, (await getSettings(db)).siteTimeZone);
	const out = new URL(url);
	out.searchParams.set('from', addDays(asOf, 1 - 365));
	out.searchParams.set('to', asOf);
	return out;
}
