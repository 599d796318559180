// Read-side questions about evaluations, for the QA pages and the dashboards' interaction and
// agent pages. A period is [from, to) on the interaction's started_at (when the call happened),
// so a late review still counts in the week the agent took the call.
//
// An agent's QA score is the mean of the current scores (after disputes) of their evaluations in
// the scope, and its n is the number of those scores: an evaluation without a score adds nothing
// to the mean, so it adds nothing to n either (n is what the minimum-evaluations rule and the
// dashboards' "too few" read).
import type { Db } from '../db/index.ts';
import { scopeParams, scopeSql, type InteractionScope } from '../semantic/scope.ts';
import { tsParam } from '../time/index.ts';
import { toSummary, type EvaluationStatus, type EvaluationSummary } from './evaluations.ts';

const BASE = `SELECT e.*, i.started_at AS interaction_started_at
	FROM qa_evaluations e LEFT JOIN interactions i USING (interaction_id)`;

const BY_INTERACTION = `-- every evaluation of one interaction, newest first
	${BASE} WHERE e.interaction_id = $id ORDER BY e.created_at DESC, e.evaluation_id DESC`;

const BY_AGENT = `-- an agent's evaluations; the agent's own view sees released ones only
	${BASE} WHERE e.agent_id = $agent AND ($releasedOnly = false OR e.status <> 'submitted')
	ORDER BY e.created_at DESC, e.evaluation_id DESC LIMIT $limit`;

const BY_STATUS = `-- evaluations for the QA lead's lists, optionally of one status
	${BASE} WHERE (CAST($status AS VARCHAR) IS NULL OR e.status = $status)
	ORDER BY e.created_at DESC, e.evaluation_id DESC LIMIT $limit`;

const ALL_AGENT_SCORES = `-- every agent's QA score in the scope, with its spread for comparisons (second opinions
	-- aside: an interaction counts once)
	SELECT e.agent_id, avg(e.score) AS score, count(e.score)::INTEGER AS n,
		stddev_samp(e.score) AS sd,
		count(*) FILTER (WHERE e.critical_failed)::INTEGER AS critical_fails,
		list(e.interaction_id ORDER BY i.started_at) AS interaction_ids,
		list(e.interaction_id ORDER BY i.started_at) FILTER (WHERE e.critical_failed) AS critical_ids
	FROM qa_evaluations e JOIN interactions i USING (interaction_id)
	WHERE e.agent_id IS NOT NULL AND e.score IS NOT NULL AND NOT e.second_opinion AND ${scopeSql('i')}
	GROUP BY e.agent_id ORDER BY e.agent_id`;

const AGENT_ITEMS = `-- an agent's mean answer per rubric item over evaluations of the period's interactions
	SELECT a.item_key, any_value(r.label) AS label, avg(a.value) AS mean, count(a.value)::INTEGER AS n
	FROM qa_evaluations e
	JOIN interactions i ON i.interaction_id = e.interaction_id
	JOIN qa_answers a ON a.evaluation_id = e.evaluation_id
	LEFT JOIN qa_rubric_items r ON r.version_id = e.version_id AND r.item_key = a.item_key
	WHERE e.agent_id = $agent AND i.started_at >= $from AND i.started_at < $to AND NOT e.second_opinion
	GROUP BY a.item_key ORDER BY min(r.position), a.item_key`;

export interface AgentQaScore {
	/** Mean score 0–100, or null when the agent has no evaluation in the period. */
	score: number | null;
	evaluations: number;
	criticalFails: number;
}

export async function listEvaluationsForInteraction(
	db: Db,
	interactionId: string
): Promise<EvaluationSummary[]> {
	return (await db.all(BY_INTERACTION, { id: interactionId })).map(toSummary);
}

export async function listEvaluationsForAgent(
	db: Db,
	agentId: string,
	opts: { releasedOnly?: boolean; limit?: number } = {}
): Promise<EvaluationSummary[]> {
	const rows = await db.all(BY_AGENT, {
		agent: agentId,
		releasedOnly: opts.releasedOnly ?? false,
		limit: opts.limit ?? 200
	});
	return rows.map(toSummary);
}

export async function listEvaluations(
	db: Db,
	opts: { status?: EvaluationStatus | null; limit?: number } = {}
): Promise<EvaluationSummary[]> {
	const rows = await db.all(BY_STATUS, { status: opts.status ?? null, limit: opts.limit ?? 200 });
	return rows.map(toSummary);
}

export async function agentQaScore(
	db: Db,
	agentId: string,
	period: { from: Date; to: Date }
): Promise<AgentQaScore> {
	const [row] = await listAgentQaScores(db, { ...period, agent: agentId });
	return {
		score: row?.score ?? null,
		evaluations: row?.n ?? 0,
		criticalFails: row?.criticalFails ?? 0
	};
}

export interface AgentScoreRow {
	agentId: string;
	score: number;
	n: number;
	sd: number | null;
	criticalFails: number;
	interactionIds: string[];
	criticalIds: string[];
}

/** Every agent's QA score in a period, optionally cut by team, channel, reason or agent. */
export async function listAgentQaScores(db: Db, scope: InteractionScope): Promise<AgentScoreRow[]> {
	const rows = await db.all(ALL_AGENT_SCORES, scopeParams(scope));
	return rows.map((r) => ({
		agentId: r.agent_id as string,
		score: r.score as number,
		n: r.n as number,
		sd: (r.sd as number | null) ?? null,
		criticalFails: r.critical_fails as number,
		interactionIds: (r.interaction_ids as string[] | null) ?? [],
		criticalIds: (r.critical_ids as string[] | null) ?? []
	}));
}

export interface RubricItemMean {
	itemKey: string;
	label: string | null;
	/** Mean raw answer (0/1 for yes/no, 1–5), over answered (non-N/A) items. */
	mean: number | null;
	n: number;
}

/** An agent's mean answer per rubric item over the evaluations of a period's interactions. */
export async function listAgentItemMeans(
	db: Db,
	agentId: string,
	period: { from: Date; to: Date }
): Promise<RubricItemMean[]> {
	const rows = await db.all<{
		item_key: string;
		label: string | null;
		mean: number | null;
		n: number;
	}>(AGENT_ITEMS, { agent: agentId, from: tsParam(period.from), to: tsParam(period.to) });
	return rows.map((r) => ({ itemKey: r.item_key, label: r.label, mean: r.mean, n: r.n }));
}

/** An instant as coaching evidence records it: 'YYYY-MM-DD HH:MM:SS.mmm' in UTC. */
export function isoTs(d: Date): string {
	return d.toISOString().replace('T', ' ').replace('Z', '');
}
