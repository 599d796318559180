// The figures QA borrows from other modules, in one place: the KPI engine (rates with their
// counts, targets, the minimum sample) and sentiment (per-interaction end-of-call labels).
import type { Db } from '../db/index.ts';
import { tsParam } from '../time/index.ts';
import { computeKpis, getSettings, listTargets } from '../kpi/index.ts';
export {
	compareMeans,
	compareProportions,
	findTarget,
	listTargets,
	meanInterval,
	wilson
} from '../kpi/index.ts';
export type { Target } from '../kpi/index.ts';

/**
 * AHT targets per channel as JSON for the sampling SQL: {"default": s, "voice": s, …}. A channel
 * with no site-wide AHT target falls back to the stored QA setting (the setting, not its default).
 */
export async function ahtTargetsJson(db: Db): Promise<string> {
	const [all, settings] = await Promise.all([listTargets(db), getSettings(db)]);
	const targets = all.filter((t) => t.kpi === 'aht' && t.team === null);
	const out: Record<string, number> = { default: settings.ahtTargetSeconds };
	for (const t of targets) out[t.channel ?? 'default'] = t.value;
	return JSON.stringify(out);
}

export async function minSample(db: Db): Promise<number> {
	return (await getSettings(db)).minSample;
}

export interface AgentRate {
	agentId: string;
	k: number;
	n: number;
}

/** Per-agent numerator/denominator of CSAT and FCR over [from, to), from the KPI engine. */
export async function agentProportions(
	db: Db,
	period: { from: Date; to: Date },
	agent: string | null = null
): Promise<{ csat: AgentRate[]; fcr: AgentRate[] }> {
	const result = await computeKpis(db, { from: period.from, to: period.to, by: 'agent', agent });
	const rows = result.rows.filter((r) => r.key !== null);
	return {
		csat: rows.map((r) => ({
			agentId: r.key as string,
			k: r.csat_satisfied ?? 0,
			n: r.csat_responses ?? 0
		})),
		fcr: rows.map((r) => ({
			agentId: r.key as string,
			k: r.fcr_resolved ?? 0,
			n: r.fcr_eligible ?? 0
		}))
	};
}

const VIEW_EXISTS = `-- is the sentiment module's per-interaction view there yet?
	SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE view_name = $name`;

/** Name of sentiment's per-interaction view (issue 5): overall, end-of-call and swing labels. */
export const INTERACTION_SENTIMENT_VIEW = 'interaction_sentiment';

/**
 * SQL predicate over alias `i` (interactions): the patient's end-of-call sentiment is negative.
 * "false" while sentiment has not created its view (nothing scored: no sentiment picks).
 */
export async function negativeEndPredicate(db: Db): Promise<string> {
	const row = await db.one<{ n: number }>(VIEW_EXISTS, { name: INTERACTION_SENTIMENT_VIEW });
	if (!row?.n) return 'false';
	return `EXISTS (SELECT 1 FROM ${INTERACTION_SENTIMENT_VIEW} s
		WHERE s.interaction_id = i.interaction_id AND s.end_label = 'negative')`;
}

export async function hasSentiment(db: Db): Promise<boolean> {
	return (await negativeEndPredicate(db)) !== 'false';
}

/** Per agent in [from, to): team (most frequent), calls with sentiment, and those ending negative. */
export async function agentNegativeShares(
	db: Db,
	period: { from: Date; to: Date }
): Promise<{ agentId: string; team: string | null; k: number; n: number; ids: string[] }[]> {
	if (!(await hasSentiment(db))) return [];
	const rows = await db.all(
		`-- share of each agent's handled calls that end with negative patient sentiment
		SELECT i.agent_id, mode(i.team) AS team, count(*)::INTEGER AS n,
			count(*) FILTER (WHERE s.end_label = 'negative')::INTEGER AS k,
			(list(i.interaction_id ORDER BY i.started_at DESC) FILTER (WHERE s.end_label = 'negative'))[1:10] AS ids
		FROM interactions i JOIN ${INTERACTION_SENTIMENT_VIEW} s USING (interaction_id)
		WHERE i.agent_id IS NOT NULL AND i.disposition <> 'abandoned'
			AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
		GROUP BY i.agent_id`,
		{ from: tsParam(period.from), to: tsParam(period.to) }
	);
	return rows.map((r) => ({
		agentId: r.agent_id as string,
		team: (r.team as string | null) ?? null,
		k: r.k as number,
		n: r.n as number,
		ids: (r.ids as string[] | null) ?? []
	}));
}
