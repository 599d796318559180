// Sessions as the Lucia guide now teaches them, written in the app: the token is "<id>.<secret>",
// both from crypto.getRandomValues; the database keeps only SHA-256(secret), compared in
// constant time, so a leaked sessions table cannot be replayed. Expiry slides to 30 days from
// the last recorded activity; activity is written at most hourly to keep reads read-only; and a
// session idle for longer than the idle timeout (CARELOOP_IDLE_HOURS, default 8) ends. Because
// activity is recorded hourly, an idle session can end up to an hour before the nominal timeout:
// the safe direction for a shared pharmacy workstation. The activity stamp is best-effort: when
// a browser fires many requests at once, one writes it and the rest carry on without.
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/index.ts';
import { bestEffort } from '../db/conflict.ts';
import { isRole, type SessionUser } from './roles.ts';

export const SESSION_COOKIE = 'careloop_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Activity (and the sliding expiry) is written at most this often. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;
export const DEFAULT_IDLE_HOURS = 8;

export interface SessionInfo {
	id: string;
	expiresAt: Date;
}

export interface ValidSession {
	session: SessionInfo;
	user: SessionUser;
	/** True when the expiry moved: the cookie must be sent again with the new expiry. */
	fresh: boolean;
}

export interface SessionOptions {
	/** Idle timeout in milliseconds; defaults to CARELOOP_IDLE_HOURS (8 h). */
	idleMs?: number;
}

/** CARELOOP_IDLE_HOURS as milliseconds; an unusable value falls back to 8 hours. */
export function idleTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
	const hours = Number(env.CARELOOP_IDLE_HOURS);
	return (Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_IDLE_HOURS) * 60 * 60 * 1000;
}

function randomPart(bytes: number): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

const INSERT_SESSION = `-- a new session; only the hash of the secret is stored
	INSERT INTO sessions (id, secret_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
	VALUES ($id, $hash, $user, $now::TIMESTAMP, $now::TIMESTAMP, $expires::TIMESTAMP, $ip, $agent)`;

/** Creates a session for the user; the returned token goes into the cookie and nowhere else. */
export async function createSession(
	db: Db,
	userId: string,
	meta: { now?: Date; ip?: string | null; userAgent?: string | null } = {}
): Promise<{ token: string; session: SessionInfo }> {
	const now = meta.now ?? new Date();
	// 120-bit id and 160-bit secret: unguessable, and the id alone grants nothing.
	const id = randomPart(15);
	const secret = randomPart(20);
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
	await db.run(INSERT_SESSION, {
		id,
		hash: hashSecret(secret),
		user: userId,
		now: now.toISOString(),
		expires: expiresAt.toISOString(),
		ip: meta.ip ?? null,
		agent: meta.userAgent?.slice(0, 300) ?? null
	});
	return { token: `${id}.${secret}`, session: { id, expiresAt } };
}

const SELECT_SESSION = `-- the session and its (enabled) user for a token id
	SELECT s.secret_hash, s.last_seen_at, s.expires_at,
		u.id AS user_id, u.email, u.name, u.role, u.agent_id
	FROM sessions s JOIN users u ON u.id = s.user_id AND NOT u.disabled
	WHERE s.id = $id`;

const TOUCH_SESSION = `-- record activity and slide the expiry
	UPDATE sessions SET last_seen_at = $now::TIMESTAMP, expires_at = $expires::TIMESTAMP WHERE id = $id`;

const DELETE_SESSION = `-- end one session
	DELETE FROM sessions WHERE id = $id`;

/** Sessions whose activity stamp is being written by a request right now. */
const touching = new Set<string>();

type SessionRow = {
	secret_hash: string;
	last_seen_at: Date;
	expires_at: Date;
	user_id: string;
	email: string;
	name: string;
	role: string;
	agent_id: string | null;
};

/** The session and user for a cookie token, or null when it is unknown, wrong, expired or idle. */
export async function validateSessionToken(
	db: Db,
	token: string,
	now: Date = new Date(),
	options: SessionOptions = {}
): Promise<ValidSession | null> {
	const parts = token.split('.');
	if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]) || !/^[a-z2-7]{32}$/.test(parts[1]))
		return null;
	const [id, secret] = parts;
	const row = await db.one<SessionRow>(SELECT_SESSION, { id });
	if (!row) return null;
	if (!constantTimeEqual(decodeHex(hashSecret(secret)), decodeHex(row.secret_hash))) return null;
	const idleMs = options.idleMs ?? idleTimeoutMs();
	const sinceSeen = now.getTime() - row.last_seen_at.getTime();
	if (row.expires_at.getTime() <= now.getTime() || sinceSeen > idleMs) {
		// Parallel requests of an expired session race to delete it; one is enough.
		await bestEffort(() => db.run(DELETE_SESSION, { id }));
		return null;
	}
	if (!isRole(row.role)) throw new Error(`User ${row.user_id} has an unknown role "${row.role}".`);
	let expiresAt = row.expires_at;
	let fresh = false;
	if (sinceSeen >= ACTIVITY_WRITE_INTERVAL_MS && !touching.has(id)) {
		touching.add(id);
		const next = new Date(now.getTime() + SESSION_LIFETIME_MS);
		try {
			fresh = await bestEffort(() =>
				db.run(TOUCH_SESSION, { id, now: now.toISOString(), expires: next.toISOString() })
			);
		} finally {
			touching.delete(id);
		}
		if (fresh) expiresAt = next;
	}
	return {
		session: { id, expiresAt },
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			role: row.role,
			agentId: row.agent_id
		},
		fresh
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.run(DELETE_SESSION, { id: sessionId });
}

const DELETE_USER_SESSIONS = `-- sign a user out everywhere (password change, disable, "sign out everywhere")
	DELETE FROM sessions WHERE user_id = $user`;

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.run(DELETE_USER_SESSIONS, { user: userId });
}

const DELETE_EXPIRED = `-- housekeeping: sessions past their expiry or idle timeout
	DELETE FROM sessions WHERE expires_at <= $now::TIMESTAMP OR last_seen_at < $idleSince::TIMESTAMP`;

export async function deleteExpiredSessions(
	db: Db,
	now: Date = new Date(),
	idleMs = idleTimeoutMs()
) {
	await db.run(DELETE_EXPIRED, {
		now: now.toISOString(),
		idleSince: new Date(now.getTime() - idleMs).toISOString()
	});
}

export interface ActiveSession {
	id: string;
	createdAt: Date;
	lastSeenAt: Date;
	ip: string | null;
	userAgent: string | null;
}

const LIST_USER_SESSIONS = `-- a user's sessions, newest activity first (for the account page)
	SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions
	WHERE user_id = $user ORDER BY last_seen_at DESC`;

export async function listUserSessions(db: Db, userId: string): Promise<ActiveSession[]> {
	const rows = await db.all<{
		id: string;
		created_at: Date;
		last_seen_at: Date;
		ip: string | null;
		user_agent: string | null;
	}>(LIST_USER_SESSIONS, { user: userId });
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at,
		ip: r.ip,
		userAgent: r.user_agent
	}));
}

interface CookieEvent {
	cookies: Cookies;
	url: URL;
}

/** HttpOnly, SameSite=Lax, Path=/; Secure follows the request's protocol (https in production). */
export function setSessionCookie(event: CookieEvent, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: event.url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: CookieEvent): void {
	event.cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: event.url.protocol === 'https:'
	});
}
