// User accounts: e-mail (unique, lower-cased), display name, role, optional agent link, disabled
// flag and argon2id password hash. The web admin pages and `careloop user` call these functions.
import type { Db } from '../db/index.ts';
import { audit } from './audit.ts';
import { generatePassword, hashPassword, passwordProblem } from './password.ts';
import { isRole, ROLES, type Role } from './roles.ts';
import { invalidateUserSessions } from './session.ts';

/** An expected, user-caused failure: its message is one sentence a person can act on. */
export class AccountError extends Error {}

export interface UserRecord {
	id: string;
	email: string;
	name: string;
	role: Role;
	agentId: string | null;
	disabled: boolean;
	createdAt: Date;
	updatedAt: Date;
}

export const FIRST_ADMIN_EMAIL = 'admin@careloop.local';

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

function checkEmail(email: string): string {
	const normal = normalizeEmail(email);
	if (normal.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(normal))
		throw new AccountError(`"${email}" is not an e-mail address.`);
	return normal;
}

function checkRole(role: string): Role {
	if (!isRole(role))
		throw new AccountError(`Role must be one of ${ROLES.join(', ')}, not "${role}".`);
	return role;
}

function checkPassword(password: string): void {
	const problem = passwordProblem(password);
	if (problem) throw new AccountError(problem);
}

function cleanAgentId(agentId: string | null | undefined): string | null {
	const trimmed = agentId?.trim() ?? '';
	return trimmed === '' ? null : trimmed;
}

type UserRow = {
	id: string;
	email: string;
	name: string;
	role: string;
	agent_id: string | null;
	disabled: boolean;
	created_at: Date;
	updated_at: Date;
};

function toRecord(row: UserRow): UserRecord {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		role: checkRole(row.role),
		agentId: row.agent_id,
		disabled: row.disabled,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

const USER_COLUMNS = 'id, email, name, role, agent_id, disabled, created_at, updated_at';

const INSERT_USER = `-- a new account
	INSERT INTO users (id, email, name, role, agent_id, disabled, password_hash, created_at, updated_at)
	VALUES ($id, $email, $name, $role, $agent, false, $hash, $now::TIMESTAMP, $now::TIMESTAMP)`;

export interface NewUser {
	email: string;
	role: string;
	name?: string | null;
	agentId?: string | null;
	password: string;
}

export async function createUser(
	db: Db,
	input: NewUser,
	now: Date = new Date()
): Promise<UserRecord> {
	const email = checkEmail(input.email);
	const role = checkRole(input.role);
	checkPassword(input.password);
	if (await findUserByEmail(db, email))
		throw new AccountError(`An account for ${email} already exists.`);
	const name = input.name?.trim() || email.split('@')[0];
	const id = crypto.randomUUID();
	try {
		await db.run(INSERT_USER, {
			id,
			email,
			name,
			role,
			agent: cleanAgentId(input.agentId),
			hash: await hashPassword(input.password),
			now: now.toISOString()
		});
	} catch (err) {
		// Two concurrent adds of the same address: the unique index decides.
		if (/duplicate key|unique/i.test((err as Error).message))
			throw new AccountError(`An account for ${email} already exists.`);
		throw err;
	}
	const created = await getUser(db, id);
	if (!created) throw new Error(`User ${id} vanished right after being created.`);
	return created;
}

export async function getUser(db: Db, id: string): Promise<UserRecord | null> {
	const row = await db.one<UserRow>(
		`-- one user by id\nSELECT ${USER_COLUMNS} FROM users WHERE id = $id`,
		{ id }
	);
	return row ? toRecord(row) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | null> {
	const row = await db.one<UserRow>(
		`-- one user by e-mail\nSELECT ${USER_COLUMNS} FROM users WHERE email = $email`,
		{ email: normalizeEmail(email) }
	);
	return row ? toRecord(row) : null;
}

/** The user and password hash for sign-in; null when no such account. */
export async function findCredentials(
	db: Db,
	email: string
): Promise<{ user: UserRecord; passwordHash: string } | null> {
	const row = await db.one<UserRow & { password_hash: string }>(
		`-- credentials for sign-in\nSELECT ${USER_COLUMNS}, password_hash FROM users WHERE email = $email`,
		{ email: normalizeEmail(email) }
	);
	return row ? { user: toRecord(row), passwordHash: row.password_hash } : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
	const rows = await db.all<UserRow>(
		`-- every account, enabled first, then by e-mail\nSELECT ${USER_COLUMNS} FROM users ORDER BY disabled, email`
	);
	return rows.map(toRecord);
}

export async function countUsers(db: Db): Promise<number> {
	const row = await db.one<{ n: number }>(
		'-- how many accounts exist\nSELECT count(*)::INTEGER AS n FROM users'
	);
	return row?.n ?? 0;
}

const COUNT_OTHER_ADMINS = `-- enabled admins other than this user (never leave the app without one)
	SELECT count(*)::INTEGER AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $id`;

export interface UserChanges {
	name?: string;
	role?: string;
	agentId?: string | null;
	disabled?: boolean;
}

const UPDATE_USER = `-- change an account's profile, role, agent link or disabled flag
	UPDATE users SET name = $name, role = $role, agent_id = $agent, disabled = $disabled,
		updated_at = $now::TIMESTAMP
	WHERE id = $id`;

/** Applies the changes; returns the user before and after. Disabling signs the user out. */
export async function updateUser(
	db: Db,
	id: string,
	changes: UserChanges,
	now: Date = new Date()
): Promise<{ before: UserRecord; after: UserRecord }> {
	const before = await getUser(db, id);
	if (!before) throw new AccountError('That account no longer exists.');
	const role = changes.role === undefined ? before.role : checkRole(changes.role);
	const disabled = changes.disabled ?? before.disabled;
	const name = changes.name === undefined ? before.name : changes.name.trim() || before.name;
	const agentId = changes.agentId === undefined ? before.agentId : cleanAgentId(changes.agentId);
	const losesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled);
	if (losesAdmin) {
		const others = await db.one<{ n: number }>(COUNT_OTHER_ADMINS, { id });
		if ((others?.n ?? 0) === 0)
			throw new AccountError('This is the only enabled admin: make another admin first.');
	}
	await db.run(UPDATE_USER, { id, name, role, agent: agentId, disabled, now: now.toISOString() });
	if (disabled && !before.disabled) await invalidateUserSessions(db, id);
	const after = await getUser(db, id);
	if (!after) throw new Error(`User ${id} vanished during an update.`);
	return { before, after };
}

const UPDATE_PASSWORD = `-- a new password hash
	UPDATE users SET password_hash = $hash, updated_at = $now::TIMESTAMP WHERE id = $id`;

/** Sets a new password and ends every session of the user (the caller may then start a new one). */
export async function setPassword(db: Db, id: string, password: string, now: Date = new Date()) {
	checkPassword(password);
	if (!(await getUser(db, id))) throw new AccountError('That account no longer exists.');
	await db.run(UPDATE_PASSWORD, { id, hash: await hashPassword(password), now: now.toISOString() });
	await invalidateUserSessions(db, id);
}

/**
 * First start: with no accounts at all, creates admin@careloop.local with a random password and
 * returns it so `careloop start` can print it once. Otherwise null.
 */
export async function ensureFirstAdmin(
	db: Db
): Promise<{ email: string; password: string } | null> {
	if ((await countUsers(db)) > 0) return null;
	const password = generatePassword();
	await createUser(db, { email: FIRST_ADMIN_EMAIL, role: 'admin', name: 'Admin', password });
	await audit(db, {
		actor: null,
		action: 'user.create',
		subjectType: 'user',
		subjectId: FIRST_ADMIN_EMAIL,
		detail: { role: 'admin', firstStart: true }
	});
	return { email: FIRST_ADMIN_EMAIL, password };
}
