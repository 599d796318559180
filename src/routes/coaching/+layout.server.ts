// The coaching queue beside every coaching task: tasks that are not done (or one state), the
// lead's own and unassigned ones or everyone's, soonest due first. The effectiveness page and a
// staff account opening its own task get no list.
import type { LayoutServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	listCoachingTasks,
	listQaLeads,
	TASK_STATES,
	type TaskState
} from '$lib/server/qa/index.ts';
import { agentNames } from '$lib/server/roster.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { localDate, now } from '$lib/server/time/index.ts';

const QUEUE_PAGES = new Set(['/coaching', '/coaching/[id]']);

export const load = (async (event) => {
	const user = guard(event);
	if (!QUEUE_PAGES.has(event.route.id ?? '') || user.role === 'staff') return { queue: null };
	const db = await getDb();
	const url = event.url;
	const stateParam = url.searchParams.get('state');
	const state = (TASK_STATES as readonly string[]).includes(stateParam ?? '')
		? (stateParam as TaskState)
		: null;
	const scope = url.searchParams.get('owner') === 'all' || user.role !== 'qa_lead' ? 'all' : 'mine';
	const keep = new URLSearchParams();
	for (const key of ['state', 'owner']) {
		const value = url.searchParams.get(key);
		if (value) keep.set(key, value);
	}
	const [tasks, leads, settings] = await Promise.all([
		listCoachingTasks(db, { state, ownerId: scope === 'mine' ? user.id : null }),
		listQaLeads(db),
		getSettings(db)
	]);
	return {
		queue: {
			tasks,
			names: await agentNames(
				db,
				tasks.map((t) => t.agentId)
			),
			state,
			scope,
			states: [...TASK_STATES],
			leads,
			search: keep.size ? `?${keep}` : '',
			today: localDate(now(), settings.siteTimeZone)
		}
	};
}) satisfies LayoutServerLoad;
