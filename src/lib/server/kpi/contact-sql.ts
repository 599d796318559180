// The one SQL definition of the contact-centre KPIs (data contract, "Default KPI definitions").
// Every page, export, tile and CLI run goes through buildContactSql, so a figure cannot differ
// between them. One statement computes any set of groupings at once (GROUPING SETS over one
// scan), which is what keeps the Overview (totals + channel + agent + trend) inside its budget.
//
// Shape: three fact streams UNIONed, each carrying the interaction's group columns:
//   1. interactions in the period (contacts, inbound, abandons, AHT, ASA, FCR denominator, response)
//   2. resolved handled inbound interactions with a patient (FCR numerator: no later inbound
//      contact of the same patient and reason within the window). NOT EXISTS over the window, not
//      an ASOF join to the next contact: same answer (the next contact is inside the window iff
//      any is), about a fifth less work for DuckDB on the demo data.
//   3. surveys submitted in the period, following their linked interaction (null columns when
//      unlinked or the link dangles; `linked` false then, so they count in totals and time only)
// Only identifiers from the whitelists below are spliced; every value is a bound $parameter.

export type GroupBy = 'agent' | 'team' | 'channel' | 'reason' | 'day' | 'week' | 'month';
export type GroupSet = GroupBy | 'total';

export const GROUP_BYS: readonly GroupBy[] = [
	'agent',
	'team',
	'channel',
	'reason',
	'day',
	'week',
	'month'
];

const ATTRIBUTE_COLUMNS: Record<'agent' | 'team' | 'channel' | 'reason', string> = {
	agent: 'agent_id',
	team: 'team',
	channel: 'channel',
	reason: 'reason'
};

const TIME_UNITS: Record<'day' | 'week' | 'month', string> = {
	day: 'day',
	week: 'week',
	month: 'month'
};

/** The filter columns a caller may restrict on, with the interaction column each reads. */
export const FILTER_COLUMNS = {
	team: 'team',
	channel: 'channel',
	reason: 'reason',
	agent: 'agent_id'
} as const;

function filterClause(alias: string): string {
	return Object.entries(FILTER_COLUMNS)
		.map(([param, col]) => `(CAST($${param} AS VARCHAR) IS NULL OR ${alias}.${col} = $${param})`)
		.join(' AND ');
}

function isTime(set: GroupSet): set is 'day' | 'week' | 'month' {
	return set === 'day' || set === 'week' || set === 'month';
}

function groupColumn(set: GroupBy): string {
	return `g_${set}`;
}

/**
 * SQL for the given grouping sets. Result columns: grp (the set's name), key (VARCHAR or null),
 * and the raw counts/means that kpis.ts turns into rates. `utc` skips the time-zone conversion.
 */
export function buildContactSql(sets: readonly GroupSet[], utc: boolean): string {
	const used = [...new Set(sets)];
	const local = utc ? 'ts' : `timezone($tz, timezone('UTC', ts))`;
	const bucketCols = used
		.filter(isTime)
		.map((s) => `strftime(date_trunc('${TIME_UNITS[s]}', lts), '%Y-%m-%d') AS ${groupColumn(s)}`);
	const attrCols = used
		.filter((s): s is 'agent' | 'team' | 'channel' | 'reason' => s !== 'total' && !isTime(s))
		.map((s) => `${ATTRIBUTE_COLUMNS[s]} AS ${groupColumn(s)}`);
	const groupingSets = used.map((s) => {
		if (s === 'total') return '()';
		// Attribute groupings also split on `linked`, so unattributed surveys can be dropped below.
		return isTime(s) ? `(${groupColumn(s)})` : `(${groupColumn(s)}, linked)`;
	});
	const named = used.filter((s): s is GroupBy => s !== 'total');
	const grpCase = named.length
		? `CASE ${named.map((s) => `WHEN GROUPING(${groupColumn(s)}) = 0 THEN '${s}'`).join(' ')} ELSE 'total' END`
		: `'total'`;
	const keyCase = named.length
		? `CASE ${named.map((s) => `WHEN GROUPING(${groupColumn(s)}) = 0 THEN ${groupColumn(s)}`).join(' ')} END`
		: 'NULL';
	const attrGrouped = named.filter((s) => !isTime(s));
	const dropUnlinked = attrGrouped.length
		? `HAVING NOT (linked IS NOT NULL AND NOT linked AND (${attrGrouped
				.map((s) => `GROUPING(${groupColumn(s)}) = 0`)
				.join(' OR ')}))`
		: '';
	return `-- contact-centre KPIs for a period, one row per (grouping set, key)
WITH ix AS (
	SELECT interaction_id, agent_id, team, channel, reason, started_at AS ts, patient_id,
		direction = 'inbound' AS inbound,
		direction = 'inbound' AND disposition <> 'abandoned' AS handled_inbound,
		direction = 'inbound' AND disposition = 'abandoned' AS abandoned,
		disposition, talk_seconds, hold_seconds, wrap_seconds, queue_seconds
	FROM interactions i
	WHERE started_at >= $from AND started_at < $to AND ${filterClause('i')}
),
later AS (
	SELECT patient_id, reason, started_at FROM interactions
	WHERE direction = 'inbound' AND patient_id IS NOT NULL
		AND started_at > $from AND started_at <= $to + to_hours($window_hours)
),
resolved AS (
	SELECT * FROM ix WHERE handled_inbound AND patient_id IS NOT NULL AND disposition = 'resolved'
),
facts AS (
	SELECT agent_id, team, channel, reason, ts, true AS linked,
		1 AS contact, inbound, abandoned, handled_inbound,
		CASE WHEN handled_inbound
			THEN coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(wrap_seconds, 0) END AS handle,
		CASE WHEN handled_inbound THEN queue_seconds END AS queue,
		handled_inbound AND patient_id IS NOT NULL AS fcr_eligible,
		NULL::BOOLEAN AS fcr_resolved,
		handled_inbound AND interaction_id IN (SELECT interaction_id FROM surveys) AS responded,
		0 AS survey, NULL::INTEGER AS csat, NULL::INTEGER AS nps, NULL::INTEGER AS ces
	FROM ix
	UNION ALL
	SELECT r.agent_id, r.team, r.channel, r.reason, r.ts, true,
		0, NULL, NULL, NULL, NULL, NULL, NULL,
		NOT EXISTS (SELECT 1 FROM later l WHERE l.patient_id = r.patient_id AND l.reason = r.reason
			AND l.started_at > r.ts AND l.started_at <= r.ts + to_hours($window_hours)),
		NULL, 0, NULL, NULL, NULL
	FROM resolved r
	UNION ALL
	SELECT i.agent_id, i.team, i.channel, i.reason, s.submitted_at, i.interaction_id IS NOT NULL,
		0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		1, s.csat, s.nps, s.ces
	FROM surveys s
	LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
	WHERE s.submitted_at >= $from AND s.submitted_at < $to AND ${filterClause('i')}
),
grouped AS (
	SELECT *${[...attrCols, ...bucketCols].map((c) => `, ${c}`).join('')}
	FROM (SELECT *, ${local} AS lts FROM facts)
)
SELECT ${grpCase} AS grp, ${keyCase} AS key,
	sum(contact)::BIGINT AS contacts,
	count_if(inbound)::BIGINT AS inbound,
	count_if(abandoned)::BIGINT AS abandoned,
	count_if(handled_inbound)::BIGINT AS handled_inbound,
	avg(handle) AS aht_seconds, stddev_samp(handle) AS aht_stddev,
	avg(queue) AS asa_seconds, count(queue)::BIGINT AS asa_count, stddev_samp(queue) AS asa_stddev,
	count_if(fcr_eligible)::BIGINT AS fcr_eligible,
	count_if(fcr_resolved)::BIGINT AS fcr_resolved,
	count_if(responded)::BIGINT AS responded,
	sum(survey)::BIGINT AS surveys,
	count(csat)::BIGINT AS csat_responses,
	count_if(csat >= $csat_min)::BIGINT AS csat_satisfied,
	count(nps)::BIGINT AS nps_responses,
	count_if(nps >= $promoter_min)::BIGINT AS promoters,
	count_if(nps <= $detractor_max)::BIGINT AS detractors,
	avg(ces) AS ces, count(ces)::BIGINT AS ces_responses, stddev_samp(ces) AS ces_stddev
FROM grouped
GROUP BY GROUPING SETS (${groupingSets.join(', ')})
${dropUnlinked}
ORDER BY grp, key ASC NULLS LAST`;
}
