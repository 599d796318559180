// DuckDB checks write conflicts optimistically: a transaction that updates a row another open
// transaction changed fails at once ("Conflict on update", "Transaction conflict"). For short
// bookkeeping writes the right answer is to try again a moment later.
export function isWriteConflict(err: unknown): boolean {
	const message = err instanceof Error ? err.message : String(err);
	return /conflict/i.test(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs fn, retrying on a write conflict with a growing, jittered pause (about 2 s in all before it gives up). */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 8): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fn();
		} catch (err) {
			if (attempt >= attempts || !isWriteConflict(err)) throw err;
			await sleep(10 * 2 ** Math.min(attempt, 6) * (0.5 + Math.random()));
		}
	}
}
