// What is on file: rows and date range per contract kind, so people can see what the figures
// stand on (and that an import landed) without opening the database.
import type { Db } from './db/index.ts';

export interface KindSummary {
	kind: 'interactions' | 'surveys' | 'transcripts' | 'fills';
	rows: number;
	first: string | null;
	last: string | null;
}

const SUMMARY_SQL = `-- rows and first/last date per kind (transcripts: distinct calls and their turns)
SELECT 'interactions' AS kind, count(*)::INTEGER AS rows,
	strftime(min(started_at), '%Y-%m-%d') AS first, strftime(max(started_at), '%Y-%m-%d') AS last
FROM interactions
UNION ALL
SELECT 'surveys', count(*)::INTEGER, strftime(min(submitted_at), '%Y-%m-%d'), strftime(max(submitted_at), '%Y-%m-%d')
FROM surveys
UNION ALL
SELECT 'transcripts', count(*)::INTEGER, NULL, NULL FROM transcripts
UNION ALL
SELECT 'fills', count(*)::INTEGER, strftime(min(fill_date), '%Y-%m-%d'), strftime(max(fill_date), '%Y-%m-%d')
FROM fills`;

export async function summarizeData(db: Db): Promise<KindSummary[]> {
	const rows = await db.all<KindSummary>(SUMMARY_SQL);
	const order = ['interactions', 'surveys', 'transcripts', 'fills'];
	return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
