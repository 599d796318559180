// Figures maintained at import, exactly. The interaction fact stream (streams.ts) carries two
// columns that cost a scan of other rows per request: `surveyed` and `has_repeat` (FCR's repeat
// look-up, a sort of every inbound contact). fact_interactions stores the stream with both, and
// refreshDerived keeps it equal to what streams.ts would compute:
//
//   - rows imported (or replaced) since the watermark are rewritten from `interactions`;
//   - has_repeat is recomputed for every contact of each (patient, reason) such a row had or has —
//     a contact imported today can make last week's resolved call a repeat;
//   - surveyed is corrected wherever it differs from the survey links (a survey may arrive late,
//     or a replaced one move its link);
//   - a changed repeat window rebuilds has_repeat for every row.
//
// Fills: fact_fills gives each fill its place in its patient's chain of the same drug (ordered by
// fill_date then fill_id): the supply of every earlier fill and the next fill's date. A changed
// fill rewrites the chains of the (patient, drug) it had and has. adherence-sql.ts turns these into
// PDC and refill timeliness without sorting the period's fills.
//
// Reminders: fact_reminders gives each outbound refill reminder the first fill of its patient on
// or after the days around its start (0031_reminders.ts), for the funnel's "refilled" stage. A
// changed reminder, or a changed fill of its patient, rewrites it.
//
// The engine reads the stored facts only when derivedReady says they reflect every import and the
// current window; otherwise it derives everything from raw rows as before. Either way the figures
// are the contract's (tests compare both paths with the independent reference).
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { now, tsParam } from '../time/index.ts';
import { getSettings, onSettingsChanged, type KpiSettings } from './settings.ts';

const STATE = `-- what the stored facts reflect
SELECT watermark, window_hours FROM derived_state`;

// Every row carries its import's id, and ids only grow: rows past the watermark are the changes.
const LATEST_IMPORT = `-- the newest import any contact, survey or fill row came from
SELECT greatest(
	(SELECT max(import_id) FROM interactions),
	(SELECT max(import_id) FROM surveys),
	(SELECT max(import_id) FROM fills),
	(SELECT max(import_id) FROM import_log)
)::INTEGER AS latest`;

const FACT_COLUMNS = `i.interaction_id, i.started_at, i.channel, i.direction, i.patient_id, i.agent_id,
	i.team, i.reason, i.queue_seconds, i.talk_seconds, i.hold_seconds, i.wrap_seconds, i.disposition,
	i.campaign, i.outcome,
	i.direction = 'inbound' AS inbound,
	i.direction = 'inbound' AND i.disposition <> 'abandoned' AS handled_inbound,
	i.direction = 'inbound' AND i.disposition = 'abandoned' AS abandoned,
	coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0) + coalesce(i.wrap_seconds, 0) AS handle_seconds`;

const CHANGED = `-- interactions imported or replaced since the watermark
CREATE OR REPLACE TEMP TABLE derived_changed AS
SELECT interaction_id FROM interactions WHERE import_id > $watermark`;

const AFFECTED_KEYS = `-- every (patient, reason) a changed contact had before or has now
CREATE OR REPLACE TEMP TABLE derived_keys AS
SELECT DISTINCT patient_id, reason FROM (
	SELECT patient_id, reason FROM fact_interactions SEMI JOIN derived_changed USING (interaction_id)
	UNION ALL
	SELECT patient_id, reason FROM interactions SEMI JOIN derived_changed USING (interaction_id)
) WHERE patient_id IS NOT NULL`;

const DROP_CHANGED = `-- the changed contacts' old facts go
DELETE FROM fact_interactions WHERE interaction_id IN (SELECT interaction_id FROM derived_changed)`;

const INSERT_CHANGED = `-- and their new facts come in; both flags are set by the statements that follow
INSERT INTO fact_interactions
SELECT ${FACT_COLUMNS}, false, false
FROM interactions i SEMI JOIN derived_changed USING (interaction_id)`;

const INSERT_ALL = `-- every contact's facts, flags set by the statements that follow
INSERT INTO fact_interactions SELECT ${FACT_COLUMNS}, false, false FROM interactions i`;

/**
 * has_repeat of the contacts in `scope`: a resolved handled inbound contact of a known patient is
 * repeated when the next strictly later inbound contact of the same patient and reason (any
 * disposition, any period) starts within the window. Only rows whose flag changes are written.
 */
function repeatSql(scope: 'keys' | 'all'): string {
	const rows =
		scope === 'keys'
			? 'fact_interactions f SEMI JOIN derived_keys k ON k.patient_id = f.patient_id AND k.reason = f.reason'
			: 'fact_interactions f';
	return `-- FCR's repeat flag for ${scope === 'keys' ? "the affected patients' contacts" : 'every contact'}
UPDATE fact_interactions t SET has_repeat = r.rep
FROM (
	SELECT interaction_id,
		handled_inbound AND disposition = 'resolved'
			AND next_at IS NOT NULL AND next_at <= started_at + to_microseconds($window_us) AS rep
	FROM (
		SELECT f.interaction_id, f.handled_inbound, f.disposition, f.started_at,
			min(f.started_at) OVER (PARTITION BY f.patient_id, f.reason ORDER BY f.started_at
				RANGE BETWEEN INTERVAL 1 MICROSECOND FOLLOWING AND UNBOUNDED FOLLOWING) AS next_at
		FROM ${rows}
		WHERE f.direction = 'inbound' AND f.patient_id IS NOT NULL
	)
) r
WHERE t.interaction_id = r.interaction_id AND t.has_repeat <> r.rep`;
}

const SURVEYED = `-- surveyed = at least one survey links here (whenever submitted); rewrite where it differs
UPDATE fact_interactions t SET surveyed = NOT t.surveyed
FROM (
	SELECT f.interaction_id FROM fact_interactions f
	LEFT JOIN (SELECT DISTINCT interaction_id FROM surveys WHERE interaction_id IS NOT NULL) s
		ON s.interaction_id = f.interaction_id
	WHERE f.surveyed <> (s.interaction_id IS NOT NULL)
) d
WHERE t.interaction_id = d.interaction_id`;

const FILL_KEYS = `-- every (patient, drug) a fill imported or replaced since the watermark had or has
CREATE OR REPLACE TEMP TABLE derived_fill_keys AS
SELECT DISTINCT patient_id, drug_name FROM (
	SELECT patient_id, drug_name FROM fact_fills
	WHERE fill_id IN (SELECT fill_id FROM fills WHERE import_id > $watermark)
	UNION ALL
	SELECT patient_id, drug_name FROM fills WHERE import_id > $watermark
)`;

/** The chains of `scope`'s (patient, drug) pairs, rebuilt from `fills`. */
function fillChainsSql(scope: 'keys' | 'all'): string[] {
	const from =
		scope === 'keys'
			? 'fills f SEMI JOIN derived_fill_keys k ON k.patient_id = f.patient_id AND k.drug_name = f.drug_name'
			: 'fills f';
	return [
		scope === 'keys'
			? `-- the affected chains' old facts go
DELETE FROM fact_fills t USING derived_fill_keys k
WHERE t.patient_id = k.patient_id AND t.drug_name = k.drug_name`
			: 'DELETE FROM fact_fills',
		`-- each fill's place in its chain: earlier supply and the next fill's date
INSERT INTO fact_fills
SELECT f.fill_id, f.patient_id, f.drug_name, f.drug_class, f.fill_date, f.days_supply,
	coalesce(sum(f.days_supply) OVER (chain ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
	lead(f.fill_date) OVER chain
FROM ${from}
WINDOW chain AS (PARTITION BY f.patient_id, f.drug_name ORDER BY f.fill_date, f.fill_id)`
	];
}

// The reminder's UTC date; its first fill on or after the day before, the day and the day after.
const REMINDER_FACTS = (
	scope: string
) => `-- refill reminders with their patient's next fills around the day
INSERT INTO fact_reminders
SELECT r.interaction_id, r.started_at, r.patient_id, r.outcome,
	min(f.fill_date) FILTER (WHERE f.fill_date >= r.day - 1),
	min(f.fill_date) FILTER (WHERE f.fill_date >= r.day),
	min(f.fill_date) FILTER (WHERE f.fill_date >= r.day + 1)
FROM (
	SELECT interaction_id, started_at, patient_id, outcome, CAST(started_at AS DATE) AS day
	FROM interactions i
	WHERE direction = 'outbound' AND campaign = 'refill_reminder' AND (${scope})
) r
LEFT JOIN fills f ON f.patient_id = r.patient_id AND f.fill_date >= r.day - 1
GROUP BY ALL`;

// The changed reminders, and every reminder of a patient whose fills changed (derived_fill_keys
// holds the (patient, drug) each changed fill had and has).
const REMINDER_SCOPE = `interaction_id IN (SELECT interaction_id FROM derived_changed)
	OR patient_id IN (SELECT patient_id FROM derived_fill_keys)`;

const REMINDERS_CHANGED = [
	`-- those reminders' old facts go
DELETE FROM fact_reminders WHERE ${REMINDER_SCOPE}`,
	REMINDER_FACTS(REMINDER_SCOPE)
];

const FILLS_CHANGED = `-- did any fill arrive or change since the watermark?
SELECT count(*)::INTEGER AS n FROM (SELECT 1 FROM fills WHERE import_id > $watermark LIMIT 1)`;

const SURVEYS_CHANGED = `-- did any survey arrive or change since the watermark?
SELECT count(*)::INTEGER AS n FROM (SELECT 1 FROM surveys WHERE import_id > $watermark LIMIT 1)`;

const SAVE_STATE = `-- the stored facts now reflect this import and window
UPDATE derived_state SET watermark = $watermark, window_hours = $window, refreshed_at = $at`;

export interface DerivedRefresh {
	/** Contacts rewritten (every one on a rebuild). */
	rewritten: number;
	rebuilt: boolean;
	watermark: number;
}

async function state(conn: DuckDBConnection) {
	const [s] = await all<{ watermark: number; window_hours: number }>(conn, STATE);
	const [l] = await all<{ latest: number | null }>(conn, LATEST_IMPORT);
	return { watermark: s.watermark, windowHours: s.window_hours, latest: l.latest ?? 0 };
}

/**
 * Brings the stored facts up to date with every import and the repeat-window setting: only what
 * changed since the last refresh (a rebuild when the window changed). One transaction.
 */
export async function refreshDerived(db: Db, settings: KpiSettings): Promise<DerivedRefresh> {
	const windowHours = settings.fcrRepeatWindowHours;
	const window = { window_us: Math.round(windowHours * 3_600_000_000) };
	return db.transaction(async (conn) => {
		const s = await state(conn);
		const rebuild = s.windowHours !== windowHours;
		if (!rebuild && s.latest <= s.watermark) {
			return { rewritten: 0, rebuilt: false, watermark: s.watermark };
		}
		let rewritten: number;
		if (rebuild) {
			await conn.run('DELETE FROM fact_interactions');
			await conn.run(INSERT_ALL);
			await conn.run(repeatSql('all'), window);
			await conn.run(SURVEYED);
			for (const sql of fillChainsSql('all')) await conn.run(sql);
			await conn.run('DELETE FROM fact_reminders');
			await conn.run(REMINDER_FACTS('true'));
			[{ n: rewritten }] = await all<{ n: number }>(
				conn,
				'SELECT count(*)::INTEGER AS n FROM fact_interactions'
			);
		} else {
			await conn.run(CHANGED, { watermark: s.watermark });
			[{ n: rewritten }] = await all<{ n: number }>(
				conn,
				'SELECT count(*)::INTEGER AS n FROM derived_changed'
			);
			const [surveys] = await all<{ n: number }>(conn, SURVEYS_CHANGED, {
				watermark: s.watermark
			});
			if (rewritten > 0) {
				await conn.run(AFFECTED_KEYS);
				await conn.run(DROP_CHANGED);
				await conn.run(INSERT_CHANGED);
				await conn.run(repeatSql('keys'), window);
			}
			if (rewritten > 0 || surveys.n > 0) await conn.run(SURVEYED);
			const [fills] = await all<{ n: number }>(conn, FILLS_CHANGED, { watermark: s.watermark });
			if (rewritten > 0 || fills.n > 0) {
				// Before the chains are rewritten: a replaced fill's old patient is read from them.
				await conn.run(FILL_KEYS, { watermark: s.watermark });
				for (const sql of REMINDERS_CHANGED) await conn.run(sql);
			}
			if (fills.n > 0) for (const sql of fillChainsSql('keys')) await conn.run(sql);
		}
		await conn.run(SAVE_STATE, { watermark: s.latest, window: windowHours, at: tsParam(now()) });
		return { rewritten, rebuilt: rebuild, watermark: s.latest };
	});
}

const READY = `-- do the stored facts reflect every import and the current repeat window?
SELECT d.window_hours = $window AND d.watermark >= coalesce(greatest(
	(SELECT max(import_id) FROM interactions), (SELECT max(import_id) FROM surveys),
	(SELECT max(import_id) FROM fills)), 0) AS ready
FROM derived_state d`;

/** Whether the engine may read fact_interactions instead of deriving the stream from raw rows. */
export async function derivedReady(db: Db, settings: KpiSettings): Promise<boolean> {
	const row = await db.one<{ ready: boolean }>(READY, { window: settings.fcrRepeatWindowHours });
	return row?.ready === true;
}

// A new repeat window changes every contact's flag: rebuild right after the change is saved (the
// engine reads raw rows meanwhile, so no figure is ever stale).
onSettingsChanged(async (db, changed) => {
	if (changed.includes('fcrRepeatWindowHours')) await refreshDerived(db, await getSettings(db));
});
