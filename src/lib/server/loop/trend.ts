// The loop's figures over time: per local day or week of the site (by when the task was opened,
// like the period figures), complaint follow-ups split by where they stand now — closed on time,
// closed late, open and past due, open and not yet due — and SLA compliance as in figures.ts:
// on time / (closed + open past due), null when nothing counts yet.
import type { Db } from '../db/index.ts';
import { getSettings } from '../settings/index.ts';
import { localTsSql, now as clockNow, tsParam } from '../time/index.ts';

export interface TrendRow {
	/** First local day of the bucket, YYYY-MM-DD. */
	bucket: string;
	opened: number;
	onTime: number;
	late: number;
	overdue: number;
	pending: number;
	sla: number | null;
}

const TREND = (
	unit: 'day' | 'week'
) => `-- complaint follow-ups opened per local ${unit}, by where they stand now
	SELECT strftime(date_trunc('${unit}', ${localTsSql('opened_at')}), '%Y-%m-%d') AS bucket,
		count(*)::INTEGER AS opened,
		count(*) FILTER (WHERE status = 'closed' AND closed_at <= due_at)::INTEGER AS on_time,
		count(*) FILTER (WHERE status = 'closed' AND closed_at > due_at)::INTEGER AS late,
		count(*) FILTER (WHERE status <> 'closed' AND due_at < $now::TIMESTAMP)::INTEGER AS overdue,
		count(*) FILTER (WHERE status <> 'closed' AND due_at >= $now::TIMESTAMP)::INTEGER AS pending
	FROM follow_ups
	WHERE kind = 'complaint' AND opened_at >= $from::TIMESTAMP AND opened_at < $to::TIMESTAMP
	GROUP BY bucket ORDER BY bucket`;

/** Days for periods up to five weeks, weeks beyond. */
export function trendUnit(days: number): 'day' | 'week' {
	return days <= 35 ? 'day' : 'week';
}

export async function followUpTrend(
	db: Db,
	q: { from: Date; to: Date; now?: Date; unit: 'day' | 'week' }
): Promise<TrendRow[]> {
	const tz = (await getSettings(db)).siteTimeZone;
	const rows = await db.all<{
		bucket: string;
		opened: number;
		on_time: number;
		late: number;
		overdue: number;
		pending: number;
	}>(TREND(q.unit), {
		from: tsParam(q.from),
		to: tsParam(q.to),
		now: tsParam(q.now ?? clockNow()),
		tz
	});
	return rows.map((r) => {
		const counted = r.on_time + r.late + r.overdue;
		return {
			bucket: r.bucket,
			opened: r.opened,
			onTime: r.on_time,
			late: r.late,
			overdue: r.overdue,
			pending: r.pending,
			sla: counted > 0 ? (100 * r.on_time) / counted : null
		};
	});
}
