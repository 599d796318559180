// Running sign-in lock-outs, and an admin's way to lift them (Settings → Users and
// `careloop user unlock`), each lift audited. Key shapes are throttle.ts's.
import { changed, type Db } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';
import { audit } from './audit.ts';
import type { Actor } from './admin.ts';

export interface Lockout {
	kind: 'pair' | 'address' | 'account';
	email: string | null;
	ip: string | null;
	until: Date;
}

const RUNNING = `-- lock-outs still running
	SELECT key, locked_until FROM sign_in_throttle WHERE locked_until > $now::TIMESTAMP ORDER BY key`;

export function parseKey(key: string): Omit<Lockout, 'until'> | null {
	if (key.startsWith('account:')) return { kind: 'account', email: key.slice(8), ip: null };
	if (key.startsWith('ip:')) return { kind: 'address', email: null, ip: key.slice(3) };
	const pair = /^pair:(\S+) (\S+)$/.exec(key);
	if (pair) return { kind: 'pair', email: pair[1], ip: pair[2] === '-' ? null : pair[2] };
	return null;
}

export async function listLockouts(db: Db, now: Date = new Date()): Promise<Lockout[]> {
	const rows = await db.all<{ key: string; locked_until: Date }>(RUNNING, {
		now: now.toISOString()
	});
	return rows.flatMap((r) => {
		const parsed = parseKey(r.key);
		return parsed ? [{ ...parsed, until: r.locked_until }] : [];
	});
}

const UNLOCK_ACCOUNT = `-- forget an account's counters: from any address, and account-wide
	DELETE FROM sign_in_throttle
	WHERE key = 'account:' || $email OR starts_with(key, 'pair:' || $email || ' ')`;

const UNLOCK_ADDRESS = `-- forget an address's counters: shared, and for each account tried from it
	DELETE FROM sign_in_throttle
	WHERE key = 'ip:' || $ip OR (starts_with(key, 'pair:') AND ends_with(key, ' ' || $ip))`;

/** Lifts every lock-out of an account; returns how many counters were cleared. */
export async function unlockAccount(db: Db, by: Actor, email: string): Promise<number> {
	const account = email.trim().toLowerCase();
	const cleared = await retryOnConflict(() =>
		db.withConnection((conn) => changed(conn, UNLOCK_ACCOUNT, { email: account }))
	);
	await audit(db, {
		actor: by.actor,
		action: 'user.unlock',
		subjectType: 'user',
		subjectId: account,
		ip: by.ip,
		detail: { cleared }
	});
	return cleared;
}

/** Lifts the lock-outs of one client address (a pharmacy's shared NAT, say). */
export async function unlockAddress(db: Db, by: Actor, ip: string): Promise<number> {
	const address = ip.trim();
	const cleared = await retryOnConflict(() =>
		db.withConnection((conn) => changed(conn, UNLOCK_ADDRESS, { ip: address }))
	);
	await audit(db, {
		actor: by.actor,
		action: 'auth.unlock_address',
		subjectType: 'address',
		subjectId: address,
		ip: by.ip,
		detail: { cleared }
	});
	return cleared;
}
