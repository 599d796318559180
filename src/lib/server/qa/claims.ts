// Who holds a review-queue item or a coaching task. Sampling and the coaching rules give each its
// agent's QA lead, but leads join, leave and cover for each other: any QA lead, manager or admin
// may take an item ("claim") or hand it to another lead, and acting on an unheld item takes it.
// Every move names the holder it saw; if that changed meanwhile the move is refused with who holds
// it now (a 409 on the page), so two leads never both think an item is theirs.
import { changed, type Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { now, tsParam } from '../time/index.ts';
import { conflictSentence } from '../queues/conflict.ts';

export interface Holder {
	id: string;
	name: string;
	email: string;
}

export class ClaimError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409
	) {
		super(message);
	}
}

export type QueueItemRef =
	{ kind: 'review'; interactionId: string } | { kind: 'coaching'; taskId: number };

const REVIEW_OWNER = `-- a review item's holder
	SELECT q.owner_id, u.name AS owner_name, q.agent_id FROM qa_review_queue q
	LEFT JOIN users u ON u.id = q.owner_id WHERE q.interaction_id = $id`;
const COACHING_OWNER = `-- a coaching task's holder
	SELECT owner_id, owner_name, agent_id, state FROM coaching_tasks WHERE task_id = $id`;
const SET_REVIEW_OWNER = `-- take or hand over a review item, only if its holder is still the one seen
	UPDATE qa_review_queue SET owner_id = $to
	WHERE interaction_id = $id AND owner_id IS NOT DISTINCT FROM $seen`;
const SET_COACHING_OWNER = `-- take or hand over a coaching task, only if its holder is still the one seen
	UPDATE coaching_tasks SET owner_id = $to, owner_name = $toName, updated_at = $at
	WHERE task_id = $id AND owner_id IS NOT DISTINCT FROM $seen AND state <> 'done'`;
const LEAD = `-- an account that may hold QA work
	SELECT id, name FROM users WHERE id = $id AND NOT disabled AND role IN ('qa_lead', 'manager', 'admin')`;

function subject(ref: QueueItemRef) {
	return ref.kind === 'review'
		? { type: 'review_item', id: ref.interactionId }
		: { type: 'coaching_task', id: String(ref.taskId) };
}

const what = (ref: QueueItemRef) =>
	ref.kind === 'review' ? 'this review item' : 'this coaching task';

/** The item's current holder (null = unassigned); null when the item does not exist. */
export async function currentHolder(
	db: Db,
	ref: QueueItemRef
): Promise<{ ownerId: string | null; ownerName: string | null; agentId: string } | null> {
	const row =
		ref.kind === 'review'
			? await db.one(REVIEW_OWNER, { id: ref.interactionId })
			: await db.one(COACHING_OWNER, { id: ref.taskId });
	if (!row) return null;
	if (ref.kind === 'coaching' && row.state === 'done')
		throw new ClaimError('This coaching task is done; it no longer needs a holder.', 400);
	return {
		ownerId: (row.owner_id as string | null) ?? null,
		ownerName: (row.owner_name as string | null) ?? null,
		agentId: row.agent_id as string
	};
}

/**
 * Moves the item from the holder the person saw (`seen`, null = unassigned) to `to` (null puts it
 * back). Taking it for oneself and handing it to another QA lead are both allowed to leads,
 * managers and admins; the route's guard has already kept everyone else out.
 */
export async function moveItem(
	db: Db,
	ref: QueueItemRef,
	seen: string | null,
	to: string | null,
	actor: Holder,
	ip: string | null = null
): Promise<void> {
	const holder = await currentHolder(db, ref);
	if (!holder) throw new ClaimError('There is no such item in the queue.', 404);
	let toName: string | null = null;
	if (to !== null) {
		const lead =
			to === actor.id ? actor : await db.one<{ id: string; name: string }>(LEAD, { id: to });
		if (!lead) throw new ClaimError('Choose a QA lead, manager or admin to hand it to.', 400);
		toName = lead.name;
	}
	const params = { id: ref.kind === 'review' ? ref.interactionId : ref.taskId, seen, to, toName };
	const moved = await db.transaction(async (conn) => {
		const rows = await changed(
			conn,
			ref.kind === 'review' ? SET_REVIEW_OWNER : SET_COACHING_OWNER,
			ref.kind === 'review' ? { id: params.id, seen, to } : { ...params, at: tsParam(now()) }
		);
		if (rows === 0) return false;
		const verb = to === actor.id ? 'claim' : to === null ? 'unassign' : 'assign';
		await audit(conn, {
			actor: actor.email,
			action: `${ref.kind === 'review' ? 'qa.review' : 'qa.coaching'}.${verb}`,
			...{ subjectType: subject(ref).type, subjectId: subject(ref).id },
			ip,
			detail: { from: holder.ownerId, to }
		});
		return true;
	});
	if (!moved) throw new ClaimError(await conflictSentence(db, subject(ref), actor, what(ref)), 409);
}

/**
 * Before someone acts on an item: an unheld item becomes theirs; one held by somebody else needs
 * `takeOver` (the page asks first), so nobody works an item another lead believes is theirs.
 */
export async function holdBeforeActing(
	db: Db,
	ref: QueueItemRef,
	actor: Holder,
	opts: { takeOver?: boolean; ip?: string | null } = {}
): Promise<void> {
	const holder = await currentHolder(db, ref);
	if (!holder || holder.ownerId === actor.id) return;
	if (holder.ownerId !== null && !opts.takeOver)
		throw new ClaimError(
			`${holder.ownerName ?? 'Another lead'} holds ${what(ref)}: take it over first (tick "Take it over") or leave it to them.`,
			409
		);
	await moveItem(db, ref, holder.ownerId, actor.id, actor, opts.ip ?? null);
}
