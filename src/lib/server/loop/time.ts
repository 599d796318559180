// Durations and TIMESTAMP values read back. Binding a timestamp, "now" and anything that counts
// days belong to the time module (src/lib/server/time): hours are durations, days are local days.

export function addHours(d: Date, hours: number): Date {
	return new Date(d.getTime() + hours * 3_600_000);
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
