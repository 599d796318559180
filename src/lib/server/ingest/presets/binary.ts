// Binary satisfaction (Zendesk's good/bad): kept as its own figure, never as a 1–5 CSAT. The
// contract's CSAT ignores it; `binarySatisfaction` gives good ÷ (good + bad) for a period.
// Keyed like the survey row ("zd-" + rating id); a re-import writes the same facts again.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../../db/index.ts';
import type { SourceTable } from './source.ts';
import { appendTemp } from './stage.ts';
import { parseWall, toUtcText } from './time.ts';

const STAGE_SQL = `-- this file's good/bad ratings
CREATE OR REPLACE TEMP TABLE ing_binary (survey_id VARCHAR, interaction_id VARCHAR, good BOOLEAN, rated_at VARCHAR)`;

const MERGE_SQL = [
	`-- the file's ratings replace earlier facts for the same rating
DELETE FROM binary_satisfaction WHERE survey_id IN (SELECT survey_id FROM ing_binary)`,
	`INSERT INTO binary_satisfaction (survey_id, interaction_id, good, rated_at, import_id)
SELECT survey_id, interaction_id, good, rated_at::TIMESTAMP, $importId FROM ing_binary`
];

export async function storeBinarySatisfaction(
	conn: DuckDBConnection,
	table: SourceTable,
	importId: number
): Promise<void> {
	const rows: (string | boolean | null)[][] = [];
	for (const r of table.records) {
		const get = (k: string) => r.values.get(k) ?? null;
		const score = get('score')
			?.toLowerCase()
			.replace(/_with_comment$/, '');
		const wall = parseWall(get('created_at') ?? '');
		if ((score !== 'good' && score !== 'bad') || !get('id') || !wall) continue;
		const ticket = get('ticket_id');
		rows.push([
			`zd-${get('id')}`,
			ticket ? `zd-${ticket}` : null,
			score === 'good',
			toUtcText(wall, 'UTC')
		]);
	}
	await conn.run(STAGE_SQL);
	await appendTemp(conn, 'ing_binary', rows);
	for (const sql of MERGE_SQL)
		await conn.run(sql, sql.includes('$importId') ? { importId } : undefined);
}

const FIGURE_SQL = `-- good ÷ (good + bad) over ratings given in [from, to)
SELECT count(*)::INTEGER AS ratings, count(*) FILTER (WHERE good)::INTEGER AS good
FROM binary_satisfaction WHERE rated_at >= $from::TIMESTAMP AND rated_at < $to::TIMESTAMP`;

export interface BinaryFigure {
	ratings: number;
	good: number;
	/** 0–100; null without ratings. */
	rate: number | null;
}

export async function binarySatisfaction(db: Db, from: string, to: string): Promise<BinaryFigure> {
	const row = await db.one<{ ratings: number; good: number }>(FIGURE_SQL, { from, to });
	const ratings = row?.ratings ?? 0;
	const good = row?.good ?? 0;
	return { ratings, good, rate: ratings ? (100 * good) / ratings : null };
}
