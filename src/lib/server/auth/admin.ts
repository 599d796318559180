// User administration with its audit trail: the /settings/users page and `careloop user` both
// go through these, so every account change is logged the same way whichever door it came in.
import type { Db } from '../db/index.ts';
import { audit } from './audit.ts';
import { generatePassword } from './password.ts';
import {
	createUser,
	setPassword,
	updateUser,
	type NewUser,
	type UserChanges,
	type UserRecord
} from './users.ts';

export interface Actor {
	/** E-mail of the signed-in admin, or "cli:<os user>". */
	actor: string;
	ip?: string | null;
}

export async function addUser(db: Db, by: Actor, input: NewUser): Promise<UserRecord> {
	const user = await createUser(db, input);
	await audit(db, {
		actor: by.actor,
		action: 'user.create',
		subjectType: 'user',
		subjectId: user.email,
		ip: by.ip,
		detail: { role: user.role, agentId: user.agentId }
	});
	return user;
}

/** Applies the changes and logs one record per field that actually changed. */
export async function changeUser(
	db: Db,
	by: Actor,
	id: string,
	changes: UserChanges
): Promise<UserRecord> {
	const { before, after } = await updateUser(db, id, changes);
	const base = { actor: by.actor, subjectType: 'user', subjectId: after.email, ip: by.ip };
	if (before.role !== after.role)
		await audit(db, {
			...base,
			action: 'user.role_change',
			detail: { from: before.role, to: after.role }
		});
	if (before.agentId !== after.agentId)
		await audit(db, {
			...base,
			action: 'user.agent_link',
			detail: { from: before.agentId, to: after.agentId }
		});
	if (before.name !== after.name)
		await audit(db, {
			...base,
			action: 'user.rename',
			detail: { from: before.name, to: after.name }
		});
	if (before.disabled !== after.disabled)
		await audit(db, { ...base, action: after.disabled ? 'user.disable' : 'user.enable' });
	return after;
}

/**
 * Sets a new password (a random one when none is given, returned so it can be handed over once)
 * and signs the user out everywhere.
 */
export async function resetPassword(
	db: Db,
	by: Actor,
	user: UserRecord,
	password: string | null
): Promise<string> {
	const next = password ?? generatePassword();
	await setPassword(db, user.id, next);
	await audit(db, {
		actor: by.actor,
		action: 'user.password_reset',
		subjectType: 'user',
		subjectId: user.email,
		ip: by.ip,
		detail: { generated: password === null }
	});
	return next;
}
