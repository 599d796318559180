// What waits for the signed-in person, as badges beside the navigation: follow-ups they hold and
// those past due in their queues, disputes and review items (held or unassigned) for QA leads,
// coaching tasks they hold, and — for a staff account linked to an agent — evaluations and
// coaching sessions waiting for their acknowledgement. Each module counts its own tables.
import type { Db } from '../db/index.ts';
import { actorFor } from '../loop/access.ts';
import { countWaitingFollowUps } from '../loop/waiting.ts';
import { countAgentWaiting, countCoachingWaiting, countReviewWaiting } from '../qa/waiting.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getSettings } from '../settings/index.ts';
import { localDate, now as clockNow } from '../time/index.ts';

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Badges by navigation href; an area the role cannot open gets none. */
export async function badgesFor(db: Db, user: SessionUser): Promise<Record<string, Badge>> {
	const now = clockNow();
	const today = localDate(now, (await getSettings(db)).siteTimeZone);
	const out: Record<string, Badge> = {};
	const fu = await countWaitingFollowUps(db, await actorFor(db, user), now);
	if (fu.mine > 0 || fu.overdue > 0)
		out['/complaints'] = {
			count: fu.mine,
			overdue: fu.overdue,
			label: [
				fu.mine > 0 ? `${plural(fu.mine, 'follow-up')} held by you` : null,
				fu.overdue > 0 ? `${fu.overdue} overdue in your queues` : null
			]
				.filter(Boolean)
				.join(', '),
			href: fu.mine > 0 ? '/complaints?assignee=me' : '/complaints'
		};
	if (user.role !== 'staff') {
		const [qa, coaching] = await Promise.all([
			countReviewWaiting(db, user.id, today),
			countCoachingWaiting(db, user.id, today)
		]);
		if (qa.disputes + qa.mine + qa.overdue > 0)
			out['/qa'] = {
				count: qa.disputes + qa.mine,
				overdue: qa.overdue,
				label: [
					qa.disputes > 0 ? `${plural(qa.disputes, 'dispute')} to resolve` : null,
					qa.mine > 0 ? `${plural(qa.mine, 'review item')} held by you` : null,
					qa.overdue > 0 ? `${qa.overdue} overdue` : null
				]
					.filter(Boolean)
					.join(', '),
				href: qa.disputes > 0 ? '/qa?view=disputes' : '/qa'
			};
		if (coaching.mine > 0)
			out['/coaching'] = {
				count: coaching.mine,
				overdue: coaching.overdue,
				label: `${plural(coaching.mine, 'coaching task')} held by you${coaching.overdue > 0 ? `, ${coaching.overdue} overdue` : ''}`,
				href: '/coaching'
			};
	}
	if (user.agentId) {
		const waiting = await countAgentWaiting(db, user.agentId);
		if (waiting > 0)
			out['/qa/mine'] = {
				count: waiting,
				overdue: 0,
				label: `${plural(waiting, 'evaluation or coaching session', 'evaluations or coaching sessions')} waiting for your acknowledgement`,
				href: '/qa/mine'
			};
	}
	return out;
}
