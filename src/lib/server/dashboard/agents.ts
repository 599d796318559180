// Agent scorecards: the KPI engine's per-agent figures against each agent's team targets, with the
// QA module's QA score and the sentiment module's negative-ending share (each its owner's one
// definition), and each agent's usual team in the period.
import type { Db } from '../db/index.ts';
import { computeKpiSets, getSettings, findTarget, listTargets } from '../kpi/index.ts';
import { drillHref } from '../../components/links.ts';
import { listAgentQaScores } from '../qa/queries.ts';
import { agentTeams } from '../semantic/teams.ts';
import { agentNegativeShares } from '../sentiment/reads.ts';
import { cached } from './cache.ts';
import { filterQuery, type DashboardFilter } from './filters.ts';
import { METRICS, cell, type Cell } from './metrics.ts';

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

export async function listAgentScorecards(db: Db, f: DashboardFilter): Promise<ScorecardRow[]> {
	const kpiFilter = {
		from: f.from,
		to: f.to,
		team: f.team,
		channel: f.channel,
		reason: f.reason,
		agent: f.agent
	};
	const [settings, targets, teamOf] = await Promise.all([
		getSettings(db),
		listTargets(db),
		agentTeams(db, f)
	]);
	const [sets, qa, negative] = await Promise.all([
		cached(db, `agents ${JSON.stringify(kpiFilter)}`, () =>
			computeKpiSets(db, kpiFilter, ['agent'], settings)
		),
		listAgentQaScores(db, f),
		agentNegativeShares(db, f)
	]);
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
			const qaRow = qa.find((x) => x.agentId === agentId);
			const neg = negative.find((x) => x.agentId === agentId);
			return {
				agentId,
				team,
				contacts: r.contacts,
				href: `/agents/${encodeURIComponent(agentId)}?${new URLSearchParams(filterQuery(f)).toString()}`,
				listHref: drillHref(q),
				cells,
				qa: {
					score: qaRow?.score ?? null,
					n: qaRow?.n ?? 0,
					tooFew: (qaRow?.n ?? 0) < settings.qaMinEvaluations
				},
				negative: {
					share: neg && neg.n > 0 ? (100 * neg.k) / neg.n : null,
					n: neg?.n ?? 0,
					// the rows the share counts: handled calls that ended negative
					href: drillHref(q, { disposition: 'handled', sentiment: 'negative' }),
					tooFew: (neg?.n ?? 0) < settings.minSample
				}
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
