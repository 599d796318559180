// Sentiment on the dashboards: the sentiment module's end-of-call mix per local bucket, with a
// link to the interactions behind each bar.
import type { Db } from '../db/index.ts';
import { drillHref } from '../../components/links.ts';
import { sentimentMix as readMix, type SentimentLabel } from '../sentiment/reads.ts';
import { bucketRange, filterQuery, type Bucket, type DashboardFilter } from './filters.ts';

export interface SentimentMixPoint {
	date: string;
	label: SentimentLabel;
	count: number;
	href: string;
}

export async function sentimentMix(
	db: Db,
	f: DashboardFilter,
	bucket: Bucket
): Promise<SentimentMixPoint[]> {
	const rows = await readMix(db, f, bucket, f.tz);
	const base = filterQuery(f, true);
	return rows.map((r) => ({
		...r,
		href: drillHref({ ...base, ...bucketRange(r.date, bucket, f) }, { sentiment: r.label })
	}));
}
