// Sentiment on the dashboards, read from issue 5's per-interaction view `interaction_sentiment`
// (interaction_id, overall, end_score, end_label, swing, …). Every function returns null until that view
// exists, so pages show "not scored yet" rather than failing.
import type { Db } from '../db/index.ts';
import { drillHref } from '../../components/links.ts';
import { bucketRange, filterQuery, type Bucket, type DashboardFilter } from './filters.ts';
import { localTsSql, tsParam } from '../time/index.ts';

export const SENTIMENT_VIEW = 'interaction_sentiment';
type Label = 'negative' | 'neutral' | 'positive';

export interface SentimentMixPoint {
	date: string;
	label: Label;
	count: number;
	href: string;
}

// Buckets are local calendar days, weeks and months of the site time zone, like the KPI engine's;
// the unit is a whitelisted word, never input.
const bucketSql = (bucket: Bucket, utc: boolean) =>
	`strftime(date_trunc('${bucket}', ${utc ? 'i.started_at' : localTsSql('i.started_at')}), '%Y-%m-%d')`;

const mixSql = (
	bucket: Bucket,
	utc: boolean
) => `-- end-of-call patient sentiment of the period's interactions per local ${bucket}
SELECT ${bucketSql(bucket, utc)} AS date, s.end_label AS label, count(*)::INTEGER AS count
FROM interactions i JOIN ${SENTIMENT_VIEW} s ON s.interaction_id = i.interaction_id
WHERE i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
	AND ($team IS NULL OR i.team = $team) AND ($channel IS NULL OR i.channel = $channel)
	AND ($reason IS NULL OR i.reason = $reason) AND ($agent IS NULL OR i.agent_id = $agent)
	AND s.end_label IN ('negative', 'neutral', 'positive')
GROUP BY ALL ORDER BY date, label`;

export function filterParams(f: DashboardFilter) {
	return {
		from: tsParam(f.from),
		to: tsParam(f.to),
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
	const utc = f.tz === 'UTC';
	const rows = await db.all<{ date: string; label: Label; count: number }>(mixSql(bucket, utc), {
		...filterParams(f),
		...(utc ? {} : { tz: f.tz })
	});
	const base = filterQuery(f, true);
	return rows.map((r) => ({
		...r,
		href: drillHref({ ...base, ...bucketRange(r.date, bucket, f) }, { sentiment: r.label })
	}));
}
