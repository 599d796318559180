// Interactions a rule failed, for the QA lead's lists — first of all "identity not verified":
// calls where health information came up before two identifiers. Filters as on the dashboards
// (period on started_at, team, channel, reason, agent), sort and paging from a whitelist.
import type { Db } from '../../db/index.ts';
import { formatLocal, tsParam } from '../../time/index.ts';

export interface FailureRow {
	interactionId: string;
	/** RFC 3339 UTC, for CSV. */
	startedAt: string;
	/** Local time in the site time zone with its abbreviation, for the page. */
	startedLocal: string;
	agentId: string | null;
	team: string | null;
	channel: string;
	reason: string;
	patientId: string | null;
	detail: string;
	/** The turn the evidence ends on (for identity: where health information came up). */
	turn: number | null;
	turnText: string | null;
}

export interface FailureFilter {
	from: Date;
	to: Date;
	team?: string;
	channel?: string;
	reason?: string;
	agent?: string;
	/** Site time zone for displayed times (the dashboards' filter carries it). */
	tz?: string;
}

const SORTS = {
	started_at: 'i.started_at',
	agent_id: 'i.agent_id',
	team: 'i.team',
	reason: 'i.reason'
} as const;
export type FailureSort = keyof typeof SORTS;

function failuresSql(order: string, limited: boolean): string {
	return `-- interactions the rule failed, with the turn its evidence ends on
	WITH f AS (
		SELECT r.interaction_id, r.detail,
			CAST(json_extract(r.evidence, '$[#-1].turn') AS INTEGER) AS turn
		FROM autoqa_results r WHERE r.rule_key = $rule AND r.outcome = 'fail'
	)
	SELECT f.interaction_id, i.started_at, i.agent_id,
		i.team, i.channel, i.reason, i.patient_id, f.detail, f.turn, t.text AS turn_text,
		count(*) OVER ()::INTEGER AS total
	FROM f JOIN interactions i USING (interaction_id)
	LEFT JOIN transcripts t ON t.interaction_id = f.interaction_id AND t.turn = f.turn
	WHERE i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
		AND (CAST($team AS VARCHAR) IS NULL OR i.team = $team)
		AND (CAST($channel AS VARCHAR) IS NULL OR i.channel = $channel)
		AND (CAST($reason AS VARCHAR) IS NULL OR i.reason = $reason)
		AND (CAST($agent AS VARCHAR) IS NULL OR i.agent_id = $agent)
	ORDER BY ${order}, f.interaction_id
	${limited ? 'LIMIT $limit OFFSET $offset' : ''}`;
}

/** A page of failures (pageSize 0 = every row, for CSV). Unknown sorts fall back to newest first. */
export async function listRuleFailures(
	db: Db,
	rule: string,
	f: FailureFilter,
	o: { sort?: string; dir?: 'asc' | 'desc'; page?: number; pageSize?: number } = {}
): Promise<{ rows: FailureRow[]; total: number; sort: FailureSort; dir: 'asc' | 'desc' }> {
	const sort: FailureSort =
		o.sort && Object.hasOwn(SORTS, o.sort) ? (o.sort as FailureSort) : 'started_at';
	const dir = o.dir ?? 'desc';
	const pageSize = o.pageSize ?? 50;
	const order = `${SORTS[sort]} ${dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
	const params = {
		rule,
		from: tsParam(f.from),
		to: tsParam(f.to),
		team: f.team ?? null,
		channel: f.channel ?? null,
		reason: f.reason ?? null,
		agent: f.agent ?? null,
		...(pageSize > 0 ? { limit: pageSize, offset: ((o.page ?? 1) - 1) * pageSize } : {})
	};
	const rows = await db.all(failuresSql(order, pageSize > 0), params);
	return {
		sort,
		dir,
		total: (rows[0]?.total as number | undefined) ?? 0,
		rows: rows.map((r) => ({
			interactionId: r.interaction_id as string,
			startedAt: (r.started_at as Date).toISOString().replace('.000Z', 'Z'),
			startedLocal: formatLocal(r.started_at as Date, f.tz ?? 'UTC'),
			agentId: (r.agent_id as string | null) ?? null,
			team: (r.team as string | null) ?? null,
			channel: r.channel as string,
			reason: r.reason as string,
			patientId: (r.patient_id as string | null) ?? null,
			detail: r.detail as string,
			turn: (r.turn as number | null) ?? null,
			turnText: (r.turn_text as string | null) ?? null
		}))
	};
}

/** The key of the current rules' identity rule (the lead may rename it), or null when none. */
export async function identityRuleKey(db: Db): Promise<string | null> {
	const row = await db.one<{ rule_key: string }>(
		`-- the identity rule of the current version
		SELECT rule_key FROM autoqa_rules
		WHERE kind = 'identity' AND version_id = (SELECT max(version_id) FROM autoqa_versions)
		ORDER BY position LIMIT 1`
	);
	return row?.rule_key ?? null;
}
