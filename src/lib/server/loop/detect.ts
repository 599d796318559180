// Complaint triggers as SQL: each query returns events in the look-back window that no task has
// recorded yet (the anti-join on follow_up_sources is what makes a re-run idempotent).
import type { DuckDBConnection } from '@duckdb/node-api';
import { all } from '../db/index.ts';
import type { Settings } from '../settings/index.ts';
import { badCsatSql, complaintSql } from '../semantic/decisions.ts';
import { tsParam } from '../time/index.ts';
import { toDate } from './time.ts';

export interface ComplaintCandidate {
	sourceKind: 'interaction' | 'survey' | 'transcript';
	sourceId: string;
	trigger: string;
	detail: string;
	patientId: string | null;
	interactionId: string | null;
	eventAt: Date;
	reason: string | null;
	texts: string[];
}

const COMPLAINT_INTERACTIONS = `-- complaint and medication-error contacts in the window, not yet on a task
SELECT i.interaction_id, i.patient_id, i.started_at, i.reason, i.channel,
	(SELECT string_agg(t.text, ' ' ORDER BY t.turn) FROM transcripts t
		WHERE t.interaction_id = i.interaction_id AND t.speaker = 'patient') AS transcript_text,
	(SELECT string_agg(s.comment, ' ' ORDER BY s.survey_id) FROM surveys s
		WHERE s.interaction_id = i.interaction_id AND s.comment IS NOT NULL) AS survey_text
FROM interactions i
WHERE ${complaintSql('i.reason')}
	AND i.started_at >= $since::TIMESTAMP AND i.started_at <= $now::TIMESTAMP
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources f
		WHERE f.source_kind = 'interaction' AND f.source_id = i.interaction_id)
ORDER BY i.started_at, i.interaction_id`;

const LOW_SCORE_SURVEYS = `-- surveys with a low CSAT or NPS in the window, not yet on a task
SELECT s.survey_id, coalesce(s.patient_id, i.patient_id) AS patient_id, i.interaction_id,
	s.submitted_at, i.reason, s.csat, s.nps, s.comment
FROM surveys s LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
WHERE (${badCsatSql('s.csat')} OR s.nps <= $npsMax)
	AND s.submitted_at >= $since::TIMESTAMP AND s.submitted_at <= $now::TIMESTAMP
	AND NOT EXISTS (SELECT 1 FROM follow_up_sources f
		WHERE f.source_kind = 'survey' AND f.source_id = s.survey_id)
ORDER BY s.submitted_at, s.survey_id`;

interface InteractionRow {
	interaction_id: string;
	patient_id: string | null;
	started_at: Date;
	reason: string;
	channel: string;
	transcript_text: string | null;
	survey_text: string | null;
}

interface SurveyRow {
	survey_id: string;
	patient_id: string | null;
	interaction_id: string | null;
	submitted_at: Date;
	reason: string | null;
	csat: number | null;
	nps: number | null;
	comment: string | null;
}

export interface Window {
	since: Date;
	now: Date;
}

function windowParams(w: Window) {
	return { since: tsParam(w.since), now: tsParam(w.now) };
}

export async function findComplaintInteractions(
	conn: DuckDBConnection,
	w: Window
): Promise<ComplaintCandidate[]> {
	const rows = await all<InteractionRow & Record<string, unknown>>(
		conn,
		COMPLAINT_INTERACTIONS,
		windowParams(w)
	);
	return rows.map((r) => ({
		sourceKind: 'interaction',
		sourceId: r.interaction_id,
		trigger: r.reason === 'medication_error' ? 'medication_error' : 'complaint',
		detail: `${r.channel} contact with reason ${r.reason}`,
		patientId: r.patient_id,
		interactionId: r.interaction_id,
		eventAt: toDate(r.started_at),
		reason: r.reason,
		texts: [r.transcript_text, r.survey_text].filter((t): t is string => !!t)
	}));
}

export async function findLowScoreSurveys(
	conn: DuckDBConnection,
	w: Window,
	s: Pick<Settings, 'csatMax' | 'npsMax'>
): Promise<ComplaintCandidate[]> {
	const rows = await all<SurveyRow & Record<string, unknown>>(conn, LOW_SCORE_SURVEYS, {
		...windowParams(w),
		badCsatMax: s.csatMax,
		npsMax: s.npsMax
	});
	return rows.map((r) => {
		const scores = [
			r.csat !== null ? `CSAT ${r.csat}` : null,
			r.nps !== null ? `NPS ${r.nps}` : null
		];
		return {
			sourceKind: 'survey',
			sourceId: r.survey_id,
			trigger: 'low_score',
			detail: `survey with ${scores.filter(Boolean).join(', ')}`,
			patientId: r.patient_id,
			interactionId: r.interaction_id,
			eventAt: toDate(r.submitted_at),
			reason: r.reason,
			texts: r.comment ? [r.comment] : []
		};
	});
}
