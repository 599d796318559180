// Sign-in throttling per account and per client address, kept in the database so a restart does
// not reset it. After THRESHOLD failures a key is locked out for 1 minute, doubling with each
// further failure after the lock ends (1, 2, 4, … capped at 60 minutes). Attempts during a
// lock-out are refused without checking the password and do not extend it. Failures are
// forgotten 24 hours after the last one, and an account's count resets on a successful sign-in.
// The address threshold is higher because a whole pharmacy may share one NAT address.
import type { Db } from '../db/index.ts';

export const ACCOUNT_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 10;
const MAX_LOCK_MINUTES = 60;
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export interface ThrottleKey {
	key: string;
	threshold: number;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
	const keys = [{ key: `account:${email.trim().toLowerCase()}`, threshold: ACCOUNT_THRESHOLD }];
	if (ip) keys.push({ key: `ip:${ip}`, threshold: ADDRESS_THRESHOLD });
	return keys;
}

const LOCKED_UNTIL = `-- the latest lock-out still running among (at most two) keys
	SELECT max(locked_until) AS until FROM sign_in_throttle
	WHERE (key = $a OR key = $b) AND locked_until > $now::TIMESTAMP`;

/** Milliseconds until the caller may try again, or 0 when not locked out. */
export async function lockedForMs(
	db: Db,
	keys: ThrottleKey[],
	now: Date = new Date()
): Promise<number> {
	const row = await db.one<{ until: Date | null }>(LOCKED_UNTIL, {
		a: keys[0]?.key ?? null,
		b: keys[1]?.key ?? null,
		now: now.toISOString()
	});
	return row?.until ? row.until.getTime() - now.getTime() : 0;
}

const SELECT_KEY = `-- a key's failure count so far
	SELECT failures, last_failure_at FROM sign_in_throttle WHERE key = $key`;

const UPSERT_KEY = `-- store a key's failure count and lock-out
	INSERT INTO sign_in_throttle (key, failures, last_failure_at, locked_until)
	VALUES ($key, $failures, $now::TIMESTAMP, $until::TIMESTAMP)
	ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
		last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`;

/** Lock-out length after the n-th consecutive failure: none below the threshold, then 1, 2, 4 … 60 min. */
export function lockMinutes(failures: number, threshold: number): number {
	if (failures < threshold) return 0;
	return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - threshold));
}

export async function recordFailure(
	db: Db,
	keys: ThrottleKey[],
	now: Date = new Date()
): Promise<void> {
	for (const { key, threshold } of keys) {
		const prev = await db.one<{ failures: number; last_failure_at: Date }>(SELECT_KEY, { key });
		const recent = prev && now.getTime() - prev.last_failure_at.getTime() < FORGET_AFTER_MS;
		const failures = recent ? prev.failures + 1 : 1;
		const minutes = lockMinutes(failures, threshold);
		await db.run(UPSERT_KEY, {
			key,
			failures,
			now: now.toISOString(),
			until: minutes > 0 ? new Date(now.getTime() + minutes * 60_000).toISOString() : null
		});
	}
}

const CLEAR = `-- a successful sign-in clears its account's failures
	DELETE FROM sign_in_throttle WHERE key = $key`;

export async function clearFailures(db: Db, key: ThrottleKey): Promise<void> {
	await db.run(CLEAR, { key: key.key });
}

const FORGET = `-- housekeeping: keys with no failure for a day and no running lock-out
	DELETE FROM sign_in_throttle
	WHERE last_failure_at < $before::TIMESTAMP AND (locked_until IS NULL OR locked_until <= $now::TIMESTAMP)`;

/** Drops counters that would restart at 1 anyway, so sprayed e-mail addresses do not pile up. */
export async function forgetOldFailures(db: Db, now: Date = new Date()): Promise<void> {
	await db.run(FORGET, {
		before: new Date(now.getTime() - FORGET_AFTER_MS).toISOString(),
		now: now.toISOString()
	});
}

/** "Too many attempts — try again in N minutes", N rounded up. */
export function throttledMessage(ms: number): string {
	const minutes = Math.max(1, Math.ceil(ms / 60_000));
	return `Too many attempts — try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
