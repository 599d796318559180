// Small shared questions every analytic page asks: up to which day is there data, and which teams,
// channels and reasons exist (filter choices).
import type { Db } from '../db/index.ts';
import { toIso } from './filters.ts';

const LAST_DAY = `-- the last UTC day with an interaction or survey: presets count back from it
SELECT strftime(greatest(
	coalesce((SELECT max(started_at) FROM interactions), TIMESTAMP '1970-01-01'),
	coalesce((SELECT max(submitted_at) FROM surveys), TIMESTAMP '1970-01-01')), '%Y-%m-%d') AS day`;

const FILTER_CHOICES = `-- distinct teams, channels and reasons for the filter bar
SELECT 'team' AS kind, team AS value FROM (SELECT DISTINCT team FROM interactions WHERE team IS NOT NULL)
UNION ALL SELECT 'channel', channel FROM (SELECT DISTINCT channel FROM interactions)
UNION ALL SELECT 'reason', reason FROM (SELECT DISTINCT reason FROM interactions)
ORDER BY kind, value`;

/** The last day with data, or today when the database is empty. */
export async function lastDataDay(db: Db, today: Date = new Date()): Promise<string> {
	const row = await db.one<{ day: string }>(LAST_DAY);
	const day = row?.day;
	return day && day !== '1970-01-01' ? day : toIso(today);
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
