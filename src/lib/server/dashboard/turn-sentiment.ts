// Per-text sentiment for the transcript view: each turn's and each survey comment's label and
// polarity, from issue 5's views transcript_sentiment and survey_sentiment (empty until they exist).
import type { Db } from '../db/index.ts';

export interface TurnSentiment {
	label: 'negative' | 'neutral' | 'positive';
	/** Polarity p(positive) − p(negative): −1 … 1. */
	score: number;
}

const TURN_SCORES = `-- sentiment of each scored transcript turn of one interaction
SELECT turn, label, polarity FROM transcript_sentiment WHERE interaction_id = $id`;
const SURVEY_SCORES = `-- sentiment of the comments of the interaction's surveys
SELECT survey_id, label, polarity FROM survey_sentiment WHERE interaction_id = $id`;

export async function turnSentiment(
	db: Db,
	tables: Set<string>,
	interactionId: string
): Promise<{ turns: Map<number, TurnSentiment>; surveys: Map<string, TurnSentiment> }> {
	const [turnRows, surveyRows] = await Promise.all([
		tables.has('transcript_sentiment') ? db.all(TURN_SCORES, { id: interactionId }) : [],
		tables.has('survey_sentiment') ? db.all(SURVEY_SCORES, { id: interactionId }) : []
	]);
	const score = (r: Record<string, unknown>): TurnSentiment => ({
		label: r.label as TurnSentiment['label'],
		score: Number(r.polarity)
	});
	return {
		turns: new Map(turnRows.map((r) => [Number(r.turn), score(r)])),
		surveys: new Map(surveyRows.map((r) => [String(r.survey_id), score(r)]))
	};
}
