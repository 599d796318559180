// Slots on the interaction and agent pages for what issues 7 (QA, coaching) and 8 (follow-ups)
// record. Each query runs only when its table exists, so the pages work before those land.
import type { Db } from '../db/index.ts';
import { iso } from './interactions.ts';

export interface Related {
	/** QA evaluations of this interaction (issue 7). */
	evaluations: {
		id: number;
		evaluator: string;
		status: string;
		score: number | null;
		criticalFailed: boolean;
		createdAt: string;
		href: string;
	}[];
	/** Follow-up tasks opened or joined by this interaction or its surveys (issue 8). */
	followUps: {
		id: number;
		kind: string;
		status: string;
		summary: string;
		dueAt: string;
		href: string;
	}[];
	/** Coaching tasks of the interaction's agent (issue 7). */
	coaching: {
		id: number;
		title: string;
		state: string;
		focus: string;
		dueDate: string;
		href: string;
	}[];
}

const EVALUATIONS = `-- QA evaluations of one interaction, newest first
SELECT evaluation_id, evaluator_name, status, coalesce(score, computed_score) AS score, critical_failed, created_at
FROM qa_evaluations WHERE interaction_id = $id ORDER BY created_at DESC`;

const FOLLOW_UPS = `-- follow-up tasks sourced from this interaction or one of its surveys
SELECT DISTINCT f.id, f.kind, f.status, f.summary, f.due_at
FROM follow_ups f JOIN follow_up_sources s ON s.follow_up_id = f.id
WHERE (s.source_kind = 'interaction' AND s.source_id = $id)
	OR (s.source_kind = 'survey' AND s.source_id IN (SELECT survey_id FROM surveys WHERE interaction_id = $id))
ORDER BY f.due_at`;

const COACHING = `-- an agent's coaching tasks, newest first
SELECT task_id, title, state, focus_area, strftime(due_date, '%Y-%m-%d') AS due_date
FROM coaching_tasks WHERE agent_id = $agent ORDER BY opened_at DESC LIMIT 20`;

export async function relatedFor(
	db: Db,
	tables: Set<string>,
	who: { interactionId?: string; agentId: string | null }
): Promise<Related> {
	const id = who.interactionId;
	const [evaluations, followUps, coaching] = await Promise.all([
		id && tables.has('qa_evaluations') ? db.all(EVALUATIONS, { id }) : [],
		id && tables.has('follow_ups') && tables.has('follow_up_sources')
			? db.all(FOLLOW_UPS, { id })
			: [],
		who.agentId && tables.has('coaching_tasks') ? db.all(COACHING, { agent: who.agentId }) : []
	]);
	return {
		evaluations: evaluations.map((e) => ({
			id: Number(e.evaluation_id),
			evaluator: String(e.evaluator_name),
			status: String(e.status),
			score: e.score === null ? null : Number(e.score),
			criticalFailed: Boolean(e.critical_failed),
			createdAt: iso(e.created_at),
			href: `/qa/evaluations/${e.evaluation_id}`
		})),
		followUps: followUps.map((f) => ({
			id: Number(f.id),
			kind: String(f.kind),
			status: String(f.status),
			summary: String(f.summary),
			dueAt: iso(f.due_at),
			href: `/complaints/${f.id}`
		})),
		coaching: coaching.map((c) => ({
			id: Number(c.task_id),
			title: String(c.title),
			state: String(c.state),
			focus: String(c.focus_area),
			dueDate: String(c.due_date),
			href: `/coaching/${c.task_id}`
		}))
	};
}
