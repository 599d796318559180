// Sign-in throttling, kept in the database so a restart does not reset it, and atomic: every
// password check first *reserves* its attempt (counted as a failure) under a per-key lock, then
// verifies, and a right password gives the reservation back. So a burst of parallel guesses
// gets exactly as many checks as the threshold allows, whatever the timing.
//
// Three counters, each locking for 1, 2, 4 … minutes once it reaches its threshold (a failure
// after the lock ends doubles it); failures are forgotten 24 hours after the last one:
// - pair (one account from one address), 5: the lock a guesser meets first, and it locks only
//   that address out of that account;
// - address (any account), 10: a sprayer trying many accounts; higher because a whole pharmacy
//   may share one NAT address; up to 60 minutes;
// - account (any address), 20: many addresses guessing one password. It is capped at 15 minutes
//   and does not apply at addresses the account signed in from in the last 30 days, so a
//   stranger cannot lock a person (the admin included) out of their usual desk. An admin can
//   lift any lock (Settings → Users, `careloop user unlock`).
// Attempts during a lock are refused without checking the password and do not extend it. There
// is no CAPTCHA: the growing wait is the back-off.
import { listValue } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { bestEffort, retryOnConflict } from '../db/conflict.ts';
import { withKeyLocks } from './key-lock.ts';

export const PAIR_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 10;
export const ACCOUNT_THRESHOLD = 20;
const MAX_LOCK_MINUTES = 60;
export const ACCOUNT_MAX_LOCK_MINUTES = 15;
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

export type KeyKind = 'pair' | 'address' | 'account';

export interface ThrottleKey {
	key: string;
	kind: KeyKind;
	threshold: number;
	maxMinutes: number;
}

/** The counters one attempt touches. Keys never contain whitespace (e-mails cannot either). */
export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
	const account = email.trim().toLowerCase();
	const keys: ThrottleKey[] = [
		{
			key: `pair:${account} ${ip ?? '-'}`,
			kind: 'pair',
			threshold: PAIR_THRESHOLD,
			maxMinutes: MAX_LOCK_MINUTES
		},
		{
			key: `account:${account}`,
			kind: 'account',
			threshold: ACCOUNT_THRESHOLD,
			maxMinutes: ACCOUNT_MAX_LOCK_MINUTES
		}
	];
	if (ip)
		keys.push({
			key: `ip:${ip}`,
			kind: 'address',
			threshold: ADDRESS_THRESHOLD,
			maxMinutes: MAX_LOCK_MINUTES
		});
	return keys;
}

/** Lock-out length after the n-th consecutive failure: none below the threshold, then 1, 2, 4 … */
export function lockMinutes(failures: number, threshold: number, max = MAX_LOCK_MINUTES): number {
	if (failures < threshold) return 0;
	return Math.min(max, 2 ** (failures - threshold));
}

/** "Too many attempts — try again in N minutes", N rounded up. */
export function throttledMessage(ms: number): string {
	const minutes = Math.max(1, Math.ceil(ms / 60_000));
	return `Too many attempts — try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

interface KeyRow {
	key: string;
	failures: number;
	last_failure_at: Date;
	locked_until: Date | null;
}

const READ_KEYS = `-- the counters of one attempt
	SELECT key, failures, last_failure_at, locked_until FROM sign_in_throttle
	WHERE list_contains($keys::VARCHAR[], key)`;

const KNOWN = `-- has this account signed in from this address lately?
	SELECT count(*)::INTEGER AS n FROM sign_in_known_address
	WHERE email = $email AND ip = $ip AND last_success_at >= $since::TIMESTAMP`;

const UPSERT_KEY = `-- store a key's failure count and lock-out
	INSERT INTO sign_in_throttle (key, failures, last_failure_at, locked_until)
	VALUES ($key, $failures, $now::TIMESTAMP, $until::TIMESTAMP)
	ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
		last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`;

interface Who {
	email: string;
	ip: string | null;
}

interface Snapshot {
	keys: ThrottleKey[];
	rows: Map<string, KeyRow>;
	known: boolean;
}

async function snapshot(db: Db, who: Who, now: Date): Promise<Snapshot> {
	const keys = throttleKeys(who.email, who.ip);
	const rows = await db.all<KeyRow>(READ_KEYS, { keys: listValue(keys.map((k) => k.key)) });
	const known =
		who.ip !== null &&
		((
			await db.one<{ n: number }>(KNOWN, {
				email: who.email,
				ip: who.ip,
				since: new Date(now.getTime() - KNOWN_ADDRESS_MS).toISOString()
			})
		)?.n ?? 0) > 0;
	return { keys, rows: new Map(rows.map((r) => [r.key, r])), known };
}

/** The account-wide lock guards unknown addresses only. */
function applies(key: ThrottleKey, known: boolean): boolean {
	return key.kind !== 'account' || !known;
}

function lockedMs(s: Snapshot, now: Date): number {
	let until = 0;
	for (const k of s.keys) {
		const at = s.rows.get(k.key)?.locked_until?.getTime() ?? 0;
		if (applies(k, s.known) && at > until) until = at;
	}
	return Math.max(0, until - now.getTime());
}

/** What a reservation wrote to a key, so a right password can give it back exactly. */
interface Reserved {
	key: ThrottleKey;
	previousLock: Date | null;
	lock: Date | null;
}

async function reserve(db: Db, s: Snapshot, now: Date): Promise<Reserved[]> {
	const reserved: Reserved[] = [];
	const writes: { key: string; failures: number; lock: Date | null }[] = [];
	for (const k of s.keys) {
		const prev = s.rows.get(k.key);
		// A running lock that does not guard this address is left as it is, not extended.
		if (prev?.locked_until && prev.locked_until > now) continue;
		const recent = prev && now.getTime() - prev.last_failure_at.getTime() < FORGET_AFTER_MS;
		const failures = recent ? prev.failures + 1 : 1;
		const minutes = lockMinutes(failures, k.threshold, k.maxMinutes);
		const lock = minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
		writes.push({ key: k.key, failures, lock });
		reserved.push({ key: k, previousLock: prev?.locked_until ?? null, lock });
	}
	await db.transaction(async (conn) => {
		for (const w of writes)
			await conn.run(UPSERT_KEY, {
				key: w.key,
				failures: w.failures,
				now: now.toISOString(),
				until: w.lock?.toISOString() ?? null
			});
	});
	return reserved;
}

const CLEAR_KEY = `-- a right password clears the account's own counters
	DELETE FROM sign_in_throttle WHERE key = $key`;

const GIVE_BACK = `-- a right password gives back its reservation on the shared address counter
	UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0),
		locked_until = CASE WHEN locked_until IS NOT DISTINCT FROM $mine::TIMESTAMP
			THEN $previous::TIMESTAMP ELSE locked_until END
	WHERE key = $key`;

async function giveBack(db: Db, reserved: Reserved[]): Promise<void> {
	await db.transaction(async (conn) => {
		for (const r of reserved) {
			// The address counter is shared with other accounts: only this attempt's share goes.
			if (r.key.kind !== 'address') await conn.run(CLEAR_KEY, { key: r.key.key });
			else
				await conn.run(GIVE_BACK, {
					key: r.key.key,
					mine: r.lock?.toISOString() ?? null,
					previous: r.previousLock?.toISOString() ?? null
				});
		}
	});
}

export type CheckResult =
	{ outcome: 'locked'; ms: number } | { outcome: 'wrong'; lockedMs: number } | { outcome: 'right' };

/**
 * One throttled password check. `verify` runs only when no lock guards this account at this
 * address, after the attempt is counted; a right password takes the count back.
 */
export async function throttledCheck(
	db: Db,
	who: Who,
	now: Date,
	verify: () => Promise<boolean>
): Promise<CheckResult> {
	const names = throttleKeys(who.email, who.ip).map((k) => k.key);
	const gate = await withKeyLocks(names, () =>
		retryOnConflict(async (): Promise<{ ms: number } | { reserved: Reserved[] }> => {
			const s = await snapshot(db, who, now);
			const ms = lockedMs(s, now);
			return ms > 0 ? { ms } : { reserved: await reserve(db, s, now) };
		})
	);
	if ('ms' in gate) return { outcome: 'locked', ms: gate.ms };
	if (await verify()) {
		await withKeyLocks(names, () => retryOnConflict(() => giveBack(db, gate.reserved)));
		return { outcome: 'right' };
	}
	const after = await snapshot(db, who, now);
	return { outcome: 'wrong', lockedMs: lockedMs(after, now) };
}

const REMEMBER = `-- this account signed in from this address
	INSERT INTO sign_in_known_address (email, ip, last_success_at) VALUES ($email, $ip, $now::TIMESTAMP)
	ON CONFLICT (email, ip) DO UPDATE SET last_success_at = excluded.last_success_at`;

/** After a successful sign-in; two at once from one desk may skip it (either one records it). */
export async function rememberAddress(db: Db, who: Who, now: Date): Promise<void> {
	if (!who.ip) return;
	await bestEffort(() =>
		db.run(REMEMBER, { email: who.email, ip: who.ip, now: now.toISOString() })
	);
}

const FORGET = `-- housekeeping: keys with no failure for a day and no running lock-out
	DELETE FROM sign_in_throttle
	WHERE last_failure_at < $before::TIMESTAMP AND (locked_until IS NULL OR locked_until <= $now::TIMESTAMP)`;

/** Drops counters that would restart at 1 anyway; skipped when an attempt holds one of them. */
export async function forgetOldFailures(db: Db, now: Date = new Date()): Promise<void> {
	await bestEffort(() =>
		db.run(FORGET, {
			before: new Date(now.getTime() - FORGET_AFTER_MS).toISOString(),
			now: now.toISOString()
		})
	);
}
