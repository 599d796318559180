// Instants ↔ local wall-clock times in an IANA zone, through Intl (the same tz database family as
// DuckDB's ICU). The site time zone decides what "a day" is for periods, buckets and rules; data
// timestamps themselves are instants and never move.
import { addDays, isRealDate, utcDate } from './calendar.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
	let f = formatters.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(tz, f);
	}
	return f;
}

/** Whether `tz` names a zone this runtime knows (IANA names and aliases such as UTC). */
export function isTimeZone(tz: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
	try {
		formatter(tz);
		return true;
	} catch (err) {
		if (err instanceof RangeError) return false;
		throw err;
	}
}

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The wall-clock reading in `tz` at an instant (seconds precision). */
export function wallClock(instant: Date, tz: string): WallClock {
	if (tz === 'UTC') {
		return {
			year: instant.getUTCFullYear(),
			month: instant.getUTCMonth() + 1,
			day: instant.getUTCDate(),
			hour: instant.getUTCHours(),
			minute: instant.getUTCMinutes(),
			second: instant.getUTCSeconds()
		};
	}
	const parts: Record<string, number> = {};
	for (const p of formatter(tz).formatToParts(instant)) {
		if (p.type !== 'literal' && p.type !== 'era') parts[p.type] = Number(p.value);
	}
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second
	};
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar date of an instant in `tz`. */
export function localDate(instant: Date, tz: string): string {
	if (tz === 'UTC') return utcDate(instant);
	const w = wallClock(instant, tz);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: −5 h). */
export function offsetAt(instant: Date, tz: string): number {
	if (tz === 'UTC') return 0;
	const w = wallClock(instant, tz);
	const asUtc = Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second);
	const shifted = new Date(asUtc);
	shifted.setUTCFullYear(w.year, w.month - 1, w.day);
	const seconds = Math.floor(instant.getTime() / 1000) * 1000;
	return shifted.getTime() - seconds;
}

/**
 * The instant a local wall-clock time names in `tz`. In a spring-forward gap (02:30 on the day
 * clocks jump 02:00 → 03:00) it is the instant the gap ends; in a fall-back overlap the earlier one.
 */
export function localInstant(
	date: string,
	tz: string,
	hour = 0,
	minute = 0,
	second = 0,
	ms = 0
): Date {
	const [y, m, d] = date.split('-').map(Number);
	const naive = new Date(Date.UTC(2000, m - 1, d, hour, minute, second, ms));
	naive.setUTCFullYear(y, m - 1, d);
	const t = naive.getTime();
	if (tz === 'UTC') return naive;
	// Offsets a day either side bracket every transition near the wanted reading.
	const candidates = [
		offsetAt(new Date(t - 86_400_000), tz),
		offsetAt(new Date(t + 86_400_000), tz)
	]
		.map((off) => t - off)
		.sort((a, b) => a - b);
	for (const c of candidates) {
		const back = c + offsetAt(new Date(c), tz);
		if (back === t) return new Date(c);
	}
	// No instant reads that time (a spring-forward gap): it ends at the transition, which lies
	// between the two candidates; find it to the second.
	let lo = candidates[0];
	let hi = candidates[candidates.length - 1];
	const after = offsetAt(new Date(hi), tz);
	while (hi - lo > 1000) {
		const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
		if (offsetAt(new Date(mid), tz) === after) hi = mid;
		else lo = mid;
	}
	return new Date(hi);
}

/** The instant the local day `date` begins in `tz` (midnight, or when a midnight gap ends). */
export function localDayStart(date: string, tz: string): Date {
	return localInstant(date, tz);
}

/**
 * The instant `days` local calendar days from `instant` at the same local clock time: "N days
 * back" for rules that count days. Across a DST change the span is N × 24 h ± 1 h; in UTC it is
 * exactly N × 24 h.
 */
export function addLocalDays(instant: Date, days: number, tz: string): Date {
	if (tz === 'UTC') return new Date(instant.getTime() + days * 86_400_000);
	const w = wallClock(instant, tz);
	const date = addDays(localDate(instant, tz), days);
	return localInstant(date, tz, w.hour, w.minute, w.second, instant.getUTCMilliseconds());
}

/** A short zone name at an instant for display ("EST", "EDT", "UTC", or "GMT+1" where none). */
export function zoneAbbreviation(instant: Date, tz: string): string {
	if (tz === 'UTC') return 'UTC';
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' })
		.formatToParts(instant)
		.find((p) => p.type === 'timeZoneName');
	return parts?.value ?? tz;
}

/** `YYYY-MM-DD HH:MM ZONE` in `tz`: how the interface shows an instant. */
export function formatLocal(instant: Date, tz: string, seconds = false): string {
	const w = wallClock(instant, tz);
	const time = `${pad(w.hour)}:${pad(w.minute)}${seconds ? `:${pad(w.second)}` : ''}`;
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${time} ${zoneAbbreviation(instant, tz)}`;
}

export { isRealDate };
