// The figures QA borrows from other modules, in one place: the KPI engine (rates with their
// counts, targets, the minimum sample), sentiment (end-of-call labels) and agents' usual teams.
import type { Db } from '../db/index.ts';
import { computeKpis, getSettings, listTargets } from '../kpi/index.ts';
import { agentTeams } from '../semantic/teams.ts';
import { agentNegativeShares as negativeShares, type NegativeShare } from '../sentiment/reads.ts';
export { negativeEndSql } from '../sentiment/reads.ts';
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

/**
 * Per agent: handled calls with an end-of-call label and those ending negative (the sentiment
 * module's one definition), with each agent's usual team for the team comparison.
 */
export async function agentNegativeShares(
	db: Db,
	period: { from: Date; to: Date }
): Promise<(NegativeShare & { team: string | null })[]> {
	const [shares, teams] = await Promise.all([negativeShares(db, period), agentTeams(db, period)]);
	return shares.map((s) => ({ ...s, team: teams.get(s.agentId) ?? null }));
}
