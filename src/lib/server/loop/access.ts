// Who sees and works which task. Managers and admins see every queue; everyone else sees the tasks
// assigned to them and the unassigned tasks of their queues. Every signed-in person is in the
// staff queue; pharmacists are users listed in queue_members with queue 'pharmacist' (our own
// table, so the auth engineer's users table stays theirs).
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { all } from '../db/index.ts';
import type { SessionUser } from '../auth/roles.ts';

export interface Actor {
	id: string;
	name: string;
	email: string;
	role: SessionUser['role'];
	seesAll: boolean;
	pharmacist: boolean;
}

const IS_PHARMACIST = `-- is this user in the pharmacist queue?
SELECT count(*)::INTEGER AS n FROM queue_members WHERE user_id = $id AND queue = 'pharmacist'`;

export async function actorFor(db: Db | DuckDBConnection, user: SessionUser): Promise<Actor> {
	const rows =
		'withConnection' in db
			? await db.all<{ n: number }>(IS_PHARMACIST, { id: user.id })
			: await all<{ n: number }>(db, IS_PHARMACIST, { id: user.id });
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		role: user.role,
		seesAll: user.role === 'admin' || user.role === 'manager',
		pharmacist: (rows[0]?.n ?? 0) > 0
	};
}

/** SQL condition over follow_ups aliased f; bind visibilityParams(actor) with it. */
export const VISIBLE = `($seesAll OR f.assignee_id = $uid
	OR (f.assignee_id IS NULL AND (f.queue = 'staff' OR (f.queue = 'pharmacist' AND $pharmacist))))`;

export function visibilityParams(a: Actor) {
	return { seesAll: a.seesAll, uid: a.id, pharmacist: a.pharmacist };
}

export function maySee(a: Actor, task: { assigneeId: string | null; queue: string }): boolean {
	if (a.seesAll || task.assigneeId === a.id) return true;
	if (task.assigneeId !== null) return false;
	return task.queue === 'staff' || (task.queue === 'pharmacist' && a.pharmacist);
}

/** Assigning to someone else is a manager's move; anyone may take a task they can see. */
export function mayAssignOthers(a: Actor): boolean {
	return a.seesAll;
}

/** Incident reports are signed off by a pharmacist or a manager (a second, qualified person). */
export function mayReviewIncident(a: Actor): boolean {
	return a.seesAll || a.pharmacist;
}

const ADD_MEMBER = `-- put a user in a queue (no-op when already there)
INSERT INTO queue_members (user_id, queue)
SELECT $id, $queue WHERE NOT EXISTS (SELECT 1 FROM queue_members WHERE user_id = $id AND queue = $queue)`;
const REMOVE_MEMBER = `-- take a user out of a queue
DELETE FROM queue_members WHERE user_id = $id AND queue = $queue`;
const LIST_MEMBERS = `-- members of a queue with their names where the account exists
SELECT m.user_id, u.name, u.email FROM queue_members m LEFT JOIN users u ON u.id = m.user_id
WHERE m.queue = $queue ORDER BY coalesce(u.name, m.user_id)`;

export async function setQueueMember(
	db: Db,
	userId: string,
	queue: 'pharmacist',
	member: boolean
): Promise<void> {
	await db.run(member ? ADD_MEMBER : REMOVE_MEMBER, { id: userId, queue });
}

export async function listQueueMembers(db: Db, queue: 'pharmacist') {
	const rows = await db.all<{ user_id: string; name: string | null; email: string | null }>(
		LIST_MEMBERS,
		{ queue }
	);
	return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email }));
}

const CLEAR_QUEUE = `-- empty a queue before setting its members
DELETE FROM queue_members WHERE queue = $queue`;
const FILL_QUEUE = `-- the queue's members, from a bound list of user ids
INSERT INTO queue_members (user_id, queue) SELECT DISTINCT unnest($ids::VARCHAR[]), $queue`;

/** Replaces a queue's members in one transaction (the manager's checkbox list). */
export async function setQueueMembers(
	db: Db,
	queue: 'pharmacist',
	userIds: string[]
): Promise<void> {
	await db.transaction(async (conn) => {
		await conn.run(CLEAR_QUEUE, { queue });
		if (userIds.length) await conn.run(FILL_QUEUE, { queue, ids: listValue(userIds) });
	});
}
