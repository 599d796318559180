// Reading the review queue: a QA lead's week, with each item's interaction and evaluation state.
import type { Db } from '../db/index.ts';

export interface QueueItem {
	weekStart: string;
	interactionId: string;
	agentId: string;
	ownerId: string | null;
	ownerName: string | null;
	reasons: string[];
	dueDate: string;
	startedAt: Date | null;
	channel: string | null;
	reason: string | null;
	team: string | null;
	evaluationId: number | null;
	score: number | null;
	status: string | null;
	/** Turns of transcript or message text the reviewer can judge (0 = nothing to read). */
	contentTurns: number;
}

/** "yes" keeps items with a transcript or message text, "no" those without, null all. */
export type ContentFilter = 'yes' | 'no' | null;

const SELECT_QUEUE = `-- one week's queue, optionally one owner's (unassigned items show to every lead)
	SELECT strftime(q.week_start, '%Y-%m-%d') AS week_start, q.interaction_id, q.agent_id, q.owner_id,
		u.name AS owner_name, q.reasons, strftime(q.due_date, '%Y-%m-%d') AS due_date,
		i.started_at, i.channel, i.reason, i.team,
		e.evaluation_id, e.score, e.status, coalesce(t.turns, 0)::INTEGER AS content_turns
	FROM qa_review_queue q
	LEFT JOIN (SELECT interaction_id, count(*) AS turns FROM transcripts
		WHERE interaction_id IN (SELECT interaction_id FROM qa_review_queue WHERE week_start = $week::DATE)
		GROUP BY interaction_id) t USING (interaction_id)
	LEFT JOIN interactions i USING (interaction_id)
	LEFT JOIN users u ON u.id = q.owner_id
	LEFT JOIN (
		SELECT interaction_id, arg_max(evaluation_id, created_at) AS evaluation_id,
			arg_max(score, created_at) AS score, arg_max(status, created_at) AS status
		FROM qa_evaluations WHERE NOT second_opinion GROUP BY interaction_id
	) e USING (interaction_id)
	WHERE q.week_start = $week::DATE
		AND (CAST($owner AS VARCHAR) IS NULL OR q.owner_id = $owner OR q.owner_id IS NULL)
		AND (CAST($content AS VARCHAR) IS NULL OR (coalesce(t.turns, 0) > 0) = ($content = 'yes'))
	ORDER BY (e.evaluation_id IS NOT NULL), q.due_date, q.agent_id, q.interaction_id`;

const SELECT_WEEKS = `-- weeks that have a queue, newest first
	SELECT strftime(week_start, '%Y-%m-%d') AS week_start, count(*)::INTEGER AS items
	FROM qa_review_queue GROUP BY week_start ORDER BY week_start DESC LIMIT 26`;

export async function listReviewQueue(
	db: Db,
	opts: { weekStart: string; ownerId?: string | null; content?: ContentFilter }
): Promise<QueueItem[]> {
	const rows = await db.all(SELECT_QUEUE, {
		week: opts.weekStart,
		owner: opts.ownerId ?? null,
		content: opts.content ?? null
	});
	return rows.map((r) => ({
		weekStart: r.week_start as string,
		interactionId: r.interaction_id as string,
		agentId: r.agent_id as string,
		ownerId: (r.owner_id as string | null) ?? null,
		ownerName: (r.owner_name as string | null) ?? null,
		reasons: r.reasons as string[],
		dueDate: r.due_date as string,
		startedAt: (r.started_at as Date | null) ?? null,
		channel: (r.channel as string | null) ?? null,
		reason: (r.reason as string | null) ?? null,
		team: (r.team as string | null) ?? null,
		evaluationId: (r.evaluation_id as number | null) ?? null,
		score: (r.score as number | null) ?? null,
		status: (r.status as string | null) ?? null,
		contentTurns: r.content_turns as number
	}));
}

export async function listQueueWeeks(db: Db): Promise<{ weekStart: string; items: number }[]> {
	const rows = await db.all<{ week_start: string; items: number }>(SELECT_WEEKS);
	return rows.map((r) => ({ weekStart: r.week_start, items: r.items }));
}
