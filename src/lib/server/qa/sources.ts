// The figures QA borrows from other modules, in one place: the KPI engine (rates with their
// counts, targets, the minimum sample) and sentiment (per-interaction end-of-call labels).
import type { Db } from '../db/index.ts';
import { computeKpis } from '../kpi/contact.ts';
import { getSettings } from '../kpi/settings.ts';
import { QA_DEFAULTS } from './settings.ts';

export interface Target {
	kpi: string;
	team: string | null;
	channel: string | null;
	comparison: 'min' | 'max';
	value: number;
}

const SELECT_TARGETS = `-- KPI targets (owned by the KPI engine; read here for coaching and sampling)
	SELECT kpi, team, channel, comparison, value FROM kpi_targets`;

export async function loadTargets(db: Db): Promise<Target[]> {
	return db.all<Target & Record<string, unknown>>(SELECT_TARGETS);
}

/** The most specific target of a KPI for a team/channel (team+channel, team, channel, global). */
export function targetFor(targets: Target[], kpi: string, team: string | null, channel: string | null): Target | null {
	const candidates = targets.filter(
		(t) => t.kpi === kpi && (t.team === null || t.team === team) && (t.channel === null || t.channel === channel)
	);
	candidates.sort((a, b) => specificity(b) - specificity(a));
	return candidates[0] ?? null;
}

function specificity(t: Target): number {
	return (t.team !== null ? 2 : 0) + (t.channel !== null ? 1 : 0);
}

/** AHT targets per channel as JSON for the sampling SQL: {"default": s, "voice": s, …}. */
export async function ahtTargetsJson(db: Db): Promise<string> {
	const targets = (await loadTargets(db)).filter((t) => t.kpi === 'aht' && t.team === null);
	const out: Record<string, number> = { default: QA_DEFAULTS.ahtTargetSeconds };
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
		csat: rows.map((r) => ({ agentId: r.key as string, k: r.csat_satisfied, n: r.csat_responses })),
		fcr: rows.map((r) => ({ agentId: r.key as string, k: r.fcr_resolved, n: r.fcr_eligible }))
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
