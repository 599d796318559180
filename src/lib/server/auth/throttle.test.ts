import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { listAudit } from './audit.ts';
import { heldKeyCount } from './key-lock.ts';
import { listLockouts, parseKey, unlockAccount, unlockAddress } from './lockouts.ts';
import { changeOwnPassword, signIn, WRONG_CREDENTIALS, type SignInResult } from './sign-in.ts';
import { createAuthTestDb, makeUser, TEST_PASSWORD } from './testing.ts';
import { lockMinutes } from './throttle.ts';
import type { UserRecord } from './users.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: Db;
beforeEach(async () => {
	db = await createAuthTestDb();
});
afterEach(async () => {
	await db.close();
});

const attempt = (email: string, password: string, ip: string | null, ms = 0) =>
	signIn(db, { email, password }, { ip, now: at(ms) });

async function sessionCount(): Promise<number> {
	return (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM sessions'))!.n;
}

describe('a burst of parallel sign-ins', () => {
	it('60 at once for one account, right password last: no errors, throttled, no session, 60 audited', async () => {
		await makeUser(db, 'admin', { email: 'boss@example.com' });
		const passwords = Array.from({ length: 60 }, (_, i) =>
			i === 59 ? TEST_PASSWORD : `wrong guess ${i}`
		);
		const settled = await Promise.allSettled(
			passwords.map((p) => attempt('boss@example.com', p, '203.0.113.5'))
		);
		expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
		const results = settled.map((s) => (s as PromiseFulfilledResult<SignInResult>).value);
		// Attempts reserve in call order. Attempts 1–5 are checked; the 5th reaches the pair
		// threshold (5) and starts a 1-minute lock, so it already answers "too many". Attempts
		// 6–60 are refused unchecked: 4 plain "wrong" + 1 + 55 = 60.
		expect(results.filter((r) => !r.ok && !r.throttled)).toHaveLength(4);
		expect(results.filter((r) => !r.ok && r.throttled)).toHaveLength(56);
		expect(results[59]).toEqual({
			ok: false,
			throttled: true,
			message: 'Too many attempts — try again in 1 minute.'
		});
		expect(results.some((r) => r.ok)).toBe(false);
		expect(await sessionCount()).toBe(0);
		const failures = await listAudit(db, { action: 'auth.sign_in_failed', pageSize: 0 });
		expect(failures.total).toBe(60);
		const reasons = failures.rows.map((r) => r.detail?.reason);
		expect(reasons.filter((r) => r === 'wrong password')).toHaveLength(5);
		expect(reasons.filter((r) => r === 'throttled')).toHaveLength(55);
		expect(heldKeyCount()).toBe(0);
	});

	it('the Account page check is throttled the same way under a burst', async () => {
		const user = await makeUser(db, 'manager');
		const su = { id: user.id, email: user.email, name: user.name, role: user.role, agentId: null };
		const settled = await Promise.allSettled(
			Array.from({ length: 12 }, (_, i) =>
				changeOwnPassword(
					db,
					su,
					{ current: `not it ${i}`, next: 'a long new password' },
					{ ip: '10.1.1.1', now: T0 }
				)
			)
		);
		const messages = settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'changed'));
		// 5 checked (wrong), then the pair lock refuses the other 7 unchecked.
		expect(messages.filter((m) => m.includes('current password is wrong'))).toHaveLength(5);
		expect(messages.filter((m) => m.includes('Too many attempts'))).toHaveLength(7);
		const log = await listAudit(db, { action: 'auth.password_change_failed', pageSize: 0 });
		expect(log.total).toBe(12);
	});
});

describe('a lock-out a stranger cannot turn against the account owner', () => {
	async function adminWhoSignedInFrom(ip: string): Promise<UserRecord> {
		const admin = await makeUser(db, 'admin', { email: 'root@example.com' });
		expect((await attempt('root@example.com', TEST_PASSWORD, ip)).ok).toBe(true);
		return admin;
	}

	it('a guesser at one address locks only that address out of the account', async () => {
		await adminWhoSignedInFrom('10.0.0.1');
		for (let i = 0; i < 8; i++)
			await attempt('root@example.com', `guess ${i}`, '198.51.100.9', 1000);
		expect((await attempt('root@example.com', TEST_PASSWORD, '198.51.100.9', 2000)).ok).toBe(false);
		expect((await attempt('root@example.com', TEST_PASSWORD, '10.0.0.1', 2000)).ok).toBe(true);
		// A new desk is not locked either: 5 failures are far from the account-wide 20.
		expect((await attempt('root@example.com', TEST_PASSWORD, '10.0.0.77', 2000)).ok).toBe(true);
	});

	it('guessing from many addresses locks new addresses for at most 15 minutes, never a known one', async () => {
		await adminWhoSignedInFrom('10.0.0.1');
		// 20 addresses × 1 failure: the account counter reaches its threshold of 20 (1 minute).
		for (let i = 1; i <= 20; i++)
			expect((await attempt('root@example.com', 'guess', `198.51.100.${i}`, i)).ok).toBe(false);
		const fresh = await attempt('root@example.com', TEST_PASSWORD, '10.0.0.99', 100);
		expect(fresh).toMatchObject({ ok: false, throttled: true });
		expect((await attempt('root@example.com', TEST_PASSWORD, '10.0.0.1', 100)).ok).toBe(true);
		// Cap: 2^(n − 20) minutes reaches 16 at n = 24, held at 15 (the pair and address
		// counters keep their 60-minute cap).
		expect([19, 20, 21, 23, 24, 30].map((n) => lockMinutes(n, 20, 15))).toEqual([
			0, 1, 2, 8, 15, 15
		]);
	});

	it('an admin lifts an account lock-out or an address lock-out, audited', async () => {
		await makeUser(db, 'staff', { email: 'kim@example.com' });
		for (let i = 0; i < 5; i++) await attempt('kim@example.com', `guess ${i}`, '10.0.0.5', 1000);
		for (let i = 0; i < 10; i++) await attempt(`x${i}@example.com`, 'guess', '10.0.0.6', 1000);
		const locks = await listLockouts(db, at(2000));
		expect(locks.map((l) => `${l.kind} ${l.email ?? ''} ${l.ip ?? ''}`).sort()).toEqual([
			'address  10.0.0.6',
			'pair kim@example.com 10.0.0.5'
			// The 10th sprayed account's pair counter is at 1: only the address key locked.
		]);
		const admin = { actor: 'root@example.com', ip: '10.0.0.1' };
		expect(await unlockAccount(db, admin, 'Kim@Example.com')).toBe(2); // pair + account key
		expect((await attempt('kim@example.com', TEST_PASSWORD, '10.0.0.5', 3000)).ok).toBe(true);
		expect(await unlockAddress(db, admin, '10.0.0.6')).toBe(11); // 10 pair keys + the address
		expect((await attempt('kim@example.com', TEST_PASSWORD, '10.0.0.6', 3000)).ok).toBe(true);
		const log = await listAudit(db, { actor: 'root@example.com' });
		expect(log.rows.map((r) => [r.action, r.subjectId])).toEqual([
			['auth.unlock_address', '10.0.0.6'],
			['user.unlock', 'kim@example.com']
		]);
	});

	it('a right password gives back its share of the address counter', async () => {
		await makeUser(db, 'staff', { email: 'kim@example.com' });
		// 9 failures on other accounts, then kim gets in: the address counter stays at 9, so
		// one more failure (the 10th) locks it rather than one more success.
		for (let i = 0; i < 9; i++) await attempt(`x${i}@example.com`, 'guess', '10.0.0.8', 1000);
		expect((await attempt('kim@example.com', TEST_PASSWORD, '10.0.0.8', 2000)).ok).toBe(true);
		expect((await attempt('kim@example.com', TEST_PASSWORD, '10.0.0.8', 3000)).ok).toBe(true);
		const last = await attempt('y@example.com', 'guess', '10.0.0.8', 4000);
		expect(last).toMatchObject({ ok: false, throttled: true });
		expect(await attempt('z@example.com', 'guess', '10.0.0.9', 4000)).toEqual({
			ok: false,
			message: WRONG_CREDENTIALS,
			throttled: false
		});
	});

	it('reads lock keys back into their parts', () => {
		expect(parseKey('pair:a@b.c 10.0.0.1')).toEqual({
			kind: 'pair',
			email: 'a@b.c',
			ip: '10.0.0.1'
		});
		expect(parseKey('pair:a@b.c -')).toEqual({ kind: 'pair', email: 'a@b.c', ip: null });
		expect(parseKey('ip:::1')).toEqual({ kind: 'address', email: null, ip: '::1' });
		expect(parseKey('account:a@b.c')).toEqual({ kind: 'account', email: 'a@b.c', ip: null });
		expect(parseKey('other')).toBeNull();
	});
});
