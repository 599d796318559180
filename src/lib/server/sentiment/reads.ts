// Read questions over the sentiment views (migration 0003), for QA, coaching and the dashboards:
// the views are the sentiment module's, so the SQL over them is too.
//   agentNegativeShares(db, scope) → per agent: handled calls with an end-of-call label (n) and
//     those ending negative (k), with up to 10 negative examples, newest first
//   sentimentMix(db, scope, bucket, tz) → end-of-call labels per local day, week or month
//   interactionSentiment(db, id) → the per-interaction summary row, or null
//   textSentiments(db, id) → each transcript turn's and survey comment's label and polarity (or not
//     scored, with the language); corrections win;  agentTone(db, id) → the agent's turns' tone
import type { Db, Row } from '../db/index.ts';
import { handledSql } from '../semantic/decisions.ts';
import { scopeParams, scopeSql, type InteractionScope } from '../semantic/scope.ts';
import { localTsSql } from '../time/index.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface NegativeShare {
	agentId: string;
	/** Handled interactions with an end-of-call label. */
	n: number;
	/** Of those, ending negative. */
	k: number;
	/** Up to 10 negative ones, newest first. */
	ids: string[];
}

// "The share of an agent's calls ending negative" counts handled calls only: an abandoned call
// never reached the agent, so how it ended says nothing about them.
const NEGATIVE_SHARES = `-- share of each agent's handled, scored interactions whose patient sentiment ends negative
SELECT i.agent_id, count(*)::INTEGER AS n,
	count(*) FILTER (WHERE s.end_label = 'negative')::INTEGER AS k,
	(list(i.interaction_id ORDER BY i.started_at DESC, i.interaction_id) FILTER (WHERE s.end_label = 'negative'))[1:10] AS ids
FROM interactions i JOIN interaction_sentiment s ON s.interaction_id = i.interaction_id
WHERE ${handledSql('i')} AND ${scopeSql('i')}
GROUP BY i.agent_id ORDER BY i.agent_id`;

export async function agentNegativeShares(
	db: Db,
	scope: InteractionScope
): Promise<NegativeShare[]> {
	const rows = await db.all<{ agent_id: string; n: number; k: number; ids: string[] | null }>(
		NEGATIVE_SHARES,
		scopeParams(scope)
	);
	return rows.map((r) => ({ agentId: r.agent_id, n: r.n, k: r.k, ids: r.ids ?? [] }));
}

/** SQL over alias `i` (interactions): the patient's end-of-call label equals `labelSql`. */
export function endLabelSql(alias: string, labelSql: string): string {
	return `EXISTS (SELECT 1 FROM interaction_sentiment s
		WHERE s.interaction_id = ${alias}.interaction_id AND s.end_label = ${labelSql})`;
}

/** SQL over alias `i` (interactions): the patient's end-of-call sentiment is negative. */
export function negativeEndSql(alias = 'i'): string {
	return endLabelSql(alias, `'negative'`);
}

export type Bucket = 'day' | 'week' | 'month';

// Local calendar buckets of the site's zone ($tz), keyed by their first local day; the unit is a
// whitelisted word, never input. UTC skips the zone conversion (the same values, less work).
const bucketSql = (bucket: Bucket, utc: boolean) =>
	`strftime(date_trunc('${bucket}', ${utc ? 'i.started_at' : localTsSql('i.started_at')}), '%Y-%m-%d')`;

const mixSql = (
	bucket: Bucket,
	utc: boolean
) => `-- end-of-call patient sentiment of the scope's interactions per local ${bucket}
SELECT ${bucketSql(bucket, utc)} AS date, s.end_label AS label, count(*)::INTEGER AS count
FROM interactions i JOIN interaction_sentiment s ON s.interaction_id = i.interaction_id
WHERE ${scopeSql('i')} AND s.end_label IN ('negative', 'neutral', 'positive')
GROUP BY ALL ORDER BY date, label`;

export async function sentimentMix(
	db: Db,
	scope: InteractionScope,
	bucket: Bucket,
	tz: string
): Promise<{ date: string; label: SentimentLabel; count: number }[]> {
	const utc = tz === 'UTC';
	return db.all(mixSql(bucket, utc), { ...scopeParams(scope), ...(utc ? {} : { tz }) });
}

const SUMMARY = `-- the per-interaction summary (overall, end of call, swing)
SELECT * FROM interaction_sentiment WHERE interaction_id = $id LIMIT 1`;

export async function interactionSentiment(db: Db, id: string): Promise<Row | null> {
	return db.one(SUMMARY, { id });
}

export interface TextSentiment {
	label: SentimentLabel;
	/** Polarity p(positive) − p(negative): −1 … 1. */
	score: number;
	/** Set when a QA lead corrected the label: what the model had said. */
	modelLabel: string | null;
	corrected: boolean;
	language: string | null;
}

/** A text in a language the model does not handle: shown "not scored", never guessed. */
export interface NotScored {
	notScored: true;
	language: string;
}

// System turns never have a sentiment; a QA correction wins, with the model's label kept beside it.
const TURN_SCORES = `-- sentiment of each scored transcript turn of one interaction (no system turns)
SELECT turn, label, polarity, model_label, corrected, language FROM transcript_sentiment WHERE interaction_id = $id`;
const SURVEY_SCORES = `-- sentiment of the comments of the interaction's surveys
SELECT survey_id, label, polarity, model_label, corrected, language FROM survey_sentiment WHERE interaction_id = $id`;
const UNSCORED_TURNS = `-- turns the active model left unscored: a language it does not handle
SELECT t.turn, u.language FROM transcripts t
JOIN sentiment_unscored u ON u.text_hash = md5(t.text)
JOIN sentiment_model m ON m.model_version = u.model_version
WHERE t.interaction_id = $id AND t.speaker <> 'system'`;
const UNSCORED_SURVEYS = `-- comments the active model left unscored
SELECT s.survey_id, u.language FROM surveys s
JOIN sentiment_unscored u ON u.text_hash = md5(s.comment)
JOIN sentiment_model m ON m.model_version = u.model_version
WHERE s.interaction_id = $id`;

/** Each transcript turn's and survey comment's sentiment for one interaction. */
export async function textSentiments(
	db: Db,
	interactionId: string
): Promise<{
	turns: Map<number, TextSentiment | NotScored>;
	surveys: Map<string, TextSentiment | NotScored>;
}> {
	const id = { id: interactionId };
	const [turnRows, surveyRows, turnsOff, surveysOff] = await Promise.all([
		db.all(TURN_SCORES, id),
		db.all(SURVEY_SCORES, id),
		db.all(UNSCORED_TURNS, id),
		db.all(UNSCORED_SURVEYS, id)
	]);
	const score = (r: Row): TextSentiment => ({
		label: r.label as SentimentLabel,
		score: Number(r.polarity),
		modelLabel: r.corrected ? String(r.model_label) : null,
		corrected: r.corrected === true,
		language: (r.language as string | null) ?? null
	});
	const off = (r: Row): NotScored => ({ notScored: true, language: String(r.language) });
	return {
		turns: new Map<number, TextSentiment | NotScored>([
			...turnsOff.map((r): [number, NotScored] => [Number(r.turn), off(r)]),
			...turnRows.map((r): [number, TextSentiment] => [Number(r.turn), score(r)])
		]),
		surveys: new Map<string, TextSentiment | NotScored>([
			...surveysOff.map((r): [string, NotScored] => [String(r.survey_id), off(r)]),
			...surveyRows.map((r): [string, TextSentiment] => [String(r.survey_id), score(r)])
		])
	};
}

const AGENT_TONE = `-- the agent's tone over the agent's turns (apart from the patient's arc)
SELECT agent_tone, agent_label, agent_turns FROM interaction_agent_tone WHERE interaction_id = $id`;

/** Mean polarity of the agent's turns, or null when none was scored. */
export async function agentTone(
	db: Db,
	interactionId: string
): Promise<{ tone: number; label: string; turns: number } | null> {
	const r = await db.one(AGENT_TONE, { id: interactionId });
	return r
		? { tone: Number(r.agent_tone), label: String(r.agent_label), turns: Number(r.agent_turns) }
		: null;
}
