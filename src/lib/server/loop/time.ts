// Timestamps cross into SQL as UTC text cast to TIMESTAMP, so a bound value never depends on the
// client's time zone handling.

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, for `$x::TIMESTAMP`. */
export function sqlTimestamp(d: Date): string {
	return d.toISOString().replace('T', ' ').replace('Z', '');
}

export function addHours(d: Date, hours: number): Date {
	return new Date(d.getTime() + hours * 3_600_000);
}

export function addDays(d: Date, days: number): Date {
	return addHours(d, days * 24);
}

/** A TIMESTAMP column read back: the client gives a Date; tolerate text from casts. */
export function toDate(value: unknown): Date {
	if (value instanceof Date) return value;
	if (typeof value === 'string')
		return new Date(
			value.includes('T') || value.endsWith('Z') ? value : value.replace(' ', 'T') + 'Z'
		);
	throw new Error(`Expected a timestamp, got ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
	return value === null || value === undefined ? null : toDate(value);
}
