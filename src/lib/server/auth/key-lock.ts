// A lock per key inside this process: enough for one server, which is how CareLoop runs (DuckDB
// lets one process own the database file). Callers name every key they need up front and get
// them all at once, queued in arrival order, so two callers can never wait on each other.

const tails = new Map<string, Promise<void>>();

/** Runs `fn` once no earlier caller holds any of `keys`; later callers on those keys wait. */
export async function withKeyLocks<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
	const unique = [...new Set(keys)];
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	// Chained synchronously: the queue order is the call order, for every key alike.
	const before = unique.map((key) => {
		const previous = tails.get(key) ?? Promise.resolve();
		tails.set(key, mine);
		return previous;
	});
	await Promise.all(before);
	try {
		return await fn();
	} finally {
		release();
		for (const key of unique) if (tails.get(key) === mine) tails.delete(key);
	}
}

/** Keys with a holder or a queue right now (tests check nothing is left behind). */
export function heldKeyCount(): number {
	return tails.size;
}
