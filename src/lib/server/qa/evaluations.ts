// Evaluations: scored against the rubric version they were made with, released to the agent,
// acknowledged or disputed, and resolved by a QA lead (upheld, or answers changed and re-scored).
// Every step writes qa_evaluation_history; callers add the audit-log entry.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { withKeyLocks } from '../auth/key-lock.ts';
import { getSettings } from '../settings/index.ts';
import { formatLocal, now, tsParam } from '../time/index.ts';
import { textTooLong } from '../../text-limits.ts';
import { readVersion } from './rubrics.ts';
import { scoreEvaluation, validateAnswers, type Answers } from './scoring.ts';
import { writeSuggestions, type Suggestion } from './autoqa/prefill.ts';

export type EvaluationStatus = 'submitted' | 'released' | 'acknowledged' | 'disputed' | 'resolved';

export interface Actor {
	id: string;
	name: string;
}

export interface EvaluationSummary {
	evaluationId: number;
	interactionId: string;
	agentId: string | null;
	versionId: number;
	evaluatorId: string;
	evaluatorName: string;
	status: EvaluationStatus;
	score: number | null;
	computedScore: number | null;
	criticalFailed: boolean;
	comment: string | null;
	createdAt: Date;
	releasedAt: Date | null;
	acknowledgedAt: Date | null;
	interactionStartedAt: Date | null;
	/** A deliberate second evaluation: shown, never counted in scores. */
	secondOpinion: boolean;
}

export class EvaluationError extends Error {}
/** Someone (maybe the same person in another tab) got there first: the page answers 409. */
export class EvaluationConflictError extends EvaluationError {}

export const SELECT_SUMMARY = `-- evaluation headers with the interaction's start (for periods)
	SELECT e.*, i.started_at AS interaction_started_at
	FROM qa_evaluations e LEFT JOIN interactions i USING (interaction_id)`;

const SELECT_INTERACTION = `-- the interaction being evaluated (its agent is copied onto the evaluation)
	SELECT interaction_id, agent_id FROM interactions WHERE interaction_id = $id`;

const INSERT_EVALUATION = `-- a new evaluation, already scored
	INSERT INTO qa_evaluations (evaluation_id, interaction_id, agent_id, version_id, evaluator_id,
		evaluator_name, status, computed_score, score, critical_failed, comment, created_at, released_at,
		updated_at, second_opinion)
	VALUES (nextval('qa_evaluation_id_seq'), $interaction, $agent, $version, $by, $byName, $status,
		$score, $score, $critical, $comment, $at, CASE WHEN $status = 'released' THEN $at END, $at,
		$second)
	RETURNING evaluation_id`;

const FIRST_EVALUATION = `-- the evaluation of this interaction with this rubric version, if there is one
	SELECT evaluation_id, evaluator_id, evaluator_name, created_at, score FROM qa_evaluations
	WHERE interaction_id = $interaction AND version_id = $version AND NOT second_opinion
	ORDER BY evaluation_id LIMIT 1`;

const INSERT_HISTORY = `-- one step of an evaluation's history
	INSERT INTO qa_evaluation_history (evaluation_id, happened_at, actor_id, actor_name, action, score, note)
	VALUES ($id, $at, $actor, $actorName, $action, $score, $note)`;

const DELETE_ANSWERS = `-- answers are replaced as a whole when a dispute changes them
	DELETE FROM qa_answers WHERE evaluation_id = $id`;

const SET_STATUS = `-- move an evaluation to its next status
	UPDATE qa_evaluations SET status = $status, updated_at = $at,
		released_at = CASE WHEN $status = 'released' THEN $at ELSE released_at END,
		acknowledged_at = CASE WHEN $status = 'acknowledged' THEN $at ELSE acknowledged_at END
	WHERE evaluation_id = $id`;

const SET_SCORE = `-- a dispute changed the answers: store the new score
	UPDATE qa_evaluations SET computed_score = $score, score = $score, critical_failed = $critical,
		updated_at = $at WHERE evaluation_id = $id`;

const INSERT_DISPUTE = `-- the agent disputes a released evaluation
	INSERT INTO qa_disputes (dispute_id, evaluation_id, opened_by, opened_by_name, opened_at, comment, old_score)
	VALUES (nextval('qa_dispute_id_seq'), $id, $by, $byName, $at, $comment, $score)`;

const RESOLVE_DISPUTE = `-- the QA lead's decision on the open dispute
	UPDATE qa_disputes SET resolution = $resolution, resolved_by = $by, resolved_by_name = $byName,
		resolved_at = $at, resolution_comment = $comment, new_score = $score
	WHERE evaluation_id = $id AND resolution IS NULL`;

export function toSummary(r: Record<string, unknown>): EvaluationSummary {
	return {
		evaluationId: r.evaluation_id as number,
		interactionId: r.interaction_id as string,
		agentId: (r.agent_id as string | null) ?? null,
		versionId: r.version_id as number,
		evaluatorId: r.evaluator_id as string,
		evaluatorName: r.evaluator_name as string,
		status: r.status as EvaluationStatus,
		score: (r.score as number | null) ?? null,
		computedScore: (r.computed_score as number | null) ?? null,
		criticalFailed: r.critical_failed as boolean,
		comment: (r.comment as string | null) ?? null,
		createdAt: r.created_at as Date,
		releasedAt: (r.released_at as Date | null) ?? null,
		acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
		interactionStartedAt: (r.interaction_started_at as Date | null) ?? null,
		secondOpinion: r.second_opinion === true
	};
}

async function writeAnswers(
	conn: DuckDBConnection,
	evaluationId: number,
	answers: Answers,
	notes: Record<string, string | undefined>
): Promise<void> {
	const appender = await conn.createAppender('qa_answers');
	for (const [key, value] of Object.entries(answers)) {
		if (value === undefined) continue;
		appender.appendInteger(evaluationId);
		appender.appendVarchar(key);
		if (value === null) appender.appendNull();
		else appender.appendInteger(value);
		const note = notes[key]?.trim();
		if (note) appender.appendVarchar(note);
		else appender.appendNull();
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

async function history(
	conn: DuckDBConnection,
	id: number,
	actor: Actor,
	action: string,
	score: number | null,
	note: string | null
): Promise<void> {
	await conn.run(INSERT_HISTORY, {
		at: tsParam(now()),
		id,
		actor: actor.id,
		actorName: actor.name,
		action,
		score,
		note
	});
}

/** The sentence a reviewer reads when the interaction already has its evaluation. */
async function alreadyEvaluated(db: Db, row: Record<string, unknown>, by: Actor): Promise<string> {
	const tz = (await getSettings(db)).siteTimeZone;
	const who = row.evaluator_id === by.id ? 'You (in another tab)' : String(row.evaluator_name);
	const score = row.score === null ? 'no score' : `score ${Math.round(row.score as number)}`;
	return `${who} already evaluated this interaction with this rubric version at ${formatLocal(row.created_at as Date, tz)} (evaluation ${row.evaluation_id}, ${score}). Open that evaluation, or tick "Add a second evaluation" to add one on purpose.`;
}

/**
 * Scores and stores an evaluation of an interaction with the given rubric version. An interaction
 * has one evaluation per rubric version; another is refused unless marked as a second opinion
 * (which never counts in the agent's QA score). Creations of one interaction run one at a time,
 * so two tabs submitting together cannot both be first.
 */
export function createEvaluation(
	db: Db,
	input: Parameters<typeof insertEvaluation>[1],
	by: Actor
): ReturnType<typeof insertEvaluation> {
	return withKeyLocks([`qa-evaluation:${input.interactionId}`], () =>
		insertEvaluation(db, input, by)
	);
}

async function insertEvaluation(
	db: Db,
	input: {
		interactionId: string;
		versionId: number;
		answers: Answers;
		notes?: Record<string, string | undefined>;
		comment?: string | null;
		release?: boolean;
		/** What AutoQA pre-filled, kept beside the reviewer's answers. */
		suggestions?: Suggestion[];
		/** Deliberately a second evaluation of an interaction that already has one. */
		secondOpinion?: boolean;
	},
	by: Actor
): Promise<{ evaluationId: number; score: number | null; criticalFailed: boolean }> {
	const tooLong =
		textTooLong('evaluationComment', input.comment) ??
		Object.values(input.notes ?? {})
			.map((note) => textTooLong('itemNote', note))
			.find((m) => m !== null) ??
		null;
	if (tooLong) throw new EvaluationError(tooLong);
	const [first] = await db.all(FIRST_EVALUATION, {
		interaction: input.interactionId,
		version: input.versionId
	});
	if (first && !input.secondOpinion)
		throw new EvaluationConflictError(await alreadyEvaluated(db, first, by));
	return db.transaction(async (conn) => {
		const [interaction] = await all(conn, SELECT_INTERACTION, { id: input.interactionId });
		if (!interaction)
			throw new EvaluationError(`Interaction ${input.interactionId} does not exist.`);
		const rubric = await readVersion(conn, input.versionId);
		if (!rubric) throw new EvaluationError(`Rubric version ${input.versionId} does not exist.`);
		const problems = validateAnswers(rubric.items, input.answers);
		if (problems.length > 0)
			throw new EvaluationError(`Answer every item: ${problems.join('; ')}.`);
		const result = scoreEvaluation(rubric.items, input.answers);
		if (result.weightedScore === null)
			throw new EvaluationError('Every item is N/A: score at least one item.');
		const status = input.release ? 'released' : 'submitted';
		const [row] = await all(conn, INSERT_EVALUATION, {
			at: tsParam(now()),
			interaction: input.interactionId,
			agent: (interaction.agent_id as string | null) ?? null,
			version: input.versionId,
			by: by.id,
			byName: by.name,
			status,
			score: result.score,
			critical: result.criticalFailed,
			comment: input.comment?.trim() || null,
			second: !!first
		});
		const evaluationId = row.evaluation_id as number;
		await writeAnswers(conn, evaluationId, input.answers, input.notes ?? {});
		await writeSuggestions(conn, evaluationId, input.suggestions ?? [], input.answers);
		const note = result.criticalFailed
			? `critical failed: ${result.failedCritical.join(', ')}`
			: null;
		await history(conn, evaluationId, by, 'submitted', result.score, note);
		if (input.release) await history(conn, evaluationId, by, 'released', result.score, null);
		return { evaluationId, score: result.score, criticalFailed: result.criticalFailed };
	});
}

async function transition(
	db: Db,
	evaluationId: number,
	from: EvaluationStatus[],
	to: EvaluationStatus,
	actor: Actor,
	note: string | null,
	extra?: (conn: DuckDBConnection, score: number | null) => Promise<number | null>
): Promise<EvaluationSummary> {
	return db.transaction(async (conn) => {
		const [head] = await all(conn, `${SELECT_SUMMARY} WHERE e.evaluation_id = $id`, {
			id: evaluationId
		});
		if (!head) throw new EvaluationError(`Evaluation ${evaluationId} does not exist.`);
		const current = toSummary(head);
		if (!from.includes(current.status)) {
			throw new EvaluationConflictError(
				`This evaluation is ${current.status}; it cannot become ${to} now.`
			);
		}
		const score = extra ? await extra(conn, current.score) : current.score;
		await conn.run(SET_STATUS, { id: evaluationId, status: to, at: tsParam(now()) });
		await history(conn, evaluationId, actor, to, score, note);
		return { ...current, status: to, score };
	});
}

export function releaseEvaluation(db: Db, id: number, by: Actor) {
	return transition(db, id, ['submitted'], 'released', by, null);
}

export async function acknowledgeEvaluation(db: Db, id: number, by: Actor, comment: string | null) {
	const tooLong = textTooLong('acknowledgeComment', comment);
	if (tooLong) throw new EvaluationError(tooLong);
	return transition(db, id, ['released', 'resolved'], 'acknowledged', by, comment?.trim() || null);
}

export async function disputeEvaluation(db: Db, id: number, by: Actor, comment: string) {
	const text = comment.trim();
	if (!text) throw new EvaluationError('Say what you dispute: the comment is required.');
	const tooLong = textTooLong('disputeComment', text);
	if (tooLong) throw new EvaluationError(tooLong);
	return transition(db, id, ['released'], 'disputed', by, text, async (conn, score) => {
		await conn.run(INSERT_DISPUTE, {
			id,
			by: by.id,
			byName: by.name,
			comment: text,
			score,
			at: tsParam(now())
		});
		return score;
	});
}

/** Upholds the score, or replaces the answers and re-scores against the evaluation's own version. */
export async function resolveDispute(
	db: Db,
	id: number,
	by: Actor,
	decision:
		| { resolution: 'upheld' }
		| { resolution: 'changed'; answers: Answers; notes?: Record<string, string | undefined> },
	comment: string | null
) {
	const note = comment?.trim() || null;
	const tooLong =
		textTooLong('resolutionComment', note) ??
		(decision.resolution === 'changed'
			? (Object.values(decision.notes ?? {})
					.map((n) => textTooLong('itemNote', n))
					.find((m) => m !== null) ?? null)
			: null);
	if (tooLong) throw new EvaluationError(tooLong);
	return transition(
		db,
		id,
		['disputed'],
		'resolved',
		by,
		`${decision.resolution}${note ? `: ${note}` : ''}`,
		async (conn, score) => {
			let newScore = score;
			if (decision.resolution === 'changed') {
				const [head] = await all(
					conn,
					'SELECT version_id FROM qa_evaluations WHERE evaluation_id = $id',
					{ id }
				);
				const rubric = await readVersion(conn, head.version_id as number);
				if (!rubric) throw new Error(`Evaluation ${id} points at a missing rubric version.`);
				const problems = validateAnswers(rubric.items, decision.answers);
				if (problems.length > 0)
					throw new EvaluationError(`Answer every item: ${problems.join('; ')}.`);
				const result = scoreEvaluation(rubric.items, decision.answers);
				if (result.weightedScore === null)
					throw new EvaluationError('Every item is N/A: score at least one item.');
				await conn.run(DELETE_ANSWERS, { id });
				await writeAnswers(conn, id, decision.answers, decision.notes ?? {});
				await conn.run(SET_SCORE, {
					id,
					score: result.score,
					critical: result.criticalFailed,
					at: tsParam(now())
				});
				newScore = result.score;
			}
			await conn.run(RESOLVE_DISPUTE, {
				at: tsParam(now()),
				id,
				resolution: decision.resolution,
				by: by.id,
				byName: by.name,
				comment: note,
				score: newScore
			});
			return newScore;
		}
	);
}
