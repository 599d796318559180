// Small shared questions every analytic page asks: up to which day is there data, and which teams,
// channels and reasons exist (filter choices).
import type { Db } from '../db/index.ts';
import { localDate, now } from '../time/index.ts';

const LAST_INSTANT = `-- the latest interaction or survey: presets count back from its local day
SELECT greatest((SELECT max(started_at) FROM interactions), (SELECT max(submitted_at) FROM surveys)) AS at`;

const FILTER_CHOICES = `-- distinct teams, channels and reasons for the filter bar
SELECT 'team' AS kind, team AS value FROM (SELECT DISTINCT team FROM interactions WHERE team IS NOT NULL)
UNION ALL SELECT 'channel', channel FROM (SELECT DISTINCT channel FROM interactions)
UNION ALL SELECT 'reason', reason FROM (SELECT DISTINCT reason FROM interactions)
ORDER BY kind, value`;

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
