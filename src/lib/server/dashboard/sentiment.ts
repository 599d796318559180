// Sentiment on the dashboards, read from issue 5's per-interaction view `interaction_sentiment`
// (interaction_id, overall, end_score, end_label, swing, …). Every function returns null until that view
// exists, so pages show "not scored yet" rather than failing.
import type { Db } from '../db/index.ts';
import { drillHref } from '../../components/links.ts';
import { bucketRange, filterQuery, type Bucket, type DashboardFilter } from './filters.ts';
import { sqlTs } from './interactions.ts';

export const SENTIMENT_VIEW = 'interaction_sentiment';
type Label = 'negative' | 'neutral' | 'positive';

export interface SentimentMixPoint {
	date: string;
	label: Label;
	count: number;
	href: string;
}

// Bucket expressions are a whitelist keyed by bucket, never input.
const BUCKET_SQL: Record<Bucket, string> = {
	day: `strftime(i.started_at, '%Y-%m-%d')`,
	week: `strftime(date_trunc('week', i.started_at), '%Y-%m-%d')`,
	month: `strftime(date_trunc('month', i.started_at), '%Y-%m-%d')`
};

const mixSql = (
	bucket: Bucket
) => `-- end-of-call patient sentiment of the period's interactions per ${bucket}
SELECT ${BUCKET_SQL[bucket]} AS date, s.end_label AS label, count(*)::INTEGER AS count
FROM interactions i JOIN ${SENTIMENT_VIEW} s ON s.interaction_id = i.interaction_id
WHERE i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
	AND ($team IS NULL OR i.team = $team) AND ($channel IS NULL OR i.channel = $channel)
	AND ($reason IS NULL OR i.reason = $reason) AND ($agent IS NULL OR i.agent_id = $agent)
	AND s.end_label IN ('negative', 'neutral', 'positive')
GROUP BY ALL ORDER BY date, label`;

export function filterParams(f: DashboardFilter) {
	return {
		from: sqlTs(f.from),
		to: sqlTs(f.to),
		team: f.team ?? null,
		channel: f.channel ?? null,
		reason: f.reason ?? null,
		agent: f.agent ?? null
	};
}

export async function sentimentMix(
	db: Db,
	tables: Set<string>,
	f: DashboardFilter,
	bucket: Bucket
): Promise<SentimentMixPoint[] | null> {
	if (!tables.has(SENTIMENT_VIEW)) return null;
	const rows = await db.all<{ date: string; label: Label; count: number }>(
		mixSql(bucket),
		filterParams(f)
	);
	const base = filterQuery(f, true);
	return rows.map((r) => ({
		...r,
		href: drillHref({ ...base, ...bucketRange(r.date, bucket, f) }, { sentiment: r.label })
	}));
}
