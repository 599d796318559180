// What waits for the signed-in person, as badges beside the navigation: follow-ups they hold and
// those past due in their queues, disputes and review items (held or unassigned) for QA leads,
// coaching tasks they hold, and — for a staff account linked to an agent — evaluations and
// coaching sessions waiting for their acknowledgement. One small statement per area, each a
// count over its own table, so every page can afford them.
import type { Db } from '../db/index.ts';
import { actorFor } from '../loop/access.ts';
import { VISIBLE, visibilityParams } from '../loop/access.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getSettings } from '../settings/index.ts';
import { localDate, now as clockNow, tsParam } from '../time/index.ts';

export interface Badge {
	/** The number shown. */
	count: number;
	/** Of those, how many are overdue (shown in red with the word). */
	overdue: number;
	/** What the number counts, read out by screen readers and shown on hover. */
	label: string;
	/** Where the badge leads: the filtered queue. */
	href: string;
}

const FOLLOW_UPS = `-- follow-ups the person holds, and open ones past due among those they may see
	SELECT count(*) FILTER (WHERE f.assignee_id = $uid)::INTEGER AS mine,
		count(*) FILTER (WHERE f.due_at < $now::TIMESTAMP)::INTEGER AS overdue
	FROM follow_ups f WHERE f.status <> 'closed' AND ${VISIBLE}`;

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Badges by navigation href; an area the role cannot open gets none. */
export async function badgesFor(db: Db, user: SessionUser): Promise<Record<string, Badge>> {
	const now = clockNow();
	const today = localDate(now, (await getSettings(db)).siteTimeZone);
	const out: Record<string, Badge> = {};
	const actor = await actorFor(db, user);
	const fu = await db.one<{ mine: number; overdue: number }>(FOLLOW_UPS, {
		...visibilityParams(actor),
		now: tsParam(now)
	});
	if (fu && (fu.mine > 0 || fu.overdue > 0))
		out['/complaints'] = {
			count: fu.mine,
			overdue: fu.overdue,
			label: `${plural(fu.mine, 'follow-up')} held by you, ${fu.overdue} overdue in your queues`,
			href: fu.mine > 0 ? '/complaints?assignee=me' : '/complaints'
		};
	if (user.role !== 'staff') {
		const [qa, coaching] = await Promise.all([
			db.one<{ disputes: number; mine: number; overdue: number }>(REVIEW, { uid: user.id, today }),
			db.one<{ mine: number; overdue: number }>(COACHING, { uid: user.id, today })
		]);
		if (qa && qa.disputes + qa.mine + qa.overdue > 0)
			out['/qa'] = {
				count: qa.disputes + qa.mine,
				overdue: qa.overdue,
				label: `${plural(qa.disputes, 'dispute')} to resolve, ${plural(qa.mine, 'review item')} held by you, ${qa.overdue} overdue`,
				href: qa.disputes > 0 ? '/qa?view=disputes' : '/qa'
			};
		if (coaching && coaching.mine > 0)
			out['/coaching'] = {
				count: coaching.mine,
				overdue: coaching.overdue,
				label: `${plural(coaching.mine, 'coaching task')} held by you, ${coaching.overdue} overdue`,
				href: '/coaching'
			};
	}
	if (user.agentId) {
		const agent = await db.one<{ waiting: number }>(AGENT, { agent: user.agentId });
		if (agent && agent.waiting > 0)
			out['/qa/mine'] = {
				count: agent.waiting,
				overdue: 0,
				label: `${plural(agent.waiting, 'evaluation or coaching session', 'evaluations or coaching sessions')} waiting for your acknowledgement`,
				href: '/qa/mine'
			};
	}
	return out;
}
