// One agent: KPI trends beside their team's, QA by rubric item, sentiment, recent interactions and
// coaching history. Figures from the KPI engine; QA and coaching only once their tables exist.
import type { Db } from '../db/index.ts';
import { computeKpiSets, getSettings, findTarget, listTargets } from '../kpi/index.ts';
import type { KpiRow } from '../kpi/index.ts';
import { drillHref } from '../../components/links.ts';
import { cached } from './cache.ts';
import { existingTables } from './context.ts';
import { bucketRange, filterQuery, type DashboardFilter } from './filters.ts';
import { displayUnit, scaled } from './format.ts';
import { listInteractions } from './interactions.ts';
import { METRIC_BY_KPI, METRICS, cell } from './metrics.ts';
import { bucketFor } from './overview.ts';
import { relatedFor } from './related.ts';
import { filterParams, sentimentMix } from './sentiment.ts';
import type { TrendSeries } from './overview.ts';

const AGENT_TEAM = `-- the agent's usual team in the period, and whether they have any interaction at all
SELECT mode(team) FILTER (WHERE started_at >= $from::TIMESTAMP AND started_at < $to::TIMESTAMP) AS team,
	count(*)::INTEGER AS ever
FROM interactions WHERE agent_id = $agent`;

const QA_ITEMS = `-- the agent's mean answer per rubric item over evaluations of the period's interactions
SELECT a.item_key, any_value(r.label) AS label, avg(a.value) AS mean, count(a.value)::INTEGER AS n
FROM qa_evaluations e
JOIN interactions i ON i.interaction_id = e.interaction_id
JOIN qa_answers a ON a.evaluation_id = e.evaluation_id
LEFT JOIN qa_rubric_items r ON r.version_id = e.version_id AND r.item_key = a.item_key
WHERE e.agent_id = $agent AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
	AND NOT e.second_opinion
GROUP BY a.item_key ORDER BY min(r.position), a.item_key`;

/** The agent's trends: the scorecard's KPIs (registry flag). */
const TREND_KPIS = METRICS.filter((m) => m.scorecard).map((m) => m.kpi);

/** Null when the agent has no interaction at all (404). */
export async function loadAgent(db: Db, f: DashboardFilter, agentId: string) {
	const bounds = { ...filterParams({ ...f, agent: undefined }), agent: agentId };
	const head = await db.one<{ team: string | null; ever: number }>(AGENT_TEAM, {
		from: bounds.from,
		to: bounds.to,
		agent: agentId
	});
	if (!head || head.ever === 0) return null;
	const team = head.team;
	const bucket = bucketFor(f);
	const agentFilter = {
		from: f.from,
		to: f.to,
		channel: f.channel,
		reason: f.reason,
		agent: agentId
	};
	const teamFilter = { from: f.from, to: f.to, channel: f.channel, reason: f.reason, team };
	const [settings, targets, tables] = await Promise.all([
		getSettings(db),
		listTargets(db),
		existingTables(db)
	]);
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
		tables.has('qa_answers') && tables.has('qa_evaluations')
			? db.all<{ item_key: string; label: string | null; mean: number | null; n: number }>(
					QA_ITEMS,
					{
						agent: agentId,
						from: bounds.from,
						to: bounds.to
					}
				)
			: Promise.resolve(null),
		sentimentMix(db, tables, agentF, bucket),
		listInteractions(db, { filter: agentF, drill: {}, settings, page: 1 }),
		relatedFor(db, tables, { agentId })
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
		coaching: related.coaching,
		hasCoaching: tables.has('coaching_tasks')
	};
}
