// Time has one owner. Data timestamps are instants (stored as UTC TIMESTAMP); the site time zone
// (setting `site_time_zone`, data contract "Site time zone") decides what a day, a week and a month
// are for periods, buckets, QA weeks, coaching windows, adherence dates and rules that count days.
//
//   now()                                  the one clock; tests and `--now` pin it with setClock
//   localDate(instant, tz) → 'YYYY-MM-DD'  localDayStart(date, tz) → instant the local day begins
//   localInstant(date, tz, h, m, s)        formatLocal(instant, tz) → '2026-03-08 09:15 EDT'
//   addLocalDays(instant, n, tz)           the same local clock time n local days away
//   parseTimestamp(text)                   a contract data timestamp (no offset = UTC)
//   parsePeriodBound(text, tz)             a period bound (no offset = local in tz, µs kept); PeriodError
//   addDays / daysBetween / weekStart / monthStart / bucketStart … on calendar dates
//   tsParam(instant) / dateParam(date)     the one way to bind a TIMESTAMP / DATE value
//   LOCAL_TS_SQL(col)                      SQL for a UTC TIMESTAMP column's local wall time ($tz)
import { dateValue, timestampValue } from '@duckdb/node-api';
import { epochDay } from './calendar.ts';
import { epochMicros } from './instant.ts';

export * from './calendar.ts';
export {
	addLocalDays,
	isTimeZone,
	localDate,
	localDayStart,
	localInstant,
	offsetAt,
	wallClock,
	formatLocal,
	zoneAbbreviation
} from './zone.ts';
export {
	parseTimestamp,
	parsePeriodBound,
	formatInstant,
	PeriodError,
	FIRST_YEAR,
	LAST_YEAR
} from './parse.ts';
export { PreciseInstant, epochMicros } from './instant.ts';

let clock: () => Date = () => new Date();

/** The current instant. Every "now" in the app comes from here. */
export function now(): Date {
	return clock();
}

/** Pins (or, with no argument, releases) the clock: for tests and commands run with `--now`. */
export function setClock(fixed?: Date | (() => Date)): void {
	clock = fixed === undefined ? () => new Date() : fixed instanceof Date ? () => fixed : fixed;
}

/** An instant bound as a DuckDB TIMESTAMP (UTC, microseconds). */
export function tsParam(instant: Date) {
	return timestampValue(epochMicros(instant));
}

/** A calendar date bound as a DuckDB DATE. */
export function dateParam(date: string) {
	return dateValue(epochDay(date));
}

/**
 * SQL for the local wall-clock time (a naive TIMESTAMP) of a UTC TIMESTAMP expression in the
 * zone bound as `$tz`. With tz = 'UTC' it is the same value.
 */
export function localTsSql(expr: string, tzParam = '$tz'): string {
	return `timezone(${tzParam}, timezone('UTC', ${expr}))`;
}

/** SQL for the UTC instant (naive TIMESTAMP) of a local wall-clock expression in `$tz`. */
export function utcTsSql(localExpr: string, tzParam = '$tz'): string {
	return `timezone('UTC', timezone(${tzParam}, ${localExpr}))`;
}
