// The one SQL statement behind every contact-centre figure (pages, exports, tiles, CLI), generated
// from the registry. One statement computes any set of groupings at once (GROUPING SETS over one
// scan of the two fact streams), which keeps the Overview (totals + breakdowns + trend) in budget.
//
// Each stream row carries, per registry count, a boolean column c_<field> (the count's predicate)
// and, per mean, v_<field> (the value where the mean's predicate holds); the streams are UNIONed
// by name and aggregated with count_if / avg / stddev_samp. Time buckets are local calendar days,
// weeks (Monday) and months of the site time zone ($tz), keyed by their first local day.
import { localTsSql } from '../time/index.ts';
import { CONTACT_KPIS, VOLUMES, countsOf, type CountDef, type Stream } from './registry.ts';
import { interactionStreamSql, SURVEY_STREAM_SQL } from './streams.ts';

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

function isTime(set: GroupSet): set is 'day' | 'week' | 'month' {
	return set === 'day' || set === 'week' || set === 'month';
}

const groupColumn = (set: GroupBy) => `g_${set}`;

interface StreamColumns {
	counts: Map<string, string>;
	means: Map<string, { value: string; where: string; stddev: string }>;
}

/** Per stream: each count field once (a shared field must carry one predicate) and each mean. */
export function streamColumns(): Record<Stream, StreamColumns> {
	const out: Record<Stream, StreamColumns> = {
		interactions: { counts: new Map(), means: new Map() },
		surveys: { counts: new Map(), means: new Map() }
	};
	const addCount = (stream: Stream, c: CountDef) => {
		const seen = out[stream].counts.get(c.field);
		if (seen !== undefined && seen !== c.where) {
			throw new Error(`The registry gives the count ${c.field} two predicates.`);
		}
		out[stream].counts.set(c.field, c.where);
	};
	for (const v of VOLUMES) addCount(v.stream, v);
	for (const kpi of CONTACT_KPIS) {
		for (const c of countsOf(kpi)) addCount(kpi.stream, c);
		if (kpi.kind === 'mean') {
			out[kpi.stream].means.set(kpi.field, {
				value: kpi.value,
				where: kpi.n.where,
				stddev: kpi.stddevField
			});
		}
	}
	return out;
}

function factColumns(cols: StreamColumns): string {
	return [
		...[...cols.counts].map(([field, where]) => `(${where}) AS c_${field}`),
		...[...cols.means].map(([field, m]) => `CASE WHEN ${m.where} THEN ${m.value} END AS v_${field}`)
	].join(',\n\t\t');
}

function aggregates(columns: Record<Stream, StreamColumns>): string {
	const counts = new Set<string>();
	const out: string[] = [];
	for (const stream of ['interactions', 'surveys'] as const) {
		for (const field of columns[stream].counts.keys()) {
			if (counts.has(field)) continue;
			counts.add(field);
			out.push(`count_if(c_${field})::BIGINT AS ${field}`);
		}
		for (const [field, m] of columns[stream].means) {
			out.push(`avg(v_${field}) AS ${field}`, `stddev_samp(v_${field}) AS ${m.stddev}`);
		}
	}
	return out.join(',\n\t');
}

/**
 * SQL for the given grouping sets. Result columns: grp (the set's name), key (VARCHAR or null),
 * and the registry's counts and means. `utc` skips the time-zone conversion ($tz unbound then);
 * `stored` reads the maintained fact_interactions (kpi/derived.ts) instead of raw rows.
 */
export function buildContactSql(sets: readonly GroupSet[], utc: boolean, stored = false): string {
	const used = [...new Set(sets)];
	const columns = streamColumns();
	const local = utc ? 'ts' : localTsSql('ts');
	const bucketCols = used
		.filter(isTime)
		.map((s) => `strftime(date_trunc('${s}', lts), '%Y-%m-%d') AS ${groupColumn(s)}`);
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
WITH ${interactionStreamSql(true, stored)},
${SURVEY_STREAM_SQL},
facts AS (
	SELECT agent_id, team, channel, reason, ts, true AS linked,
		${factColumns(columns.interactions)}
	FROM interaction_facts
	UNION ALL BY NAME
	SELECT agent_id, team, channel, reason, ts, linked,
		${factColumns(columns.surveys)}
	FROM survey_facts
),
grouped AS (
	SELECT *${[...attrCols, ...bucketCols].map((c) => `, ${c}`).join('')}
	FROM (SELECT *, ${local} AS lts FROM facts)
)
SELECT ${grpCase} AS grp, ${keyCase} AS key,
	${aggregates(columns)}
FROM grouped
GROUP BY GROUPING SETS (${groupingSets.join(', ')})
${dropUnlinked}
ORDER BY grp, key ASC NULLS LAST`;
}
