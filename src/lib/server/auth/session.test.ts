import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
	ACTIVITY_WRITE_INTERVAL_MS,
	createSession,
	idleTimeoutMs,
	invalidateSession,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from './session.ts';
import { createAuthTestDb, makeUser } from './testing.ts';
import { updateUser } from './users.ts';

const HOUR = 60 * 60 * 1000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const IDLE = { idleMs: 8 * HOUR };

let db: Db;
beforeEach(async () => {
	db = await createAuthTestDb();
});
afterEach(async () => {
	await db.close();
});

describe('session tokens', () => {
	it('is "<24 base32 id>.<32 base32 secret>" and stores only the SHA-256 of the secret', async () => {
		const user = await makeUser(db);
		const { token, session } = await createSession(db, user.id, { now: T0 });
		expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
		const [id, secret] = token.split('.');
		expect(session.id).toBe(id);
		const row = await db.one<{ secret_hash: string }>(
			'SELECT secret_hash FROM sessions WHERE id = $id',
			{ id }
		);
		// 32 bytes of SHA-256 = 64 hex characters, and not the secret itself.
		expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(row?.secret_hash).not.toContain(secret);
		// 30 days after T0: 2026-03-02 + 30 d = 2026-04-01, same time.
		expect(session.expiresAt.toISOString()).toBe('2026-04-01T09:00:00.000Z');
	});

	it('two sessions never share id or secret', async () => {
		const user = await makeUser(db);
		const a = await createSession(db, user.id, { now: T0 });
		const b = await createSession(db, user.id, { now: T0 });
		expect(a.token.split('.')[0]).not.toBe(b.token.split('.')[0]);
		expect(a.token.split('.')[1]).not.toBe(b.token.split('.')[1]);
	});

	it('validates the right token and returns the user', async () => {
		const user = await makeUser(db, 'qa_lead', { agentId: 'A9' });
		const { token } = await createSession(db, user.id, { now: T0 });
		const valid = await validateSessionToken(db, token, at(60_000), IDLE);
		expect(valid?.user).toEqual({
			id: user.id,
			email: user.email,
			name: user.name,
			role: 'qa_lead',
			agentId: 'A9'
		});
		expect(valid?.fresh).toBe(false);
	});

	it('rejects a wrong secret for a real id, malformed tokens and unknown ids', async () => {
		const user = await makeUser(db);
		const { token } = await createSession(db, user.id, { now: T0 });
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		for (const bad of [
			`${id}.${flipped}`,
			id,
			`${id}.`,
			`${id}.${secret}.x`,
			'',
			`${'a'.repeat(24)}.${secret}`
		])
			expect(await validateSessionToken(db, bad, at(1000), IDLE)).toBeNull();
		// The wrong guess does not end the real session.
		expect(await validateSessionToken(db, token, at(1000), IDLE)).not.toBeNull();
	});

	it('rejects an expired session and deletes it', async () => {
		const user = await makeUser(db);
		const { token, session } = await createSession(db, user.id, { now: T0 });
		// Keep the idle timeout out of the way: expiry alone must end it.
		const longIdle = { idleMs: 40 * 24 * HOUR };
		expect(await validateSessionToken(db, token, at(SESSION_LIFETIME_MS), longIdle)).toBeNull();
		expect(await db.one('SELECT id FROM sessions WHERE id = $id', { id: session.id })).toBeNull();
	});

	it('rejects a session idle longer than the idle timeout', async () => {
		const user = await makeUser(db);
		const { token } = await createSession(db, user.id, { now: T0 });
		// Last activity T0; 8 h idle allowed; 8 h + 1 s later it is over.
		expect(await validateSessionToken(db, token, at(8 * HOUR + 1000), IDLE)).toBeNull();
	});

	it('stays valid while used: activity written at most hourly slides the 30-day expiry', async () => {
		const user = await makeUser(db);
		const { token, session } = await createSession(db, user.id, { now: T0 });
		// 30 minutes in: no write, same expiry.
		const early = await validateSessionToken(db, token, at(30 * 60_000), IDLE);
		expect(early?.fresh).toBe(false);
		expect(early?.session.expiresAt).toEqual(session.expiresAt);
		// One hour in: activity recorded, expiry = T0 + 1 h + 30 d = 2026-04-01T10:00Z.
		const later = await validateSessionToken(db, token, at(ACTIVITY_WRITE_INTERVAL_MS), IDLE);
		expect(later?.fresh).toBe(true);
		expect(later?.session.expiresAt.toISOString()).toBe('2026-04-01T10:00:00.000Z');
		// Used every 47 h (idle limit 48 h here) for 35 days: alive past the original 30-day expiry.
		let last = null;
		for (let h = 47; h <= 35 * 24; h += 47)
			last = await validateSessionToken(db, token, at(h * HOUR), { idleMs: 48 * HOUR });
		expect(last).not.toBeNull();
	});

	it('20 parallel requests when the activity write is due: all valid, stamped, no error', async () => {
		const user = await makeUser(db);
		const { token } = await createSession(db, user.id, { now: T0 });
		const due = at(ACTIVITY_WRITE_INTERVAL_MS + 60_000);
		const settled = await Promise.allSettled(
			Array.from({ length: 20 }, () => validateSessionToken(db, token, due, IDLE))
		);
		expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
		const valid = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
		expect(valid.every((v) => v !== null)).toBe(true);
		// At least one request wrote the stamp (and re-sends the cookie); requests that met a
		// write in flight skipped theirs instead of failing.
		expect(valid.some((v) => (v as { fresh: boolean }).fresh)).toBe(true);
		const row = await db.one<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions');
		expect(row?.last_seen_at.toISOString()).toBe(due.toISOString());
	});

	it('ends when signed out or when the user is disabled', async () => {
		const user = await makeUser(db);
		const other = await makeUser(db, 'admin');
		const a = await createSession(db, user.id, { now: T0 });
		const b = await createSession(db, other.id, { now: T0 });
		await invalidateSession(db, a.session.id);
		expect(await validateSessionToken(db, a.token, at(1000), IDLE)).toBeNull();
		const c = await createSession(db, user.id, { now: T0 });
		await updateUser(db, user.id, { disabled: true });
		expect(await validateSessionToken(db, c.token, at(1000), IDLE)).toBeNull();
		expect(await validateSessionToken(db, b.token, at(1000), IDLE)).not.toBeNull();
	});

	it('reads the idle timeout from CARELOOP_IDLE_HOURS, 8 h by default', () => {
		expect(idleTimeoutMs({})).toBe(8 * HOUR);
		expect(idleTimeoutMs({ CARELOOP_IDLE_HOURS: '2' })).toBe(2 * HOUR);
		expect(idleTimeoutMs({ CARELOOP_IDLE_HOURS: 'soon' })).toBe(8 * HOUR);
	});
});
