// DuckDB's concurrency is optimistic: when two transactions write the same row, the later writer
// fails ("Conflict on update!", or a duplicate key at commit for two upserts of one key) instead
// of waiting. These helpers decide what such a failure means where it arises: retried for work
// that must land, skipped for work that may wait until next time.
import { isWriteConflict as storeConflict } from './errors.ts';

/**
 * True for a write a fresh attempt can get past: the store's write conflicts (errors.ts), and
 * two upserts of one new key, which DuckDB refuses only at commit.
 */
export function isWriteConflict(err: unknown): boolean {
	return (
		storeConflict(err) ||
		(err instanceof Error &&
			/Failed to commit: PRIMARY KEY or UNIQUE constraint/i.test(err.message))
	);
}

export interface RetryOptions {
	/** Attempts in all, the first included. */
	attempts?: number;
	/** Wait before the second attempt; doubled each time, with jitter so racers spread out. */
	delayMs?: number;
	/** Other failures that a fresh attempt can get past (a plan gone stale, say). */
	retryable?: (err: unknown) => boolean;
}

let retries = 0;

/** Retries taken in this process so far: a figure for logs, and what race tests wait on. */
export function conflictRetryCount(): number {
	return retries;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` again when it fails on a write conflict; any other failure, or the last conflict,
 * is thrown. `fn` must be a whole unit of work (its own transaction), so a retry starts afresh.
 */
export async function retryOnConflict<T>(
	fn: () => Promise<T>,
	opts: RetryOptions = {}
): Promise<T> {
	const attempts = opts.attempts ?? 8;
	let delay = opts.delayMs ?? 10;
	for (let attempt = 1; ; attempt++) {
		try {
			return await fn();
		} catch (err) {
			if (attempt >= attempts || !(isWriteConflict(err) || opts.retryable?.(err))) throw err;
			retries++;
			await sleep(delay * (0.5 + Math.random()));
			delay *= 2;
		}
	}
}

/**
 * Runs a write that may be skipped when another transaction holds its rows (housekeeping, the
 * hourly activity stamp): returns false instead of failing the request that triggered it.
 */
export async function bestEffort(fn: () => Promise<unknown>): Promise<boolean> {
	try {
		await fn();
		return true;
	} catch (err) {
		if (isWriteConflict(err)) return false;
		throw err;
	}
}
