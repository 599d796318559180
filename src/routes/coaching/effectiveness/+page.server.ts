// Coaching effectiveness: finished tasks' measured effect (focus KPI 30 days before vs after),
// counted as improved / no change / worse / too few, by focus area and by QA lead.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { listCoachingTasks, summarizeEffects } from '$lib/server/qa/index.ts';

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const done = await listCoachingTasks(db, { state: 'done' });
	return {
		byFocus: await summarizeEffects(db, 'focus'),
		byOwner: await summarizeEffects(db, 'owner'),
		measured: done.filter((t) => t.effect !== null),
		waiting: done.filter((t) => t.effect === null).length
	};
}) satisfies PageServerLoad;
