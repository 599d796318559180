// How many follow-ups wait for one person: those they hold, and the open ones past due among
// those they may see (their queues). For the navigation's badge.
import type { Db } from '../db/index.ts';
import { tsParam } from '../time/index.ts';
import { VISIBLE, visibilityParams, type Actor } from './access.ts';

const WAITING = `-- follow-ups the person holds, and open ones past due among those they may see
	SELECT count(*) FILTER (WHERE f.assignee_id = $uid)::INTEGER AS mine,
		count(*) FILTER (WHERE f.due_at < $now::TIMESTAMP)::INTEGER AS overdue
	FROM follow_ups f WHERE f.status <> 'closed' AND ${VISIBLE}`;

export async function countWaitingFollowUps(
	db: Db,
	actor: Actor,
	now: Date
): Promise<{ mine: number; overdue: number }> {
	const row = await db.one<{ mine: number; overdue: number }>(WAITING, {
		...visibilityParams(actor),
		now: tsParam(now)
	});
	return { mine: row?.mine ?? 0, overdue: row?.overdue ?? 0 };
}
