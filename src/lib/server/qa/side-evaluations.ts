// Evaluations that never count: calibration scores (graders and the expert's answer key) and
// agents' self-reviews. Same rubric versions, same validation and scoring as real evaluations,
// but stored in qa_side_evaluations / qa_side_answers — tables no QA score, coaching rule, sample
// or dashboard reads (migration 0019). One row per (kind, session or evaluation, interaction,
// grader); saving again replaces the answers while the scorer may still change them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { now, tsParam } from '../time/index.ts';
import { EvaluationError, type Actor } from './evaluations.ts';
import { readVersion } from './rubrics.ts';
import { scoreEvaluation, validateAnswers, type Answers } from './scoring.ts';

export type SideKind = 'calibration' | 'self';

export interface SideEvaluation {
	sideId: number;
	kind: SideKind;
	sessionId: number | null;
	evaluationId: number | null;
	interactionId: string;
	agentId: string | null;
	versionId: number;
	graderId: string;
	graderName: string;
	score: number | null;
	criticalFailed: boolean;
	comment: string | null;
	updatedAt: Date;
	answers: Record<string, { value: number | null; note: string | null }>;
}

const FIND = `-- the scorer's existing side evaluation of this interaction in this session / evaluation
	SELECT side_id FROM qa_side_evaluations
	WHERE kind = $kind AND interaction_id = $interaction AND grader_id = $grader
		AND session_id IS NOT DISTINCT FROM $session AND evaluation_id IS NOT DISTINCT FROM $evaluation`;

const INSERT = `-- a new side evaluation, scored
	INSERT INTO qa_side_evaluations (side_id, kind, session_id, evaluation_id, interaction_id, agent_id,
		version_id, grader_id, grader_name, score, critical_failed, comment, created_at, updated_at)
	SELECT nextval('qa_side_evaluation_id_seq'), $kind, $session, $evaluation, $interaction, i.agent_id,
		$version, $grader, $graderName, $score, $critical, $comment, $at, $at
	FROM interactions i WHERE i.interaction_id = $interaction
	RETURNING side_id`;

const UPDATE = `-- new answers for an existing side evaluation
	UPDATE qa_side_evaluations SET score = $score, critical_failed = $critical, comment = $comment,
		updated_at = $at WHERE side_id = $id`;

const SELECT = `-- side evaluations with their answers
	SELECT s.*, list({'key': a.item_key, 'value': a.value, 'note': a.note}) FILTER (WHERE a.item_key IS NOT NULL) AS answers
	FROM qa_side_evaluations s LEFT JOIN qa_side_answers a USING (side_id)`;

export async function saveSideEvaluation(
	conn: DuckDBConnection,
	input: {
		kind: SideKind;
		sessionId?: number | null;
		evaluationId?: number | null;
		interactionId: string;
		versionId: number;
		answers: Answers;
		notes?: Record<string, string | undefined>;
		comment?: string | null;
	},
	by: Actor
): Promise<{ sideId: number; score: number | null; criticalFailed: boolean }> {
	const rubric = await readVersion(conn, input.versionId);
	if (!rubric) throw new Error(`Rubric version ${input.versionId} does not exist.`);
	const problems = validateAnswers(rubric.items, input.answers);
	if (problems.length > 0) throw new EvaluationError(`Answer every item: ${problems.join('; ')}.`);
	const result = scoreEvaluation(rubric.items, input.answers);
	if (result.weightedScore === null)
		throw new EvaluationError('Every item is N/A: score at least one item.');
	const key = {
		kind: input.kind,
		interaction: input.interactionId,
		grader: by.id,
		session: input.sessionId ?? null,
		evaluation: input.evaluationId ?? null
	};
	const values = {
		score: result.score,
		critical: result.criticalFailed,
		comment: input.comment?.trim() || null,
		at: tsParam(now())
	};
	const [existing] = await all(conn, FIND, key);
	let sideId: number;
	if (existing) {
		sideId = existing.side_id as number;
		await conn.run(UPDATE, { id: sideId, ...values });
		await conn.run('DELETE FROM qa_side_answers WHERE side_id = $id', { id: sideId });
	} else {
		const [row] = await all(conn, INSERT, {
			...key,
			version: input.versionId,
			graderName: by.name,
			...values
		});
		if (!row) throw new EvaluationError(`Interaction ${input.interactionId} does not exist.`);
		sideId = row.side_id as number;
	}
	const appender = await conn.createAppender('qa_side_answers');
	for (const item of rubric.items) {
		const value = input.answers[item.key];
		appender.appendInteger(sideId);
		appender.appendVarchar(item.key);
		if (value === null || value === undefined) appender.appendNull();
		else appender.appendInteger(value);
		const note = input.notes?.[item.key]?.trim();
		if (note) appender.appendVarchar(note.slice(0, 2000));
		else appender.appendNull();
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
	return { sideId, score: result.score, criticalFailed: result.criticalFailed };
}

function toSide(r: Record<string, unknown>): SideEvaluation {
	const answers: SideEvaluation['answers'] = {};
	for (const a of (r.answers as { key: string; value: number | null; note: string | null }[]) ?? [])
		answers[a.key] = { value: a.value ?? null, note: a.note ?? null };
	return {
		sideId: r.side_id as number,
		kind: r.kind as SideKind,
		sessionId: (r.session_id as number | null) ?? null,
		evaluationId: (r.evaluation_id as number | null) ?? null,
		interactionId: r.interaction_id as string,
		agentId: (r.agent_id as string | null) ?? null,
		versionId: r.version_id as number,
		graderId: r.grader_id as string,
		graderName: r.grader_name as string,
		score: (r.score as number | null) ?? null,
		criticalFailed: r.critical_failed as boolean,
		comment: (r.comment as string | null) ?? null,
		updatedAt: r.updated_at as Date,
		answers
	};
}

/** A calibration session's scores, or the self-reviews of one evaluation. */
export async function listSideEvaluations(
	db: Db | DuckDBConnection,
	where: { sessionId: number } | { evaluationId: number }
): Promise<SideEvaluation[]> {
	const sql =
		'sessionId' in where
			? `${SELECT} WHERE s.kind = 'calibration' AND s.session_id = $id GROUP BY ALL ORDER BY s.side_id`
			: `${SELECT} WHERE s.kind = 'self' AND s.evaluation_id = $id GROUP BY ALL ORDER BY s.side_id`;
	const id = 'sessionId' in where ? where.sessionId : where.evaluationId;
	const rows = 'withConnection' in db ? await db.all(sql, { id }) : await all(db, sql, { id });
	return rows.map(toSide);
}
