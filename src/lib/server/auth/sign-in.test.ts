import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { listAudit } from './audit.ts';
import { createSession, validateSessionToken } from './session.ts';
import {
	changeOwnPassword,
	signIn,
	signOut,
	signOutEverywhere,
	WRONG_CREDENTIALS
} from './sign-in.ts';
import { createAuthTestDb, makeUser, TEST_PASSWORD } from './testing.ts';
import { lockMinutes } from './throttle.ts';
import { AccountError, updateUser } from './users.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

let db: Db;
beforeEach(async () => {
	db = await createAuthTestDb();
});
afterEach(async () => {
	await db.close();
});

describe('sign-in', () => {
	it('signs in with the right password, case-insensitive e-mail, and logs it', async () => {
		const user = await makeUser(db, 'manager', { email: 'pat@example.com' });
		const result = await signIn(
			db,
			{ email: ' Pat@Example.COM ', password: TEST_PASSWORD },
			{ ip: '10.0.0.1', now: T0 }
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user.id).toBe(user.id);
		expect((await validateSessionToken(db, result.token, at(MIN)))?.user.email).toBe(
			'pat@example.com'
		);
		const log = await listAudit(db, { action: 'auth.sign_in' });
		expect(log.rows.map((r) => [r.actor, r.ip])).toEqual([['pat@example.com', '10.0.0.1']]);
	});

	it('one generic message for a wrong password and an unknown account; password never logged', async () => {
		await makeUser(db, 'staff', { email: 'sam@example.com' });
		const wrong = await signIn(
			db,
			{ email: 'sam@example.com', password: 'not the password!' },
			{ ip: '10.0.0.1', now: T0 }
		);
		const unknown = await signIn(
			db,
			{ email: 'nobody@example.com', password: 'not the password!' },
			{ ip: '10.0.0.2', now: T0 }
		);
		expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS, throttled: false });
		expect(unknown).toEqual(wrong);
		const log = await listAudit(db, { action: 'auth.sign_in_failed', pageSize: 0 });
		expect(log.total).toBe(2);
		expect(JSON.stringify(log.rows)).not.toContain('not the password');
	});

	it('locks one account at one address after 5 failures, with minutes in the message', async () => {
		await makeUser(db, 'staff', { email: 'sam@example.com' });
		const results = [];
		for (let i = 1; i <= 7; i++)
			results.push(
				await signIn(
					db,
					{ email: 'sam@example.com', password: 'wrong password ' + i },
					{ ip: '10.0.0.1', now: at(i * 1000) }
				)
			);
		expect(results.slice(0, 4).every((r) => !r.ok && !r.throttled)).toBe(true);
		// 5th failure starts a 1-minute lock (2^(5-5) = 1); 6th and 7th come within it.
		expect(results.slice(4).every((r) => !r.ok && r.throttled)).toBe(true);
		expect(results[6]).toEqual({
			ok: false,
			throttled: true,
			message: 'Too many attempts — try again in 1 minute.'
		});
		// Even the right password is refused from that address while locked…
		const locked = await signIn(
			db,
			{ email: 'sam@example.com', password: TEST_PASSWORD },
			{ ip: '10.0.0.1', now: at(30_000) }
		);
		expect(locked.ok).toBe(false);
		// …but another address is not locked out of the account (5 failures < 20 account-wide)…
		const elsewhere = await signIn(
			db,
			{ email: 'sam@example.com', password: TEST_PASSWORD },
			{ ip: '10.0.0.2', now: at(30_000) }
		);
		expect(elsewhere.ok).toBe(true);
		// …and the first address gets in once the minute is over (5th failure at T0+5 s, lock
		// until T0+65 s).
		const later = await signIn(
			db,
			{ email: 'sam@example.com', password: TEST_PASSWORD },
			{ ip: '10.0.0.1', now: at(66_000) }
		);
		expect(later.ok).toBe(true);
	});

	it('forgets failures a day after the last one', async () => {
		await makeUser(db, 'staff', { email: 'sam@example.com' });
		const fail = (ms: number) =>
			signIn(
				db,
				{ email: 'sam@example.com', password: 'wrong password!!' },
				{ ip: null, now: at(ms) }
			);
		for (let i = 1; i <= 4; i++) await fail(i * 1000);
		// 4 failures, then 24 h + 5 s of quiet: the count restarts, so the next failure is #1.
		const DAY = 24 * 60 * MIN;
		expect(await fail(DAY + 5000)).toMatchObject({ throttled: false });
		// A success by someone else two days later drops keys quiet for a day (sam's, at T0 + 1 d
		// + 5 s, are 1 d − 5 s old and stay; ghost's, from T0 + 1 s, go) and clears kim's own.
		await signIn(
			db,
			{ email: 'ghost@example.com', password: 'wrong password!!' },
			{ ip: '10.9.9.9', now: at(1000) }
		);
		await makeUser(db, 'staff', { email: 'kim@example.com' });
		await signIn(
			db,
			{ email: 'kim@example.com', password: TEST_PASSWORD },
			{ ip: null, now: at(2 * DAY) }
		);
		const rows = await db.all<{ key: string }>('SELECT key FROM sign_in_throttle ORDER BY key');
		expect(rows.map((r) => r.key)).toEqual(['account:sam@example.com', 'pair:sam@example.com -']);
	});

	it('lock-outs grow 1, 2, 4 … minutes, capped at 60', () => {
		expect([4, 5, 6, 7, 8, 11, 12, 20].map((n) => lockMinutes(n, 5))).toEqual([
			0, 1, 2, 4, 8, 60, 60, 60
		]);
		// Failure 11 would be 2^6 = 64 > 60, hence the cap.
	});

	it('throttles an address after 10 failures across different accounts', async () => {
		const results = [];
		for (let i = 1; i <= 11; i++)
			results.push(
				await signIn(
					db,
					{ email: `user${i}@example.com`, password: 'guessing again' },
					{ ip: '192.0.2.7', now: at(i * 1000) }
				)
			);
		expect(results.slice(0, 9).every((r) => !r.ok && !r.throttled)).toBe(true);
		expect(results[9]).toMatchObject({ ok: false, throttled: true });
		expect(results[10]).toMatchObject({
			ok: false,
			throttled: true,
			message: 'Too many attempts — try again in 1 minute.'
		});
		// Another address is unaffected.
		await makeUser(db, 'staff', { email: 'kim@example.com' });
		expect(
			(
				await signIn(
					db,
					{ email: 'kim@example.com', password: TEST_PASSWORD },
					{ ip: '192.0.2.8', now: at(12_000) }
				)
			).ok
		).toBe(true);
	});

	it('tells a disabled account so, only with the right password', async () => {
		await makeUser(db, 'admin');
		const user = await makeUser(db, 'staff', { email: 'off@example.com' });
		await updateUser(db, user.id, { disabled: true });
		const right = await signIn(
			db,
			{ email: 'off@example.com', password: TEST_PASSWORD },
			{ ip: null, now: T0 }
		);
		expect(right).toMatchObject({
			ok: false,
			message: 'This account is disabled: ask an admin to enable it.'
		});
		const wrong = await signIn(
			db,
			{ email: 'off@example.com', password: 'wrong password!!' },
			{ ip: null, now: T0 }
		);
		expect(wrong).toMatchObject({ ok: false, message: WRONG_CREDENTIALS });
	});
});

describe('sign-out and password change', () => {
	it('sign-out ends this session only; sign-out everywhere ends all', async () => {
		const user = await makeUser(db, 'qa_lead');
		const a = await createSession(db, user.id, { now: T0 });
		const b = await createSession(db, user.id, { now: T0 });
		const c = await createSession(db, user.id, { now: T0 });
		const su = { id: user.id, email: user.email, name: user.name, role: user.role, agentId: null };
		await signOut(db, su, a.session.id, { ip: '10.0.0.1' });
		expect(await validateSessionToken(db, a.token, at(MIN))).toBeNull();
		expect(await validateSessionToken(db, b.token, at(MIN))).not.toBeNull();
		await signOutEverywhere(db, su, { ip: '10.0.0.1' });
		expect(await validateSessionToken(db, b.token, at(MIN))).toBeNull();
		expect(await validateSessionToken(db, c.token, at(MIN))).toBeNull();
		const actions = (await listAudit(db, { action: 'auth' })).rows.map((r) => r.action);
		expect(actions).toEqual(['auth.sign_out_all', 'auth.sign_out']);
	});

	it('a password change drops every session and returns a new one for this browser', async () => {
		const user = await makeUser(db, 'manager');
		const su = { id: user.id, email: user.email, name: user.name, role: user.role, agentId: null };
		const a = await createSession(db, user.id, { now: T0 });
		const b = await createSession(db, user.id, { now: T0 });
		const next = 'a brand new passphrase';
		const fresh = await changeOwnPassword(
			db,
			su,
			{ current: TEST_PASSWORD, next },
			{ ip: '10.0.0.1', now: at(MIN) }
		);
		expect(await validateSessionToken(db, a.token, at(2 * MIN))).toBeNull();
		expect(await validateSessionToken(db, b.token, at(2 * MIN))).toBeNull();
		expect(await validateSessionToken(db, fresh.token, at(2 * MIN))).not.toBeNull();
		expect(
			(
				await signIn(
					db,
					{ email: user.email, password: TEST_PASSWORD },
					{ ip: null, now: at(3 * MIN) }
				)
			).ok
		).toBe(false);
		expect(
			(await signIn(db, { email: user.email, password: next }, { ip: null, now: at(3 * MIN) })).ok
		).toBe(true);
	});

	it('refuses a wrong current password or a too-short new one', async () => {
		const user = await makeUser(db, 'manager');
		const su = { id: user.id, email: user.email, name: user.name, role: user.role, agentId: null };
		await expect(
			changeOwnPassword(
				db,
				su,
				{ current: 'wrong password!!', next: 'long enough new one' },
				{ ip: null }
			)
		).rejects.toThrow('Your current password is wrong.');
		await expect(
			changeOwnPassword(db, su, { current: TEST_PASSWORD, next: 'short' }, { ip: null })
		).rejects.toBeInstanceOf(AccountError);
	});
});
