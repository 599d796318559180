// The coaching queue with no task open (the list comes from the layout), and running the rules on
// demand. A re-run over the same data opens nothing and counts nothing: only new evidence does.
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import { runCoachingRules } from '$lib/server/qa/index.ts';

export const load = (async (event) => {
	guard(event);
	return {};
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
			ok: `Coaching rules: ${result.opened} tasks opened, ${result.updated} open tasks with new evidence, ${result.effects} effects measured.`
		};
	}
} satisfies Actions;
