// The QA lead's queue beside every review page: one of three lists (the week's review items,
// disputes to resolve, evaluations not yet released), its filters from the URL, and the counts
// for the tabs. The list is what j / k walk and what "next item" picks from.
import { error } from '@sveltejs/kit';
import type { Db } from '../db/index.ts';
import { agentNames } from '../roster.ts';
import { getSettings } from '../settings/index.ts';
import { localDate, now, parseDate, weekStart } from '../time/index.ts';
import { listQaLeads } from './leads.ts';
import { listEvaluations } from './queries.ts';
import { listQueueWeeks, listReviewQueue, type ContentFilter } from './queue.ts';
import { defaultWeekStart } from './sampling.ts';
import type { EvaluationSummary } from './evaluations.ts';

export const VIEWS = ['review', 'disputes', 'unreleased'] as const;
export type QueueView = (typeof VIEWS)[number];

/** A row of any of the three lists, in the shape the page draws. */
export interface QueueRow {
	/** The list's key: an interaction id (review) or an evaluation id (the other lists). */
	key: string;
	href: string;
	interactionId: string;
	agentId: string | null;
	channel: string | null;
	reason: string | null;
	reasons: string[];
	dueDate: string | null;
	ownerId: string | null;
	ownerName: string | null;
	contentTurns: number | null;
	evaluationId: number | null;
	score: number | null;
	status: string | null;
	/** Finished rows (evaluated, released, resolved) are not "next". */
	done: boolean;
}

export interface QueueFilters {
	view: QueueView;
	week: string;
	owner: 'mine' | 'all';
	content: ContentFilter;
}

/** The URL's filters; an impossible week is a 400 with a sentence. */
export async function readQueueFilters(
	db: Db,
	url: URL,
	role: string
): Promise<QueueFilters & { weeks: { weekStart: string; items: number }[] }> {
	const weeks = await listQueueWeeks(db);
	const w = url.searchParams.get('week');
	let week: string;
	if (w) {
		const day = parseDate(w);
		if (!day) error(400, `The week "${w.slice(0, 20)}" is not a real date (use YYYY-MM-DD).`);
		week = weekStart(day);
	} else week = weeks[0]?.weekStart ?? (await defaultWeekStart(db));
	const v = url.searchParams.get('view');
	const c = url.searchParams.get('content');
	return {
		view: (VIEWS as readonly string[]).includes(v ?? '') ? (v as QueueView) : 'review',
		week,
		weeks,
		owner: url.searchParams.get('owner') === 'all' || role !== 'qa_lead' ? 'all' : 'mine',
		content: c === 'yes' || c === 'no' ? c : null
	};
}

/** The filters as a query string for links inside the queue ("" when all are defaults). */
export function queueSearch(url: URL): string {
	const keep = new URLSearchParams();
	for (const key of ['view', 'week', 'owner', 'content']) {
		const value = url.searchParams.get(key);
		if (value) keep.set(key, value);
	}
	const s = keep.toString();
	return s ? `?${s}` : '';
}

const fromEvaluation = (e: EvaluationSummary, search: string, done: boolean): QueueRow => ({
	key: String(e.evaluationId),
	href: `/qa/evaluations/${e.evaluationId}${search}`,
	interactionId: e.interactionId,
	agentId: e.agentId,
	channel: null,
	reason: null,
	reasons: [],
	dueDate: null,
	ownerId: e.evaluatorId,
	ownerName: e.evaluatorName,
	contentTurns: null,
	evaluationId: e.evaluationId,
	score: e.score,
	status: e.status,
	done
});

export async function loadQueueView(db: Db, url: URL, user: { id: string; role: string }) {
	const filters = await readQueueFilters(db, url, user.role);
	const search = queueSearch(url);
	const tz = (await getSettings(db)).siteTimeZone;
	const [items, disputes, unreleased, leads] = await Promise.all([
		listReviewQueue(db, {
			weekStart: filters.week,
			ownerId: filters.owner === 'mine' ? user.id : null,
			content: filters.content
		}),
		listEvaluations(db, { status: 'disputed' }),
		listEvaluations(db, { status: 'submitted', limit: 200 }),
		listQaLeads(db)
	]);
	const review: QueueRow[] = items.map((i) => ({
		key: i.interactionId,
		href:
			i.evaluationId === null
				? `/qa/evaluate/${encodeURIComponent(i.interactionId)}${search}`
				: `/qa/evaluations/${i.evaluationId}${search}`,
		interactionId: i.interactionId,
		agentId: i.agentId,
		channel: i.channel,
		reason: i.reason,
		reasons: i.reasons,
		dueDate: i.dueDate,
		ownerId: i.ownerId,
		ownerName: i.ownerName,
		contentTurns: i.contentTurns,
		evaluationId: i.evaluationId,
		score: i.score,
		status: i.status,
		done: i.evaluationId !== null
	}));
	const rows =
		filters.view === 'disputes'
			? disputes.map((e) => fromEvaluation(e, search, false))
			: filters.view === 'unreleased'
				? unreleased.map((e) => fromEvaluation(e, search, false))
				: review;
	return {
		filters,
		search,
		rows,
		names: await agentNames(
			db,
			rows.map((r) => r.agentId)
		),
		counts: {
			review: review.filter((r) => !r.done).length,
			disputes: disputes.length,
			unreleased: unreleased.length
		},
		leads,
		today: localDate(now(), tz)
	};
}

export type QueueViewData = Awaited<ReturnType<typeof loadQueueView>>;
