// The review queue beside every review page (the queue itself, an item to evaluate, an
// evaluation): the list the lead is working, its filters from the URL and its tab counts. Other
// QA pages (rubrics, "my evaluations") and staff accounts get no list.
import type { LayoutServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { loadQueueView } from '$lib/server/qa/queue-view.ts';

const QUEUE_PAGES = new Set(['/qa', '/qa/evaluate/[interactionId]', '/qa/evaluations/[id]']);

export const load = (async (event) => {
	const user = guard(event);
	if (!QUEUE_PAGES.has(event.route.id ?? '') || user.role === 'staff') return { queue: null };
	return { queue: await loadQueueView(await getDb(), event.url, user) };
}) satisfies LayoutServerLoad;
