// The review queue with no item open (the list itself comes from the layout), and building a
// week's sample on demand.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import { buildReviewQueue, defaultWeekStart } from '$lib/server/qa/index.ts';
import { parseDate } from '$lib/server/time/index.ts';

export const load = (async (event) => {
	guard(event);
	return { suggestedWeek: await defaultWeekStart(await getDb()) };
}) satisfies PageServerLoad;

export const actions = {
	build: async (event) => {
		const user = guard(event);
		const form = await readFormData(event.request);
		const w = parseDate(String(form.get('week') ?? ''));
		if (!w) return fail(400, { message: 'Pick the week to sample as a real date (YYYY-MM-DD).' });
		const db = await getDb();
		const result = await buildReviewQueue(db, { week: w });
		await audit(db, {
			actor: user.email,
			action: 'qa.queue.build',
			subjectType: 'review_queue',
			subjectId: result.weekStart,
			ip: event.getClientAddress(),
			detail: { ...result }
		});
		return {
			ok: `Week of ${result.weekStart}: ${result.picked} interactions added (${result.random} random, ${result.targeted} targeted), each with a transcript or message text to review.`,
			week: result.weekStart
		};
	}
} satisfies Actions;
