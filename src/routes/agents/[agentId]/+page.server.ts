// One agent: trends against their team, QA by rubric item, sentiment, recent work, coaching.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { loadAgent } from '$lib/server/dashboard/agent-page.ts';
import { filterChoices } from '$lib/server/dashboard/context.ts';
import { filterQuery } from '$lib/server/dashboard/filters.ts';
import { filterState, readFilter } from '$lib/server/dashboard/request.ts';
import { agentNames } from '$lib/server/roster.ts';

export const load = (async (event) => {
	guard(event);
	const agentId = event.params.agentId;
	if (agentId.length > 200) error(404, 'There is no agent with this id.');
	const db = await getDb();
	const { asOf, filter } = await readFilter(db, event.url);
	const [choices, agent] = await Promise.all([filterChoices(db), loadAgent(db, filter, agentId)]);
	if (!agent) error(404, `No interaction was handled by agent "${agentId}".`);
	const names = await agentNames(db, [agentId]);
	return {
		asOf,
		filter: filterState(filter),
		query: filterQuery(filter),
		choices,
		...agent,
		agentName: names[agentId] ?? null
	};
}) satisfies PageServerLoad;
