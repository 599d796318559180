import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { addUser, changeUser, resetPassword } from './admin.ts';
import { listAudit } from './audit.ts';
import { createSession, validateSessionToken } from './session.ts';
import { signIn } from './sign-in.ts';
import { createAuthTestDb, makeUser, TEST_PASSWORD } from './testing.ts';
import {
	AccountError,
	createUser,
	ensureFirstAdmin,
	FIRST_ADMIN_EMAIL,
	listUsers,
	updateUser
} from './users.ts';

let db: Db;
beforeEach(async () => {
	db = await createAuthTestDb();
});
afterEach(async () => {
	await db.close();
});

describe('ensureFirstAdmin', () => {
	it('creates admin@careloop.local with a working random password once, then returns null', async () => {
		const first = await ensureFirstAdmin(db);
		expect(first?.email).toBe(FIRST_ADMIN_EMAIL);
		expect(first?.password).toMatch(/^[a-z2-9]{20}$/);
		expect(await ensureFirstAdmin(db)).toBeNull();
		const users = await listUsers(db);
		expect(users.map((u) => [u.email, u.role, u.disabled])).toEqual([
			[FIRST_ADMIN_EMAIL, 'admin', false]
		]);
		const signedIn = await signIn(
			db,
			{ email: FIRST_ADMIN_EMAIL, password: first!.password },
			{ ip: null }
		);
		expect(signedIn.ok).toBe(true);
		expect((await listAudit(db, { action: 'user.create' })).rows[0].detail).toEqual({
			role: 'admin',
			firstStart: true
		});
	});

	it('does nothing when any account exists, even a disabled non-admin', async () => {
		await makeUser(db, 'staff');
		expect(await ensureFirstAdmin(db)).toBeNull();
		expect((await listUsers(db)).length).toBe(1);
	});
});

describe('accounts', () => {
	it('lower-cases and de-duplicates e-mail; names default to the local part', async () => {
		const u = await createUser(db, {
			email: '  Jo.Smith@Example.COM',
			role: 'qa_lead',
			password: TEST_PASSWORD
		});
		expect([u.email, u.name, u.agentId]).toEqual(['jo.smith@example.com', 'jo.smith', null]);
		await expect(
			createUser(db, { email: 'jo.smith@example.com', role: 'staff', password: TEST_PASSWORD })
		).rejects.toThrow('An account for jo.smith@example.com already exists.');
	});

	it('refuses bad input with one sentence each', async () => {
		const bad = [
			[
				{ email: 'not-an-email', role: 'staff', password: TEST_PASSWORD },
				/is not an e-mail address/
			],
			[
				{ email: 'a@b.c', role: 'owner', password: TEST_PASSWORD },
				/Role must be one of admin, manager, qa_lead, staff/
			],
			[{ email: 'a@b.c', role: 'staff', password: 'too short' }, /at least 12/]
		] as const;
		for (const [input, message] of bad)
			await expect(createUser(db, input)).rejects.toThrow(message);
	});

	it('never leaves the app without an enabled admin', async () => {
		const admin = await makeUser(db, 'admin');
		await expect(updateUser(db, admin.id, { role: 'manager' })).rejects.toBeInstanceOf(
			AccountError
		);
		await expect(updateUser(db, admin.id, { disabled: true })).rejects.toThrow(
			/only enabled admin/
		);
		await makeUser(db, 'admin');
		expect((await updateUser(db, admin.id, { role: 'manager' })).after.role).toBe('manager');
	});

	it('admin changes are audited field by field; disabling and resets sign the user out', async () => {
		const by = { actor: 'boss@example.com', ip: '10.1.1.1' };
		const user = await addUser(db, by, {
			email: 'lee@example.com',
			role: 'staff',
			password: TEST_PASSWORD
		});
		const s1 = await createSession(db, user.id);
		await changeUser(db, by, user.id, { role: 'qa_lead', agentId: 'A17' });
		expect(await validateSessionToken(db, s1.token)).not.toBeNull();
		await changeUser(db, by, user.id, { disabled: true });
		expect(await validateSessionToken(db, s1.token)).toBeNull();
		await changeUser(db, by, user.id, { disabled: false });
		const s2 = await createSession(db, user.id);
		const generated = await resetPassword(db, by, user, null);
		expect(await validateSessionToken(db, s2.token)).toBeNull();
		expect(
			(await signIn(db, { email: 'lee@example.com', password: generated }, { ip: null })).ok
		).toBe(true);
		const log = await listAudit(db, { action: 'user', pageSize: 0 });
		// Oldest first: create, role change, agent link, disable, enable, reset (6 records).
		expect(log.rows.map((r) => r.action).reverse()).toEqual([
			'user.create',
			'user.role_change',
			'user.agent_link',
			'user.disable',
			'user.enable',
			'user.password_reset'
		]);
		expect(
			log.rows.every((r) => r.actor === 'boss@example.com' && r.subjectId === 'lee@example.com')
		).toBe(true);
		expect(log.rows.find((r) => r.action === 'user.role_change')?.detail).toEqual({
			from: 'staff',
			to: 'qa_lead'
		});
	});
});
