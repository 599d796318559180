// What QA work waits for one person, for the navigation's badges: open disputes and review items
// not yet evaluated (held by them or by nobody; overdue ones counted apart), coaching tasks they
// hold, and — for an agent — released evaluations and coaching sessions to acknowledge.
import type { Db } from '../db/index.ts';

const REVIEW = `-- open disputes, and review items not yet evaluated that the lead holds or nobody holds
	SELECT (SELECT count(*) FROM qa_evaluations WHERE status = 'disputed')::INTEGER AS disputes,
		count(*) FILTER (WHERE q.owner_id = $uid)::INTEGER AS mine,
		count(*) FILTER (WHERE q.due_date < $today::DATE)::INTEGER AS overdue
	FROM qa_review_queue q
	WHERE (q.owner_id = $uid OR q.owner_id IS NULL)
		AND NOT EXISTS (SELECT 1 FROM qa_evaluations e WHERE e.interaction_id = q.interaction_id)`;

const COACHING = `-- coaching tasks the person holds that are not done, and those past due
	SELECT count(*)::INTEGER AS mine, count(*) FILTER (WHERE due_date < $today::DATE)::INTEGER AS overdue
	FROM coaching_tasks WHERE owner_id = $uid AND state <> 'done'`;

const AGENT = `-- what waits for an agent: released evaluations to read, coaching sessions to acknowledge
	SELECT (SELECT count(*) FROM qa_evaluations WHERE agent_id = $agent AND status IN ('released', 'resolved'))::INTEGER
		+ (SELECT count(*) FROM coaching_tasks WHERE agent_id = $agent AND state = 'session_held')::INTEGER AS waiting`;

export async function countReviewWaiting(
	db: Db,
	userId: string,
	today: string
): Promise<{ disputes: number; mine: number; overdue: number }> {
	const row = await db.one<{ disputes: number; mine: number; overdue: number }>(REVIEW, {
		uid: userId,
		today
	});
	return { disputes: row?.disputes ?? 0, mine: row?.mine ?? 0, overdue: row?.overdue ?? 0 };
}

export async function countCoachingWaiting(
	db: Db,
	userId: string,
	today: string
): Promise<{ mine: number; overdue: number }> {
	const row = await db.one<{ mine: number; overdue: number }>(COACHING, { uid: userId, today });
	return { mine: row?.mine ?? 0, overdue: row?.overdue ?? 0 };
}

export async function countAgentWaiting(db: Db, agentId: string): Promise<number> {
	return (await db.one<{ waiting: number }>(AGENT, { agent: agentId }))?.waiting ?? 0;
}
