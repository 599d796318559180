// The weekly review queue. For the queue week starting Monday W, the sample comes from the
// handled interactions of the week before ([W − 7 d, W)):
// - targeted picks first (up to `targetedPerAgent` per agent): a linked survey with CSAT ≤ 2,
//   negative end-of-call sentiment, handle time above `ahtFarFactor` × the channel's AHT target,
//   a complaint, or a failed AutoQA rule marked for sampling; interactions with more flags first;
// - then `samplePerAgent` random picks per agent, stratified by day: each day's interactions are
//   shuffled and taken round-robin across days, so a sample is not five calls from Monday;
// - never an interaction that was queued in any week or already evaluated;
// - due dates spread evenly over Monday–Friday of W, round-robin in each QA lead's list.
// "Random" is md5(seed ‖ id) order, so the same seed and data always give the same queue.
// Running it again for a week only adds agents that have no items in that week yet.
import type { Db } from '../db/index.ts';
import { AGENT_LEADS_CTE } from './leads.ts';
import { isoTs } from './queries.ts';
import { getQaSettings } from './settings.ts';
import { ahtTargetsJson, negativeEndPredicate } from './sources.ts';

export interface QueueBuild {
	weekStart: string;
	picked: number;
	random: number;
	targeted: number;
}

const DEFAULT_WEEK = `-- Monday of this week, or the Monday after the last week with data if the data is older
	SELECT strftime(least(date_trunc('week', $now::TIMESTAMP),
		coalesce(date_trunc('week', max(started_at)) + INTERVAL 7 DAY, date_trunc('week', $now::TIMESTAMP))), '%Y-%m-%d') AS w
	FROM interactions`;

function buildSql(negativeEnd: string): string {
	return `-- sample the week's review queue (targeted picks, then stratified random picks)
	INSERT INTO qa_review_queue (week_start, interaction_id, agent_id, owner_id, reasons, due_date, seed)
	WITH ${AGENT_LEADS_CTE},
	pool AS (
		SELECT i.interaction_id, i.agent_id, i.started_at::DATE AS day,
			md5($seed || ':' || i.interaction_id) AS h,
			list_filter([
				CASE WHEN EXISTS (SELECT 1 FROM surveys s WHERE s.interaction_id = i.interaction_id AND s.csat <= 2) THEN 'csat' END,
				CASE WHEN ${negativeEnd} THEN 'sentiment' END,
				CASE WHEN i.direction = 'inbound' AND coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0)
					+ coalesce(i.wrap_seconds, 0) > $factor * coalesce(json_extract_string($aht, '$.' || i.channel),
					json_extract_string($aht, '$.default'))::DOUBLE THEN 'aht' END,
				CASE WHEN i.reason = 'complaint' THEN 'complaint' END,
				CASE WHEN EXISTS (SELECT 1 FROM autoqa_results r JOIN autoqa_rules q USING (version_id, rule_key)
					WHERE r.interaction_id = i.interaction_id AND r.outcome = 'fail' AND q.sampling) THEN 'autoqa' END
			], x -> x IS NOT NULL) AS reasons
		FROM interactions i
		WHERE i.disposition <> 'abandoned' AND i.agent_id IS NOT NULL
			AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
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
		SELECT p.*, al.owner_id,
			row_number() OVER (PARTITION BY al.owner_id ORDER BY p.kind, p.rn, md5($seed || ':' || p.agent_id)) - 1 AS k
		FROM picked p LEFT JOIN agent_leads al USING (agent_id)
	)
	SELECT $week::DATE, interaction_id, agent_id, owner_id, reasons, $week::DATE + (k % 5)::INTEGER, $seed
	FROM ordered`;
}

const COUNT_WEEK = `-- what a week's queue holds, by kind of pick
	SELECT count(*)::INTEGER AS picked,
		count(*) FILTER (WHERE reasons = ['random'])::INTEGER AS random
	FROM qa_review_queue WHERE week_start = $week::DATE AND created_at >= $since::TIMESTAMP`;

export async function defaultWeekStart(db: Db, now: Date = new Date()): Promise<string> {
	const row = await db.one<{ w: string }>(DEFAULT_WEEK, { now: isoTs(now) });
	return row!.w;
}

/** Monday (UTC) of the week holding a YYYY-MM-DD date or Date. */
export function mondayOf(date: Date): string {
	const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
	d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
	return d.toISOString().slice(0, 10);
}

export async function buildReviewQueue(
	db: Db,
	opts: { weekStart?: Date; seed?: string; now?: Date } = {}
): Promise<QueueBuild> {
	const week = opts.weekStart ? mondayOf(opts.weekStart) : await defaultWeekStart(db, opts.now);
	const settings = await getQaSettings(db);
	const to = new Date(`${week}T00:00:00Z`);
	const from = new Date(to.getTime() - 7 * 86_400_000);
	const since = await db.one<{ t: string }>(
		`SELECT strftime(now()::TIMESTAMP, '%Y-%m-%d %H:%M:%S.%f') AS t`
	);
	await db.run(buildSql(await negativeEndPredicate(db)), {
		week,
		seed: opts.seed ?? week,
		from: isoTs(from),
		to: isoTs(to),
		n: Math.round(settings.samplePerAgent),
		targeted: Math.round(settings.targetedPerAgent),
		factor: settings.ahtFarFactor,
		aht: await ahtTargetsJson(db)
	});
	const counts = await db.one<{ picked: number; random: number }>(COUNT_WEEK, {
		week,
		since: since!.t
	});
	const picked = counts?.picked ?? 0;
	const random = counts?.random ?? 0;
	return { weekStart: week, picked, random, targeted: picked - random };
}
