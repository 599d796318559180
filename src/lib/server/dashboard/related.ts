// What the QA, coaching and follow-up modules record about an interaction or an agent, for the
// interaction and agent pages: each module answers from its own tables; this only shapes links.
import type { Db } from '../db/index.ts';
import { listFollowUpsForInteraction } from '../loop/reads.ts';
import { listEvaluationsForInteraction } from '../qa/queries.ts';
import { listCoachingForAgent } from '../qa/tasks.ts';
import { iso } from './interactions.ts';

export interface Related {
	/** QA evaluations of this interaction, newest first. */
	evaluations: {
		id: number;
		evaluator: string;
		status: string;
		score: number | null;
		criticalFailed: boolean;
		createdAt: string;
		href: string;
	}[];
	/** Follow-up tasks opened or joined by this interaction or its surveys. */
	followUps: {
		id: number;
		kind: string;
		status: string;
		summary: string;
		dueAt: string;
		href: string;
	}[];
	/** Coaching tasks of the interaction's agent (open first, soonest due first; at most 20). */
	coaching: {
		id: number;
		title: string;
		state: string;
		focus: string;
		dueDate: string;
		href: string;
	}[];
}

export async function relatedFor(
	db: Db,
	who: { interactionId?: string; agentId: string | null }
): Promise<Related> {
	const id = who.interactionId;
	const [evaluations, followUps, coaching] = await Promise.all([
		id ? listEvaluationsForInteraction(db, id) : [],
		id ? listFollowUpsForInteraction(db, id) : [],
		who.agentId ? listCoachingForAgent(db, who.agentId) : []
	]);
	return {
		evaluations: evaluations.map((e) => ({
			id: e.evaluationId,
			evaluator: e.evaluatorName,
			status: e.status,
			score: e.score,
			criticalFailed: e.criticalFailed,
			createdAt: iso(e.createdAt),
			href: `/qa/evaluations/${e.evaluationId}`
		})),
		followUps: followUps.map((f) => ({
			id: f.id,
			kind: f.kind,
			status: f.status,
			summary: f.summary,
			dueAt: iso(f.dueAt),
			href: `/complaints/${f.id}`
		})),
		coaching: coaching.slice(0, 20).map((c) => ({
			id: c.taskId,
			title: c.title,
			state: c.state,
			focus: c.focusArea,
			dueDate: c.dueDate,
			href: `/coaching/${c.taskId}`
		}))
	};
}
