// Agent self-review: a staff account linked to an agent scores their own released interaction
// with the rubric version the reviewer used, and the evaluation page shows both side by side.
// Self-scores live with the other uncounted evaluations (side-evaluations.ts): they never enter
// a QA score, a coaching rule or a dashboard.
import type { SessionUser } from '../auth/roles.ts';
import type { Db } from '../db/index.ts';
import type { EvaluationDetail } from './evaluation-detail.ts';
import { EvaluationError } from './evaluations.ts';
import { itemScore } from './scoring.ts';
import {
	listSideEvaluations,
	saveSideEvaluation,
	type SideEvaluation
} from './side-evaluations.ts';
import type { Answers } from './scoring.ts';

/** Only the evaluated agent, once the evaluation is released to them. */
export function maySelfReview(
	user: Pick<SessionUser, 'agentId'>,
	e: Pick<EvaluationDetail, 'agentId' | 'status'>
): boolean {
	return user.agentId !== null && user.agentId === e.agentId && e.status !== 'submitted';
}

export async function saveSelfReview(
	db: Db,
	evaluation: EvaluationDetail,
	input: { answers: Answers; notes?: Record<string, string>; comment?: string | null },
	user: SessionUser
) {
	if (!maySelfReview(user, evaluation))
		throw new EvaluationError(
			'Only the evaluated agent can review this call, once it is released.'
		);
	return db.transaction((conn) =>
		saveSideEvaluation(
			conn,
			{
				kind: 'self',
				evaluationId: evaluation.evaluationId,
				interactionId: evaluation.interactionId,
				versionId: evaluation.rubric.versionId,
				...input
			},
			{ id: user.id, name: user.name }
		)
	);
}

/** The agent's self-review of an evaluation's call, if any (the latest when several accounts). */
export async function getSelfReview(db: Db, evaluationId: number): Promise<SideEvaluation | null> {
	const reviews = await listSideEvaluations(db, { evaluationId });
	return reviews.at(-1) ?? null;
}

export interface SideBySideRow {
	itemKey: string;
	label: string;
	scale: 'yes_no' | 'one_five';
	reviewer: number | null | undefined;
	self: number | null | undefined;
	/** Self item score − reviewer item score, points; null when either is N/A or missing. */
	difference: number | null;
}

export function sideBySide(evaluation: EvaluationDetail, self: SideEvaluation): SideBySideRow[] {
	return evaluation.rubric.items.map((item) => {
		const reviewer = evaluation.answers[item.key]?.value;
		const mine = self.answers[item.key]?.value;
		return {
			itemKey: item.key,
			label: item.label,
			scale: item.scale,
			reviewer,
			self: mine,
			difference:
				reviewer == null || mine == null
					? null
					: itemScore(item.scale, mine) - itemScore(item.scale, reviewer)
		};
	});
}
