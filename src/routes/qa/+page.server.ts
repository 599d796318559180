// The QA lead's landing page: this week's review queue (their agents' sampled interactions, due
// dates spread over the week), plus disputes waiting for a decision and unreleased evaluations.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	buildReviewQueue,
	defaultWeekStart,
	listEvaluations,
	listQueueWeeks,
	listReviewQueue
} from '$lib/server/qa/index.ts';
import { agentNames } from '$lib/server/roster.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { localDate, now, parseDate, weekStart } from '$lib/server/time/index.ts';

/** The week in the URL (any day of it), or null when absent; an impossible date is a 400. */
function weekParam(url: URL): string | null {
	const w = url.searchParams.get('week');
	if (!w) return null;
	const day = parseDate(w);
	if (!day) error(400, `The week "${w.slice(0, 20)}" is not a real date (use YYYY-MM-DD).`);
	return weekStart(day);
}

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const weeks = await listQueueWeeks(db);
	const week = weekParam(event.url) ?? weeks[0]?.weekStart ?? (await defaultWeekStart(db));
	const scope =
		event.url.searchParams.get('owner') === 'all' || user.role !== 'qa_lead' ? 'all' : 'mine';
	const items = await listReviewQueue(db, {
		weekStart: week,
		ownerId: scope === 'mine' ? user.id : null
	});
	const disputes = await listEvaluations(db, { status: 'disputed' });
	const unreleased = await listEvaluations(db, { status: 'submitted', limit: 50 });
	return {
		week,
		weeks,
		scope,
		items,
		disputes,
		unreleased,
		names: await agentNames(
			db,
			[...items, ...disputes, ...unreleased].map((x) => x.agentId)
		),
		today: localDate(now(), (await getSettings(db)).siteTimeZone),
		suggestedWeek: await defaultWeekStart(db)
	};
}) satisfies PageServerLoad;

export const actions = {
	build: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
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
			ok: `Week of ${result.weekStart}: ${result.picked} interactions added (${result.random} random, ${result.targeted} targeted).`,
			week: result.weekStart
		};
	}
} satisfies Actions;
