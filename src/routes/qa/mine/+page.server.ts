// "My evaluations": a staff account linked to an agent id sees its released evaluations and its
// coaching tasks (never other agents'). Accounts without an agent link get a clear empty state.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { listCoachingForAgent, listEvaluationsForAgent } from '$lib/server/qa/index.ts';

export const load = (async (event) => {
	const user = guard(event);
	if (!user.agentId) return { agentId: null, evaluations: [], tasks: [] };
	const db = await getDb();
	return {
		agentId: user.agentId,
		evaluations: await listEvaluationsForAgent(db, user.agentId, { releasedOnly: true }),
		tasks: await listCoachingForAgent(db, user.agentId)
	};
}) satisfies PageServerLoad;
