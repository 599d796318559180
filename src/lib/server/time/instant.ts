/**
 * An instant finer than a millisecond: a Date plus the microseconds below its millisecond (0–999).
 * Period bounds typed to the microsecond keep them, so a bound compares with data timestamps
 * (DuckDB microseconds) exactly; Date arithmetic on it drops them, as it would any fraction.
 */
export class PreciseInstant extends Date {
	constructor(
		ms: number,
		readonly micros: number
	) {
		super(ms);
	}
}

/** Microseconds since the epoch of an instant, keeping a PreciseInstant's sub-millisecond part. */
export function epochMicros(instant: Date): bigint {
	const below = instant instanceof PreciseInstant ? instant.micros : 0;
	return BigInt(instant.getTime()) * 1000n + BigInt(below);
}
