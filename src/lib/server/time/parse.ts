// Timestamps as the data contract writes them ("Values"), and period bounds as its "Site time
// zone" section reads them: a bound with an offset is that instant; a bare date or a date-time
// without an offset is that local time in the site's zone. JS Dates hold milliseconds, so a
// fraction is truncated to ms (periods are never that fine).
import { isRealDate } from './calendar.ts';
import { localInstant } from './zone.ts';

const TS =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/** Periods outside these years are refused: no contact centre has data there, and date maths
 * near DuckDB's and JavaScript's limits overflows. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

interface Parsed {
	date: string;
	hour: number;
	minute: number;
	second: number;
	ms: number;
	/** Minutes east of UTC, or null when the text names no offset. */
	offsetMinutes: number | null;
}

function parseParts(text: string): Parsed | null {
	const m = TS.exec(text.trim());
	if (!m) return null;
	const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', z, sign, oh, om] = m;
	if (!isRealDate(+y, +mo, +d) || +hh > 23 || +mi > 59 || +ss > 59) return null;
	if (oh !== undefined && (+oh > 23 || +(om ?? '0') > 59)) return null;
	const offsetMinutes = z ? 0 : sign ? (sign === '-' ? -1 : 1) * (+oh * 60 + +(om ?? '0')) : null;
	return {
		date: `${y}-${mo}-${d}`,
		hour: +hh,
		minute: +mi,
		second: +ss,
		ms: Number((frac + '000').slice(0, 3)),
		offsetMinutes
	};
}

function toInstant(p: Parsed, zoneForNaive: string): Date {
	if (p.offsetMinutes === null) {
		return localInstant(p.date, zoneForNaive, p.hour, p.minute, p.second, p.ms);
	}
	const utc = localInstant(p.date, 'UTC', p.hour, p.minute, p.second, p.ms);
	return new Date(utc.getTime() - p.offsetMinutes * 60_000);
}

/** A contract data timestamp → its instant (no offset means UTC), or null when invalid. */
export function parseTimestamp(text: string): Date | null {
	const p = parseParts(text);
	return p && toInstant(p, 'UTC');
}

export class PeriodError extends Error {}

/**
 * A period bound as the CLI and the filter bar take it: an offset (or Z) names an instant; a bare
 * date or a date-time without one is local time in `tz`. Throws PeriodError with one sentence.
 */
export function parsePeriodBound(text: string, tz: string, name = 'date'): Date {
	const p = parseParts(text);
	if (!p) {
		throw new PeriodError(
			`The ${name} "${text.slice(0, 40)}" is not a real date or time (use e.g. 2026-03-01 or 2026-03-01T08:00-05:00).`
		);
	}
	const year = Number(p.date.slice(0, 4));
	if (year < FIRST_YEAR || year > LAST_YEAR) {
		throw new PeriodError(`The ${name} must fall between ${FIRST_YEAR} and ${LAST_YEAR}.`);
	}
	return toInstant(p, tz);
}

/** RFC 3339 UTC with seconds, e.g. 2024-01-01T00:00:00Z (milliseconds only when present). */
export function formatInstant(date: Date): string {
	const iso = date.toISOString();
	return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}
