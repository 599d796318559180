// What a person working a follow-up needs beside the task: the patient's own words (the survey
// comment, or the patient's most negative turn of the call or thread), the interactions that
// opened it (as links), and, for outreach, the script text the site keeps. Read only for a task
// the reader works (queue.ts decides), so nothing here checks access again.
import type { Db } from '../db/index.ts';
import { toDate } from './time.ts';

export interface PatientWords {
	/** "survey" (a comment) or "turn" (a patient's turn in a call or message thread). */
	kind: 'survey' | 'turn';
	text: string;
	at: Date;
	/** The interaction the words belong to (for the link), when known. */
	interactionId: string | null;
	/** "CSAT 1", "NPS 3", "patient turn 4": where the words come from. */
	where: string;
}

export interface TriggerInteraction {
	interactionId: string;
	startedAt: Date;
	channel: string;
	reason: string;
}

const WORDS = `-- the patient's words behind a task: survey comments, and per call the most negative patient turn
	WITH src AS (SELECT source_kind, source_id FROM follow_up_sources WHERE follow_up_id = $id),
	turns AS (
		SELECT t.interaction_id, t.turn, t.text, i.started_at,
			row_number() OVER (PARTITION BY t.interaction_id
				ORDER BY coalesce(ts.polarity, 0), t.turn) AS rank
		FROM transcripts t
		JOIN interactions i USING (interaction_id)
		LEFT JOIN transcript_sentiment ts USING (interaction_id, turn)
		WHERE t.speaker = 'patient' AND trim(t.text) <> ''
			AND t.interaction_id IN (SELECT source_id FROM src WHERE source_kind IN ('interaction', 'transcript'))
	)
	SELECT 'survey' AS kind, s.comment AS text, s.submitted_at AS said_at, s.interaction_id,
		concat_ws(', ', 'CSAT ' || s.csat, 'NPS ' || s.nps) AS scores, NULL::BIGINT AS turn
	FROM src JOIN surveys s ON s.survey_id = src.source_id
	WHERE src.source_kind = 'survey' AND s.comment IS NOT NULL AND trim(s.comment) <> ''
	UNION ALL
	SELECT 'turn', text, started_at, interaction_id, NULL, turn FROM turns WHERE rank = 1
	ORDER BY said_at`;

const TRIGGERS = `-- the interactions that opened or joined a task (a survey's through its link)
	SELECT DISTINCT i.interaction_id, i.started_at, i.channel, i.reason
	FROM follow_up_sources f
	LEFT JOIN surveys s ON f.source_kind = 'survey' AND s.survey_id = f.source_id
	JOIN interactions i ON i.interaction_id = CASE WHEN f.source_kind = 'survey' THEN s.interaction_id
		WHEN f.source_kind IN ('interaction', 'transcript') THEN f.source_id END
	WHERE f.follow_up_id = $id
	ORDER BY i.started_at`;

const SCRIPT = `-- the latest text of an outreach script
	SELECT title, body FROM outreach_scripts WHERE script_key = $key ORDER BY updated_at DESC LIMIT 1`;

export async function patientWords(db: Db, taskId: number): Promise<PatientWords[]> {
	const rows = await db.all(WORDS, { id: taskId });
	return rows.map((r) => ({
		kind: r.kind as PatientWords['kind'],
		text: r.text as string,
		at: toDate(r.said_at),
		interactionId: (r.interaction_id as string | null) ?? null,
		where:
			r.kind === 'survey'
				? `survey${r.scores ? ` (${r.scores as string})` : ''}`
				: `patient turn ${Number(r.turn) + 1}`
	}));
}

export async function triggeringInteractions(
	db: Db,
	taskId: number
): Promise<TriggerInteraction[]> {
	const rows = await db.all(TRIGGERS, { id: taskId });
	return rows.map((r) => ({
		interactionId: r.interaction_id as string,
		startedAt: toDate(r.started_at),
		channel: r.channel as string,
		reason: r.reason as string
	}));
}

export async function outreachScript(
	db: Db,
	key: string | null
): Promise<{ title: string; body: string } | null> {
	if (!key) return null;
	return (await db.one<{ title: string; body: string }>(SCRIPT, { key })) ?? null;
}

const PATIENT = `-- who the patient is, from the optional patients file
	SELECT name, phone, strftime(date_of_birth, '%Y-%m-%d') AS date_of_birth FROM patients
	WHERE patient_id = $id LIMIT 1`;

export interface PatientCard {
	name: string | null;
	phone: string | null;
	dateOfBirth: string | null;
}

/** Null when no patients file names this patient. */
export async function patientCard(db: Db, patientId: string | null): Promise<PatientCard | null> {
	if (!patientId) return null;
	const row = await db.one<{
		name: string | null;
		phone: string | null;
		date_of_birth: string | null;
	}>(PATIENT, { id: patientId });
	return row ? { name: row.name, phone: row.phone, dateOfBirth: row.date_of_birth } : null;
}
