// One agent: KPI trends beside their team's, QA by rubric item, sentiment, recent interactions and
// coaching history. Figures from the KPI engine; QA, coaching and sentiment from their modules.
import type { Db } from '../db/index.ts';
import { computeKpiSets, getSettings, findTarget, listTargets } from '../kpi/index.ts';
import type { KpiRow } from '../kpi/index.ts';
import { drillHref } from '../../components/links.ts';
import { listAgentItemMeans } from '../qa/queries.ts';
import { agentTeams } from '../semantic/teams.ts';
import { cached } from './cache.ts';
import { bucketRange, filterQuery, type DashboardFilter } from './filters.ts';
import { displayUnit, scaled } from './format.ts';
import { listInteractions } from './interactions.ts';
import { METRIC_BY_KPI, METRICS, cell } from './metrics.ts';
import { bucketFor } from './overview.ts';
import { relatedFor } from './related.ts';
import { sentimentMix } from './sentiment.ts';
import type { TrendSeries } from './overview.ts';

const EVER = `-- does the agent have any interaction at all (else the page is a 404)
SELECT count(*)::INTEGER AS n FROM interactions WHERE agent_id = $agent`;

/** The agent's trends: the scorecard's KPIs (registry flag). */
const TREND_KPIS = METRICS.filter((m) => m.scorecard).map((m) => m.kpi);

/** Null when the agent has no interaction at all (404). */
export async function loadAgent(db: Db, f: DashboardFilter, agentId: string) {
	const ever = await db.one<{ n: number }>(EVER, { agent: agentId });
	if (!ever?.n) return null;
	// The team the agent mostly worked in during the period (whatever team filter is set).
	const team =
		(await agentTeams(db, { from: f.from, to: f.to, agent: agentId })).get(agentId) ?? null;
	const bucket = bucketFor(f);
	const agentFilter = {
		from: f.from,
		to: f.to,
		channel: f.channel,
		reason: f.reason,
		agent: agentId
	};
	const teamFilter = { from: f.from, to: f.to, channel: f.channel, reason: f.reason, team };
	const [settings, targets] = await Promise.all([getSettings(db), listTargets(db)]);
	const agentF = { ...f, team: undefined, agent: agentId };
	const [mine, theirs, qaItems, mix, recent, related] = await Promise.all([
		cached(db, `agent ${JSON.stringify(agentFilter)} ${bucket}`, () =>
			computeKpiSets(db, agentFilter, ['total', bucket], settings)
		),
		team
			? cached(db, `team ${JSON.stringify(teamFilter)} ${bucket}`, () =>
					computeKpiSets(db, teamFilter, [bucket], settings)
				)
			: Promise.resolve(null),
		listAgentItemMeans(db, agentId, f),
		sentimentMix(db, agentF, bucket),
		listInteractions(db, { filter: agentF, drill: {}, settings, page: 1 }),
		relatedFor(db, { agentId })
	]);
	const base = { ...filterQuery(f, true), team: null, agent: agentId };
	const total = (mine.get('total') as KpiRow[])[0];
	const series = (rows: KpiRow[], name: string, q: Record<string, string | null>, kpi: string) => {
		const m = METRIC_BY_KPI.get(kpi)!;
		return rows.map((r) => ({
			date: String(r.key),
			value: r[m.field] ?? null,
			n: r[m.n] ?? 0,
			series: name,
			href: drillHref({ ...q, ...bucketRange(String(r.key), bucket, f) }, m.drill)
		}));
	};
	const trends: (TrendSeries & { points: { series: string }[] })[] = TREND_KPIS.map((kpi) => {
		const m = METRIC_BY_KPI.get(kpi)!;
		const target = findTarget(targets, kpi, { team, channel: f.channel });
		return {
			kpi,
			label: m.short,
			unit: m.unit === 'score' ? '' : m.unit,
			target: target ? scaled(target.value, m.unit) : null,
			points: [
				...series(mine.get(bucket) ?? [], agentId, base, kpi),
				...(theirs && team
					? series(theirs.get(bucket) ?? [], `team ${team}`, { ...base, agent: null, team }, kpi)
					: [])
			]
		};
	});
	const cards = [...METRIC_BY_KPI.values()].map((m) => ({
		kpi: m.kpi,
		label: m.label,
		unit: displayUnit(m.unit),
		href: drillHref(base, m.drill),
		...cell(
			total,
			m,
			findTarget(targets, m.kpi, { team, channel: f.channel }),
			settings.minSample,
			settings.targetNearPct
		)
	}));
	return {
		agentId,
		team,
		bucket,
		contacts: total.contacts,
		cards,
		trends,
		qaItems,
		sentiment: mix,
		recent: recent.rows.slice(0, 20).map(({ patientId: _p, ...r }) => r),
		recentTotal: recent.total,
		recentHref: drillHref(base),
		coaching: related.coaching
	};
}
