// `--from`/`--to` parse like data timestamps (data contract, "Values"). Kept here, small and
// self-contained, so the KPI CLI does not depend on the ingestion module's internals.
// JS Dates hold milliseconds: a fraction is truncated to ms here (periods are rarely that fine).

const TS =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A contract timestamp → Date (UTC instant), or null when invalid. */
export function parseTimestamp(text: string): Date | null {
	const m = TS.exec(text.trim());
	if (!m) return null;
	const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', , sign, oh, om] = m;
	if (!validDate(+y, +mo, +d) || +hh > 23 || +mi > 59 || +ss > 59) return null;
	if (oh !== undefined && (+oh > 23 || +(om ?? '0') > 59)) return null;
	const ms = Number((frac + '000').slice(0, 3));
	// setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
	const base = new Date(Date.UTC(2000, 0, 1, +hh, +mi, +ss, ms));
	base.setUTCFullYear(+y, +mo - 1, +d);
	let t = base.getTime();
	if (sign) t -= (sign === '-' ? -1 : 1) * (+oh * 60 + +(om ?? '0')) * 60_000;
	return new Date(t);
}

/** Exactly `YYYY-MM-DD`, a real calendar date → the same string, or null. */
export function parseDate(text: string): string | null {
	const m = DATE.exec(text.trim());
	if (!m || !validDate(+m[1], +m[2], +m[3])) return null;
	return m[0];
}

function validDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
	return d <= days;
}

/** RFC 3339 UTC with seconds, e.g. 2024-01-01T00:00:00Z (milliseconds only when present). */
export function formatInstant(date: Date): string {
	const iso = date.toISOString();
	return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

export function formatDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function addDays(date: string, days: number): string {
	return formatDate(new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000));
}
