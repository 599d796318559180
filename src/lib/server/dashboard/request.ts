// What every analytic load does first: read the filters against the last day with data, turning
// a bad URL into a 400 a person can act on.
import { error } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import { lastDataDay } from './context.ts';
import {
	FilterError,
	parseDrill,
	parseFilter,
	type DashboardFilter,
	type DrillFilter
} from './filters.ts';

export async function readFilter(
	db: Db,
	url: URL
): Promise<{ asOf: string; filter: DashboardFilter }> {
	const asOf = await lastDataDay(db);
	try {
		return { asOf, filter: parseFilter(url, asOf) };
	} catch (err) {
		if (err instanceof FilterError)
			error(
				400,
				`This link has a filter we cannot read (${err.message}) Fix it in the filter bar.`
			);
		throw err;
	}
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

/** Adherence is measured over longer periods: without one in the URL, this calendar year so far. */
export async function adherenceUrl(db: Db, url: URL): Promise<URL> {
	if (['period', 'from', 'to', 'date'].some((k) => url.searchParams.has(k))) return url;
	const asOf = await lastDataDay(db);
	const out = new URL(url);
	out.searchParams.set('from', `${asOf.slice(0, 4)}-01-01`);
	out.searchParams.set('to', asOf);
	return out;
}
