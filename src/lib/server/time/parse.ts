// Timestamps as the data contract writes them ("Values"), and period bounds as its "Site time
// zone" section reads them: a bound with an offset is that instant; a bare date or a date-time
// without an offset is that local time in the site's zone. A fraction is truncated to
// microseconds, as the contract truncates data timestamps: JS Dates hold milliseconds, so the
// microseconds below the millisecond ride along on a PreciseInstant (what tsParam binds).
import { isRealDate } from './calendar.ts';
import { PreciseInstant } from './instant.ts';
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
	/** Microseconds below the millisecond, 0–999. */
	us: number;
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
		us: Number((frac + '000000').slice(3, 6)),
		offsetMinutes
	};
}

function toInstant(p: Parsed, zoneForNaive: string): Date {
	const ms =
		p.offsetMinutes === null
			? localInstant(p.date, zoneForNaive, p.hour, p.minute, p.second, p.ms).getTime()
			: localInstant(p.date, 'UTC', p.hour, p.minute, p.second, p.ms).getTime() -
				p.offsetMinutes * 60_000;
	return p.us ? new PreciseInstant(ms, p.us) : new Date(ms);
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

/** RFC 3339 UTC with seconds, e.g. 2024-01-01T00:00:00Z (the fraction only when present). */
export function formatInstant(date: Date): string {
	const iso = date.toISOString();
	if (date instanceof PreciseInstant)
		return `${iso.slice(0, -1)}${String(date.micros).padStart(3, '0')}Z`;
	return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}
