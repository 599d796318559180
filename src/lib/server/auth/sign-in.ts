// Sign-in, sign-out and password change: the flows the login, logout and account pages call,
// each throttled where a password is checked and each leaving an audit record.
import type { Db } from '../db/index.ts';
import { audit } from './audit.ts';
import { MAX_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from './password.ts';
import type { SessionUser } from './roles.ts';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions
} from './session.ts';
import { bestEffort } from '../db/conflict.ts';
import {
	forgetOldFailures,
	rememberAddress,
	throttledCheck,
	throttledMessage
} from './throttle.ts';
import {
	AccountError,
	findCredentials,
	normalizeEmail,
	setPassword,
	type UserRecord
} from './users.ts';

export const WRONG_CREDENTIALS = 'The email or password is wrong.';

export interface Client {
	ip: string | null;
	userAgent?: string | null;
	now?: Date;
}

export type SignInResult =
	| { ok: true; user: UserRecord; token: string; expiresAt: Date }
	| { ok: false; message: string; throttled: boolean };

/**
 * Checks the password and starts a session. Failures get one generic message (no hint whether
 * the account exists); the attempted e-mail is logged as the actor, the password never is.
 */
export async function signIn(
	db: Db,
	input: { email: string; password: string },
	client: Client
): Promise<SignInResult> {
	const now = client.now ?? new Date();
	const email = normalizeEmail(input.email).slice(0, 254);
	const who = { email, ip: client.ip };
	const fail = async (reason: string) => {
		await audit(
			db,
			{ actor: email, action: 'auth.sign_in_failed', ip: client.ip, detail: { reason } },
			now
		);
	};
	const creds = await findCredentials(db, email);
	// Overlong input is refused before hashing so it cannot be used to burn CPU.
	const tooLong = input.password.length > MAX_PASSWORD_LENGTH * 4;
	const check = await throttledCheck(db, who, now, () =>
		creds && !tooLong
			? verifyPassword(creds.passwordHash, input.password)
			: verifyAgainstDummy(tooLong ? '' : input.password)
	);
	if (check.outcome === 'locked') {
		await fail('throttled');
		return { ok: false, message: throttledMessage(check.ms), throttled: true };
	}
	if (check.outcome === 'wrong' || !creds) {
		await fail(creds ? 'wrong password' : 'no such account');
		if (check.outcome === 'wrong' && check.lockedMs > 0)
			return { ok: false, message: throttledMessage(check.lockedMs), throttled: true };
		return { ok: false, message: WRONG_CREDENTIALS, throttled: false };
	}
	if (creds.user.disabled) {
		// Only someone who knows the password learns this, and it tells them whom to ask.
		await fail('account disabled');
		return {
			ok: false,
			message: 'This account is disabled: ask an admin to enable it.',
			throttled: false
		};
	}
	await rememberAddress(db, who, now);
	await bestEffort(() => deleteExpiredSessions(db, now));
	await forgetOldFailures(db, now);
	const { token, session } = await createSession(db, creds.user.id, {
		now,
		ip: client.ip,
		userAgent: client.userAgent
	});
	await audit(
		db,
		{
			actor: email,
			action: 'auth.sign_in',
			subjectType: 'user',
			subjectId: creds.user.id,
			ip: client.ip
		},
		now
	);
	return { ok: true, user: creds.user, token, expiresAt: session.expiresAt };
}

export async function signOut(
	db: Db,
	user: SessionUser,
	sessionId: string,
	client: Client
): Promise<void> {
	await invalidateSession(db, sessionId);
	await audit(
		db,
		{
			actor: user.email,
			action: 'auth.sign_out',
			subjectType: 'user',
			subjectId: user.id,
			ip: client.ip
		},
		client.now
	);
}

export async function signOutEverywhere(db: Db, user: SessionUser, client: Client): Promise<void> {
	await invalidateUserSessions(db, user.id);
	await audit(
		db,
		{
			actor: user.email,
			action: 'auth.sign_out_all',
			subjectType: 'user',
			subjectId: user.id,
			ip: client.ip
		},
		client.now
	);
}

/**
 * Changes the signed-in user's own password after checking the current one (throttled like
 * sign-in, so a borrowed session cannot guess it). Every session ends; a new one is returned
 * for this browser.
 */
export async function changeOwnPassword(
	db: Db,
	user: SessionUser,
	input: { current: string; next: string },
	client: Client
): Promise<{ token: string; expiresAt: Date }> {
	const now = client.now ?? new Date();
	const creds = await findCredentials(db, user.email);
	if (!creds || creds.user.id !== user.id) throw new AccountError('Your account no longer exists.');
	const check = await throttledCheck(db, { email: user.email, ip: client.ip }, now, () =>
		verifyPassword(creds.passwordHash, input.current)
	);
	if (check.outcome !== 'right') {
		await audit(
			db,
			{
				actor: user.email,
				action: 'auth.password_change_failed',
				ip: client.ip,
				detail: { reason: check.outcome === 'locked' ? 'throttled' : 'wrong current password' }
			},
			now
		);
		if (check.outcome === 'locked') throw new AccountError(throttledMessage(check.ms));
		throw new AccountError('Your current password is wrong.');
	}
	await setPassword(db, user.id, input.next, now);
	const { token, session } = await createSession(db, user.id, {
		now,
		ip: client.ip,
		userAgent: client.userAgent
	});
	await audit(
		db,
		{
			actor: user.email,
			action: 'auth.password_change',
			subjectType: 'user',
			subjectId: user.id,
			ip: client.ip
		},
		now
	);
	return { token, expiresAt: session.expiresAt };
}
