// The weekly review queue. A QA week is a local calendar week of the site time zone (Monday to
// Sunday; a week with a DST change lasts 167 or 169 hours). For the queue week starting Monday W,
// the sample comes from the handled interactions of the week before (local [W − 7 d, W)):
// - targeted picks first (up to `targetedPerAgent` per agent): a linked survey with a bad CSAT,
//   negative end-of-call sentiment, handle time above `ahtFarFactor` × the channel's AHT target,
//   a complaint (both as semantic/decisions.ts names them), or a failed AutoQA rule marked for
//   sampling; more flags first;
// - then `samplePerAgent` random picks per agent, stratified by local day: each day's interactions are
//   shuffled and taken round-robin across days, so a sample is not five calls from Monday;
// - never an interaction that was queued in any week or already evaluated;
// - every item is due at the end of W (its Sunday), or, when the sample is built after that, at
//   the end of the local week it arrives in: nothing is overdue on arrival.
// "Random" is md5(seed ‖ id) order, so the same seed and data always give the same queue.
// Running it again for a week only adds agents that have no items in that week yet.
import type { Db } from '../db/index.ts';
import { AGENT_LEADS_CTE } from './leads.ts';
import { getSettings } from '../settings/index.ts';
import {
	addDays,
	localDate,
	localDayStart,
	localTsSql,
	now as clockNow,
	tsParam,
	weekStart
} from '../time/index.ts';
import { badCsatSql, complaintSql, handledSql } from '../semantic/decisions.ts';
import { ahtTargetsJson, negativeEndSql } from './sources.ts';
import { sampledFailureSql } from './autoqa/queries.ts';

export interface QueueBuild {
	weekStart: string;
	picked: number;
	random: number;
	targeted: number;
}

const LAST_INTERACTION = `-- when the latest interaction started
	SELECT max(started_at) AS t FROM interactions`;

function buildSql(): string {
	return `-- sample the week's review queue (targeted picks, then stratified random picks)
	INSERT INTO qa_review_queue (week_start, interaction_id, agent_id, owner_id, reasons, due_date, seed)
	WITH ${AGENT_LEADS_CTE},
	content AS (SELECT DISTINCT interaction_id FROM transcripts),
	pool AS (
		SELECT i.interaction_id, i.agent_id, ${localTsSql('i.started_at')}::DATE AS day,
			md5($seed || ':' || i.interaction_id) AS h,
			list_filter([
				CASE WHEN EXISTS (SELECT 1 FROM surveys s WHERE s.interaction_id = i.interaction_id
					AND ${badCsatSql('s.csat')}) THEN 'csat' END,
				CASE WHEN ${negativeEndSql('i')} THEN 'sentiment' END,
				CASE WHEN i.direction = 'inbound' AND coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0)
					+ coalesce(i.wrap_seconds, 0) > $factor * coalesce(json_extract_string($aht, '$.' || i.channel),
					json_extract_string($aht, '$.default'))::DOUBLE THEN 'aht' END,
				CASE WHEN ${complaintSql('i.reason')} THEN 'complaint' END,
				CASE WHEN ${sampledFailureSql('i')} THEN 'autoqa' END
			], x -> x IS NOT NULL) AS reasons
		FROM interactions i SEMI JOIN content c ON c.interaction_id = i.interaction_id
		WHERE ${handledSql('i')}
			AND i.started_at >= $from AND i.started_at < $to
			AND i.agent_id NOT IN (SELECT agent_id FROM qa_review_queue WHERE week_start = $week::DATE)
			AND i.interaction_id NOT IN (SELECT interaction_id FROM qa_review_queue)
			AND i.interaction_id NOT IN (SELECT interaction_id FROM qa_evaluations)
	),
	targeted AS (
		SELECT * FROM (
			SELECT interaction_id, agent_id, reasons,
				row_number() OVER (PARTITION BY agent_id ORDER BY len(reasons) DESC, h) AS rn
			FROM pool WHERE len(reasons) > 0
		) WHERE rn <= $targeted
	),
	random_pool AS (
		SELECT *, row_number() OVER (PARTITION BY agent_id, day ORDER BY h) AS day_rank,
			md5($seed || ':' || agent_id || ':' || day::VARCHAR) AS day_h
		FROM pool WHERE interaction_id NOT IN (SELECT interaction_id FROM targeted)
	),
	randoms AS (
		SELECT interaction_id, agent_id, ['random'] AS reasons, rn FROM (
			SELECT *, row_number() OVER (PARTITION BY agent_id ORDER BY day_rank, day_h) AS rn FROM random_pool
		) WHERE rn <= $n
	),
	picked AS (
		SELECT interaction_id, agent_id, reasons, rn, 0 AS kind FROM randoms
		UNION ALL
		SELECT interaction_id, agent_id, reasons, rn, 1 AS kind FROM targeted
	),
	ordered AS (
		SELECT p.*, al.owner_id FROM picked p LEFT JOIN agent_leads al USING (agent_id)
	)
	SELECT $week::DATE, interaction_id, agent_id, owner_id, reasons, $due::DATE, $seed
	FROM ordered`;
}

const COUNT_WEEK = `-- what a week's queue holds, by kind of pick
	SELECT count(*)::INTEGER AS picked,
		count(*) FILTER (WHERE reasons = ['random'])::INTEGER AS random
	FROM qa_review_queue WHERE week_start = $week::DATE`;

/**
 * Monday of this local week, or the Monday after the last week with data if the data is older
 * (so a demo or an old import still gets a queue for the week after it).
 */
export async function defaultWeekStart(db: Db, now: Date = clockNow()): Promise<string> {
	const [settings, last] = await Promise.all([
		getSettings(db),
		db.one<{ t: Date | null }>(LAST_INTERACTION)
	]);
	const tz = settings.siteTimeZone;
	const thisWeek = weekStart(localDate(now, tz));
	if (!last?.t) return thisWeek;
	const afterData = addDays(weekStart(localDate(last.t, tz)), 7);
	return afterData < thisWeek ? afterData : thisWeek;
}

/** Samples the QA week holding the calendar date `week` (its Monday), or the default week. */
export async function buildReviewQueue(
	db: Db,
	opts: { week?: string; seed?: string; now?: Date } = {}
): Promise<QueueBuild> {
	const week = opts.week ? weekStart(opts.week) : await defaultWeekStart(db, opts.now);
	const settings = await getSettings(db);
	const tz = settings.siteTimeZone;
	const to = localDayStart(week, tz);
	const from = localDayStart(addDays(week, -7), tz);
	const count = async () =>
		(await db.one<{ picked: number; random: number }>(COUNT_WEEK, { week })) ?? {
			picked: 0,
			random: 0
		};
	// Due when the QA week ends, or when the week it arrives in ends if that is later.
	const arrivalWeekEnd = addDays(weekStart(localDate(opts.now ?? clockNow(), tz)), 6);
	const weekEnd = addDays(week, 6);
	const due = arrivalWeekEnd > weekEnd ? arrivalWeekEnd : weekEnd;
	const before = await count();
	await db.run(buildSql(), {
		week,
		due,
		seed: opts.seed ?? week,
		from: tsParam(from),
		to: tsParam(to),
		tz,
		n: Math.round(settings.samplePerAgent),
		targeted: Math.round(settings.targetedPerAgent),
		factor: settings.ahtFarFactor,
		badCsatMax: settings.csatMax,
		aht: await ahtTargetsJson(db)
	});
	const after = await count();
	const picked = after.picked - before.picked;
	const random = after.random - before.random;
	return { weekStart: week, picked, random, targeted: picked - random };
}
