// Sentiment triggers over the sentiment views (migration 0003): a survey comment labelled negative with
// p(negative) at or above a threshold, and a call whose end-weighted patient sentiment
// (interaction_sentiment.end_score, polarity −1…1) is at or below a threshold.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import type { ComplaintCandidate, Window } from './detect.ts';
import type { Settings } from '../settings/index.ts';
import { tsParam } from '../time/index.ts';
import { toDate } from './time.ts';

const NEGATIVE_COMMENTS = `-- comments the active model rates negative above the threshold, not yet on a task
SELECT s.survey_id, coalesce(s.patient_id, i.patient_id) AS patient_id, i.interaction_id, s.submitted_at,
	i.reason, s.comment, ss.p_negative
FROM survey_sentiment ss
JOIN surveys s ON s.survey_id = ss.survey_id
LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
WHERE ss.label = 'negative' AND ss.p_negative >= $min
	AND s.submitted_at >= $since::TIMESTAMP AND s.submitted_at <= $now::TIMESTAMP
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources f WHERE f.source_kind = 'survey' AND f.source_id = s.survey_id)
ORDER BY s.submitted_at, s.survey_id`;

const NEGATIVE_ENDINGS = `-- calls whose patient ended strongly negative, not yet on a task
SELECT i.interaction_id, i.patient_id, i.started_at, i.reason, i.channel, x.end_score,
	(SELECT string_agg(t.text, ' ' ORDER BY t.turn) FROM transcripts t
		WHERE t.interaction_id = i.interaction_id AND t.speaker = 'patient') AS transcript_text
FROM interaction_sentiment x
JOIN interactions i ON i.interaction_id = x.interaction_id
WHERE x.end_score <= $max
	AND i.started_at >= $since::TIMESTAMP AND i.started_at <= $now::TIMESTAMP
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources f WHERE f.source_kind = 'transcript' AND f.source_id = i.interaction_id)
ORDER BY i.started_at, i.interaction_id`;

export async function findSentimentCandidates(
	conn: DuckDBConnection,
	w: Window,
	s: Pick<Settings, 'commentNegativeMin' | 'transcriptEndMax'>
): Promise<ComplaintCandidate[]> {
	const window = { since: tsParam(w.since), now: tsParam(w.now) };
	const comments = await all(conn, NEGATIVE_COMMENTS, { ...window, min: s.commentNegativeMin });
	const endings = await all(conn, NEGATIVE_ENDINGS, { ...window, max: s.transcriptEndMax });
	return [
		...comments.map((r): ComplaintCandidate => ({
			sourceKind: 'survey',
			sourceId: r.survey_id as string,
			trigger: 'negative_comment',
			detail: `comment rated negative (p = ${(r.p_negative as number).toFixed(2)})`,
			patientId: r.patient_id as string | null,
			interactionId: r.interaction_id as string | null,
			eventAt: toDate(r.submitted_at),
			reason: r.reason as string | null,
			texts: [r.comment as string]
		})),
		...endings.map((r): ComplaintCandidate => ({
			sourceKind: 'transcript',
			sourceId: r.interaction_id as string,
			trigger: 'negative_ending',
			detail: `${r.channel} call ended strongly negative (patient sentiment ${(r.end_score as number).toFixed(2)})`,
			patientId: r.patient_id as string | null,
			interactionId: r.interaction_id as string,
			eventAt: toDate(r.started_at),
			reason: r.reason as string | null,
			texts: r.transcript_text ? [r.transcript_text as string] : []
		}))
	];
}
