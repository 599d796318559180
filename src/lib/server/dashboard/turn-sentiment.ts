// Per-text sentiment for the transcript view: each turn's and each survey comment's label and
// polarity from the sentiment views (migrations 0003, 0016): system turns never have one, a QA
// correction wins (with what the model said kept beside it), and a text in a language the model
// does not handle is "not scored" with its language.
import type { Db } from '../db/index.ts';

export interface TurnSentiment {
	label: 'negative' | 'neutral' | 'positive';
	/** Polarity p(positive) − p(negative): −1 … 1. */
	score: number;
	/** Set when a QA lead corrected the label: what the model had said. */
	modelLabel: string | null;
	corrected: boolean;
	language: string | null;
}

export interface NotScored {
	notScored: true;
	language: string;
}

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

export async function turnSentiment(
	db: Db,
	tables: Set<string>,
	interactionId: string
): Promise<{
	turns: Map<number, TurnSentiment | NotScored>;
	surveys: Map<string, TurnSentiment | NotScored>;
}> {
	const id = { id: interactionId };
	const unscored = tables.has('sentiment_unscored');
	const [turnRows, surveyRows, turnsOff, surveysOff] = await Promise.all([
		tables.has('transcript_sentiment') ? db.all(TURN_SCORES, id) : [],
		tables.has('survey_sentiment') ? db.all(SURVEY_SCORES, id) : [],
		unscored ? db.all(UNSCORED_TURNS, id) : [],
		unscored ? db.all(UNSCORED_SURVEYS, id) : []
	]);
	const score = (r: Record<string, unknown>): TurnSentiment => ({
		label: r.label as TurnSentiment['label'],
		score: Number(r.polarity),
		modelLabel: r.corrected ? String(r.model_label) : null,
		corrected: r.corrected === true,
		language: (r.language as string | null) ?? null
	});
	const off = (r: Record<string, unknown>): NotScored => ({
		notScored: true,
		language: String(r.language)
	});
	return {
		turns: new Map<number, TurnSentiment | NotScored>([
			...turnsOff.map((r): [number, NotScored] => [Number(r.turn), off(r)]),
			...turnRows.map((r): [number, TurnSentiment] => [Number(r.turn), score(r)])
		]),
		surveys: new Map<string, TurnSentiment | NotScored>([
			...surveysOff.map((r): [string, NotScored] => [String(r.survey_id), off(r)]),
			...surveyRows.map((r): [string, TurnSentiment] => [String(r.survey_id), score(r)])
		])
	};
}
