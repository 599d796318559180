// Reading one evaluation whole: header, the rubric version it used, answers, disputes, history.
import { all, type Db } from '../db/index.ts';
import { SELECT_SUMMARY, toSummary, type EvaluationSummary } from './evaluations.ts';
import { readVersion, type RubricVersion } from './rubrics.ts';

export interface EvaluationDetail extends EvaluationSummary {
	rubric: RubricVersion;
	answers: Record<string, { value: number | null; note: string | null }>;
	disputes: DisputeRow[];
	history: {
		at: Date;
		actorName: string;
		action: string;
		score: number | null;
		note: string | null;
	}[];
}

export interface DisputeRow {
	disputeId: number;
	openedByName: string;
	openedAt: Date;
	comment: string;
	resolution: 'upheld' | 'changed' | null;
	resolvedByName: string | null;
	resolvedAt: Date | null;
	resolutionComment: string | null;
	oldScore: number | null;
	newScore: number | null;
}

const SELECT_ANSWERS = `-- an evaluation's answers
	SELECT item_key, value, note FROM qa_answers WHERE evaluation_id = $id`;

const SELECT_DISPUTES = `-- an evaluation's disputes, oldest first
	SELECT * FROM qa_disputes WHERE evaluation_id = $id ORDER BY opened_at, dispute_id`;

const SELECT_HISTORY = `-- an evaluation's history, oldest first
	SELECT happened_at AS at, actor_name, action, score, note FROM qa_evaluation_history
	WHERE evaluation_id = $id ORDER BY happened_at, rowid`;

export async function getEvaluation(
	db: Db,
	evaluationId: number
): Promise<EvaluationDetail | null> {
	return db.withConnection(async (conn) => {
		const [head] = await all(conn, `${SELECT_SUMMARY} WHERE e.evaluation_id = $id`, {
			id: evaluationId
		});
		if (!head) return null;
		const summary = toSummary(head);
		const rubric = await readVersion(conn, summary.versionId);
		if (!rubric)
			throw new Error(
				`Evaluation ${evaluationId} points at missing rubric version ${summary.versionId}.`
			);
		const answers: EvaluationDetail['answers'] = {};
		for (const a of await all(conn, SELECT_ANSWERS, { id: evaluationId })) {
			answers[a.item_key as string] = {
				value: (a.value as number | null) ?? null,
				note: (a.note as string | null) ?? null
			};
		}
		const disputes = (await all(conn, SELECT_DISPUTES, { id: evaluationId })).map((d) => ({
			disputeId: d.dispute_id as number,
			openedByName: d.opened_by_name as string,
			openedAt: d.opened_at as Date,
			comment: d.comment as string,
			resolution: (d.resolution as 'upheld' | 'changed' | null) ?? null,
			resolvedByName: (d.resolved_by_name as string | null) ?? null,
			resolvedAt: (d.resolved_at as Date | null) ?? null,
			resolutionComment: (d.resolution_comment as string | null) ?? null,
			oldScore: (d.old_score as number | null) ?? null,
			newScore: (d.new_score as number | null) ?? null
		}));
		const hist = (await all(conn, SELECT_HISTORY, { id: evaluationId })).map((h) => ({
			at: h.at as Date,
			actorName: h.actor_name as string,
			action: h.action as string,
			score: (h.score as number | null) ?? null,
			note: (h.note as string | null) ?? null
		}));
		return { ...summary, rubric, answers, disputes, history: hist };
	});
}
