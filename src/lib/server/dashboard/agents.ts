// Agent scorecards: the KPI engine's per-agent figures against each agent's team targets, plus the
// QA score and negative-sentiment share when issues 7 and 5 have landed their tables.
import type { Db } from '../db/index.ts';
import { computeKpiSets, getSettings, findTarget, listTargets } from '../kpi/index.ts';
import { drillHref } from '../../components/links.ts';
import { cached } from './cache.ts';
import { existingTables } from './context.ts';
import { filterQuery, type DashboardFilter } from './filters.ts';
import { METRICS, cell, type Cell } from './metrics.ts';
import { filterParams } from './sentiment.ts';

/** The scorecard's KPI columns, in order (registry flag). */
export const SCORECARD_KPIS = METRICS.filter((m) => m.scorecard).map((m) => m.kpi);

export interface ScorecardRow {
	agentId: string;
	team: string | null;
	contacts: number;
	href: string;
	listHref: string;
	cells: Record<string, Cell & { href: string }>;
	/** Too few: below the QA minimum of evaluations, or the minimum sample of scored calls. */
	qa: { score: number | null; n: number; tooFew: boolean } | null;
	negative: { share: number | null; n: number; href: string; tooFew: boolean } | null;
}

const AGENT_TEAMS = `-- each agent's usual team in the period (most frequent)
SELECT agent_id, mode(team) AS team FROM interactions
WHERE agent_id IS NOT NULL AND started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP
	AND ($team IS NULL OR team = $team) AND ($channel IS NULL OR channel = $channel)
	AND ($reason IS NULL OR reason = $reason) AND ($agent IS NULL OR agent_id = $agent)
GROUP BY agent_id`;

const QA_SCORES = `-- mean QA score per agent over evaluations of the period's interactions
SELECT e.agent_id, avg(coalesce(e.score, e.computed_score)) AS score, count(*)::INTEGER AS n
FROM qa_evaluations e JOIN interactions i ON i.interaction_id = e.interaction_id
WHERE i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP AND NOT e.second_opinion
	AND ($team IS NULL OR i.team = $team) AND ($channel IS NULL OR i.channel = $channel)
	AND ($reason IS NULL OR i.reason = $reason) AND ($agent IS NULL OR e.agent_id = $agent)
GROUP BY e.agent_id`;

const NEGATIVE = `-- share of each agent's scored interactions whose end-of-call patient sentiment is negative
SELECT i.agent_id, count(*)::INTEGER AS n, count(*) FILTER (WHERE s.end_label = 'negative')::INTEGER AS k
FROM interactions i JOIN interaction_sentiment s ON s.interaction_id = i.interaction_id
WHERE i.agent_id IS NOT NULL AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
	AND ($team IS NULL OR i.team = $team) AND ($channel IS NULL OR i.channel = $channel)
	AND ($reason IS NULL OR i.reason = $reason) AND ($agent IS NULL OR i.agent_id = $agent)
GROUP BY i.agent_id`;

export async function listAgentScorecards(db: Db, f: DashboardFilter): Promise<ScorecardRow[]> {
	const params = filterParams(f);
	const kpiFilter = {
		from: f.from,
		to: f.to,
		team: f.team,
		channel: f.channel,
		reason: f.reason,
		agent: f.agent
	};
	const [settings, targets, tables, teams] = await Promise.all([
		getSettings(db),
		listTargets(db),
		existingTables(db),
		db.all<{ agent_id: string; team: string | null }>(AGENT_TEAMS, params)
	]);
	const [sets, qa, negative] = await Promise.all([
		cached(db, `agents ${JSON.stringify(kpiFilter)}`, () =>
			computeKpiSets(db, kpiFilter, ['agent'], settings)
		),
		tables.has('qa_evaluations')
			? db.all<{ agent_id: string; score: number | null; n: number }>(QA_SCORES, params)
			: null,
		tables.has('interaction_sentiment')
			? db.all<{ agent_id: string; n: number; k: number }>(NEGATIVE, params)
			: null
	]);
	const teamOf = new Map(teams.map((t) => [t.agent_id, t.team]));
	const base = filterQuery(f, true);
	return (sets.get('agent') ?? [])
		.filter((r) => r.key !== null)
		.map((r) => {
			const agentId = r.key as string;
			const team = teamOf.get(agentId) ?? null;
			const q = { ...base, agent: agentId };
			const cells: ScorecardRow['cells'] = {};
			for (const m of METRICS.filter((x) =>
				(SCORECARD_KPIS as readonly string[]).includes(x.kpi)
			)) {
				const target = findTarget(targets, m.kpi, { team, channel: f.channel });
				cells[m.kpi] = {
					...cell(r, m, target, settings.minSample, settings.targetNearPct),
					href: drillHref(q, m.drill)
				};
			}
			const qaRow = qa?.find((x) => x.agent_id === agentId);
			const neg = negative?.find((x) => x.agent_id === agentId);
			return {
				agentId,
				team,
				contacts: r.contacts,
				href: `/agents/${encodeURIComponent(agentId)}?${new URLSearchParams(filterQuery(f)).toString()}`,
				listHref: drillHref(q),
				cells,
				qa: qa
					? {
							score: qaRow?.score ?? null,
							n: qaRow?.n ?? 0,
							tooFew: (qaRow?.n ?? 0) < settings.qaMinEvaluations
						}
					: null,
				negative: negative
					? {
							share: neg && neg.n > 0 ? (100 * neg.k) / neg.n : null,
							n: neg?.n ?? 0,
							href: drillHref(q, { sentiment: 'negative' }),
							tooFew: (neg?.n ?? 0) < settings.minSample
						}
					: null
			};
		});
}

/** Sort keys of the scorecard (URL whitelist). Too-few figures sort last: never rank on them. */
export const SCORECARD_SORTS = [
	'agent',
	'team',
	'contacts',
	...SCORECARD_KPIS,
	'qa',
	'negative'
] as const;

export function sortScorecards(
	rows: ScorecardRow[],
	sort: string,
	dir: 'asc' | 'desc'
): ScorecardRow[] {
	const key = (r: ScorecardRow): string | number | null => {
		if (sort === 'agent') return r.agentId;
		if (sort === 'team') return r.team;
		if (sort === 'contacts') return r.contacts;
		if (sort === 'qa') return r.qa && !r.qa.tooFew ? r.qa.score : null;
		if (sort === 'negative') return r.negative && !r.negative.tooFew ? r.negative.share : null;
		const c = r.cells[sort];
		return c && !c.tooFew ? c.value : null;
	};
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = key(a);
		const y = key(b);
		if (x === null && y === null) return a.agentId < b.agentId ? -1 : 1;
		if (x === null) return 1;
		if (y === null) return -1;
		if (x < y) return -sign;
		if (x > y) return sign;
		return a.agentId < b.agentId ? -1 : 1;
	});
}

/** The scorecard's sort from the URL, whitelisted. */
export function readSort(url: URL): { sort: string; dir: 'asc' | 'desc' } {
	const s = url.searchParams.get('sort') ?? 'contacts';
	const sort = (SCORECARD_SORTS as readonly string[]).includes(s) ? s : 'contacts';
	const dir = url.searchParams.get('dir') === 'asc' ? 'asc' : 'desc';
	return { sort, dir };
}
