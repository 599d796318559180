// The coaching queue: tasks opened by the rules (after each import, or on demand here), soonest
// due first, filtered by state and by owner. Each links to its evidence and workflow.
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { localDate, now } from '$lib/server/time/index.ts';
import {
	listCoachingTasks,
	runCoachingRules,
	TASK_STATES,
	type TaskState
} from '$lib/server/qa/index.ts';
import { agentNames } from '$lib/server/roster.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const stateParam = event.url.searchParams.get('state');
	const state = (TASK_STATES as readonly string[]).includes(stateParam ?? '')
		? (stateParam as TaskState)
		: null;
	const scope =
		event.url.searchParams.get('owner') === 'all' || user.role !== 'qa_lead' ? 'all' : 'mine';
	const tasks = await listCoachingTasks(db, { state, ownerId: scope === 'mine' ? user.id : null });
	return {
		tasks,
		names: await agentNames(
			db,
			tasks.map((t) => t.agentId)
		),
		state,
		scope,
		states: [...TASK_STATES],
		today: localDate(now(), (await getSettings(db)).siteTimeZone)
	};
}) satisfies PageServerLoad;

export const actions = {
	run: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const result = await runCoachingRules(db);
		await audit(db, {
			actor: user.email,
			action: 'qa.coaching.run',
			subjectType: 'coaching',
			ip: event.getClientAddress(),
			detail: result
		});
		return {
			ok: `Coaching rules: ${result.opened} tasks opened, ${result.updated} open tasks updated, ${result.effects} effects measured.`
		};
	}
} satisfies Actions;
