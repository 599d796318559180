// The two fact streams every contact KPI reads (data contract, "Default KPI definitions"), as SQL
// common table expressions shared by the engine (contact-sql.ts) and the drill-down lists
// (dashboard/interactions.ts): a figure and the rows behind it are one predicate over one stream.
//
//   interaction_facts: one row per interaction started in [$from, $to) matching the filters, with
//     inbound / handled_inbound / abandoned, handle_seconds, surveyed (≥ 1 linked survey, submitted
//     whenever) and has_repeat (a resolved handled inbound contact of a known patient followed by
//     another inbound contact of the same patient and reason within $window_hours; only later
//     contacts count, any disposition, any period).
//   survey_facts: one row per survey submitted in [$from, $to), with its linked interaction's
//     agent/team/channel/reason (null, and `linked` false, when unlinked or the link dangles).
//
// Parameters: $from, $to (TIMESTAMP), $team, $channel, $reason, $agent (VARCHAR or null) and
// $window_hours when has_repeat is derived from raw rows. Only whitelisted identifiers are spliced.

/** The filter columns a caller may restrict on, with the interaction column each reads. */
export const FILTER_COLUMNS = {
	team: 'team',
	channel: 'channel',
	reason: 'reason',
	agent: 'agent_id'
} as const;
export type FilterName = keyof typeof FILTER_COLUMNS;

function filterClause(alias: string): string {
	return Object.entries(FILTER_COLUMNS)
		.map(([param, col]) => `(CAST($${param} AS VARCHAR) IS NULL OR ${alias}.${col} = $${param})`)
		.join(' AND ');
}

const INTERACTION_BASE = `interaction_base AS (
	SELECT i.interaction_id, i.started_at AS ts, i.started_at, i.channel, i.direction, i.patient_id,
		i.agent_id, i.team, i.reason, i.queue_seconds, i.talk_seconds, i.hold_seconds, i.wrap_seconds,
		i.disposition, i.campaign, i.outcome,
		i.direction = 'inbound' AS inbound,
		i.direction = 'inbound' AND i.disposition <> 'abandoned' AS handled_inbound,
		i.direction = 'inbound' AND i.disposition = 'abandoned' AS abandoned,
		coalesce(i.talk_seconds, 0) + coalesce(i.hold_seconds, 0) + coalesce(i.wrap_seconds, 0) AS handle_seconds
	FROM interactions i
	WHERE i.started_at >= $from AND i.started_at < $to AND ${filterClause('i')}
)`;

// A repeat is looked up among inbound contacts up to the window past the period's end. NOT EXISTS
// over that slice beat an ASOF join to the next contact on the demo data (same answer: the next
// contact is inside the window iff any is).
const REPEATS = `later AS (
	SELECT patient_id, reason, started_at FROM interactions
	WHERE direction = 'inbound' AND patient_id IS NOT NULL
		AND started_at > $from AND started_at <= $to + to_hours($window_hours)
),
repeats AS (
	SELECT r.interaction_id FROM interaction_base r
	WHERE r.handled_inbound AND r.patient_id IS NOT NULL AND r.disposition = 'resolved'
		AND EXISTS (SELECT 1 FROM later l WHERE l.patient_id = r.patient_id AND l.reason = r.reason
			AND l.started_at > r.ts AND l.started_at <= r.ts + to_hours($window_hours))
)`;

// The same stream read from fact_interactions (kpi/derived.ts), where surveyed and has_repeat are
// stored: only when derivedReady says the table reflects every import and the current window.
const STORED = `interaction_facts AS (
	SELECT f.*, f.started_at AS ts FROM fact_interactions f
	WHERE f.started_at >= $from AND f.started_at < $to AND ${filterClause('f')}
)`;

/**
 * CTEs ending in `interaction_facts`. From raw rows, `repeat` adds has_repeat (and needs
 * $window_hours); `stored` reads the maintained facts instead, which hold both flags.
 */
export function interactionStreamSql(repeat: boolean, stored = false): string {
	if (stored) return STORED;
	const facts = `interaction_facts AS (
	SELECT b.*,
		b.interaction_id IN (SELECT interaction_id FROM surveys WHERE interaction_id IS NOT NULL) AS surveyed,
		${repeat ? 'b.interaction_id IN (SELECT interaction_id FROM repeats)' : 'NULL::BOOLEAN'} AS has_repeat
	FROM interaction_base b
)`;
	return [INTERACTION_BASE, ...(repeat ? [REPEATS] : []), facts].join(',\n');
}

export const SURVEY_STREAM_SQL = `survey_facts AS (
	SELECT s.survey_id, s.submitted_at AS ts, s.submitted_at, s.patient_id AS survey_patient_id,
		s.csat, s.nps, s.ces, s.resolved, s.comment,
		i.interaction_id, i.patient_id, i.agent_id, i.team, i.channel, i.reason, i.direction,
		i.disposition, i.campaign, i.outcome, i.interaction_id IS NOT NULL AS linked
	FROM surveys s
	LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
	WHERE s.submitted_at >= $from AND s.submitted_at < $to AND ${filterClause('i')}
)`;

/** Whether SQL over the interaction stream reads has_repeat. */
export function readsRepeat(sql: string): boolean {
	return /\bhas_repeat\b/.test(sql);
}
