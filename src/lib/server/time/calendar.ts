// Calendar dates as 'YYYY-MM-DD' strings and instants as JS Dates (UTC). A calendar date has no
// zone: arithmetic on it is pure day counting, so it never drifts across a DST change.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isRealDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
	return d <= days;
}

/** Exactly `YYYY-MM-DD`, a real calendar date → the same string, or null. */
export function parseDate(text: string): string | null {
	const m = DATE.exec(text.trim());
	if (!m || !isRealDate(+m[1], +m[2], +m[3])) return null;
	return m[0];
}

/** Days since 1970-01-01 of a calendar date (what DuckDB's DATE holds). */
export function epochDay(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	const t = new Date(Date.UTC(2000, m - 1, d));
	// setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
	t.setUTCFullYear(y, m - 1, d);
	return Math.round(t.getTime() / DAY_MS);
}

export function fromEpochDay(days: number): string {
	return utcDate(new Date(days * DAY_MS));
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): string {
	const iso = instant.toISOString();
	// Years beyond 9999 or before 0 carry a sign and six digits in ISO strings.
	return iso.startsWith('+') || iso.startsWith('-') ? iso.slice(0, 13) : iso.slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return fromEpochDay(epochDay(date) + days);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
	return epochDay(b) - epochDay(a);
}

/** Monday of the week holding `date` (ISO weeks start on Monday). */
export function weekStart(date: string): string {
	// 1970-01-01 was a Thursday: day 0 → weekday index 3 counting from Monday.
	const weekday = (((epochDay(date) + 3) % 7) + 7) % 7;
	return addDays(date, -weekday);
}

export function monthStart(date: string): string {
	return `${date.slice(0, 7)}-01`;
}

/** The first day of the month `months` after the month holding `date` (negative goes back). */
export function addMonths(date: string, months: number): string {
	const [y, m] = date.split('-').map(Number);
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = index - year * 12 + 1;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The last day of the month holding `date`. */
export function monthEnd(date: string): string {
	return addDays(addMonths(date, 1), -1);
}

export type Unit = 'day' | 'week' | 'month';

/** The first day of the bucket holding `date`. */
export function bucketStart(date: string, unit: Unit): string {
	return unit === 'day' ? date : unit === 'week' ? weekStart(date) : monthStart(date);
}

/** The last day of the bucket that starts on `start`. */
export function bucketLastDay(start: string, unit: Unit): string {
	return unit === 'day' ? start : unit === 'week' ? addDays(start, 6) : monthEnd(start);
}
