// Small shared questions every analytic page asks: up to which day is there data, which teams and
// reasons exist (filter choices), and whether another issue's table has landed yet.
import type { Db } from '../db/index.ts';
import { localDate, now } from '../time/index.ts';

const LAST_INSTANT = `-- the latest interaction or survey: presets count back from its local day
SELECT greatest((SELECT max(started_at) FROM interactions), (SELECT max(submitted_at) FROM surveys)) AS at`;

const FILTER_CHOICES = `-- distinct teams, channels and reasons for the filter bar
SELECT 'team' AS kind, team AS value FROM (SELECT DISTINCT team FROM interactions WHERE team IS NOT NULL)
UNION ALL SELECT 'channel', channel FROM (SELECT DISTINCT channel FROM interactions)
UNION ALL SELECT 'reason', reason FROM (SELECT DISTINCT reason FROM interactions)
ORDER BY kind, value`;

const TABLES = `-- which tables exist (slots for modules other issues own)
SELECT table_name AS name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal`;

/** The last local day (site time zone) with data, or today when the database is empty. */
export async function lastDataDay(db: Db, tz = 'UTC'): Promise<string> {
	const row = await db.one<{ at: Date | null }>(LAST_INSTANT);
	return localDate(row?.at ?? now(), tz);
}

export interface FilterChoices {
	teams: string[];
	channels: string[];
	reasons: string[];
}

export async function filterChoices(db: Db): Promise<FilterChoices> {
	const rows = await db.all<{ kind: string; value: string }>(FILTER_CHOICES);
	const pick = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.value);
	return { teams: pick('team'), channels: pick('channel'), reasons: pick('reason') };
}

/** Names of existing tables and views, to query another issue's tables only once they exist. */
export async function existingTables(db: Db): Promise<Set<string>> {
	const rows = await db.all<{ name: string }>(TABLES);
	return new Set(rows.map((r) => r.name));
}
