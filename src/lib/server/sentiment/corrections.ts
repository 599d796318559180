// A QA lead's correction of a sentiment label. It applies to the text (by its md5, as scores
// do), so the same words carry the corrected label wherever they appear; the views show it at
// once (migration 0016), the audit log records who changed what, and the next
// `careloop sentiment train` learns from it (loadCorrectionExamples).
import { audit } from '../auth/audit.ts';
import type { Db } from '../db/index.ts';
import type { Example } from './corpora.ts';
import { isLabel, type Label } from './labels.ts';

export type CorrectionSource =
	{ kind: 'survey'; surveyId: string } | { kind: 'turn'; interactionId: string; turn: number };

export interface CorrectionRequest {
	source: CorrectionSource;
	label: string;
	actor: string;
	ip?: string | null;
}

export class CorrectionError extends Error {}

const SURVEY_TEXT = `-- the survey comment to correct, its patient, and its current labels
SELECT s.comment AS text, coalesce(s.patient_id, i.patient_id) AS patient_id, s.interaction_id,
	ss.label, ss.model_label, ss.model_version
FROM surveys s
LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
LEFT JOIN survey_sentiment ss ON ss.survey_id = s.survey_id
WHERE s.survey_id = $id AND s.comment IS NOT NULL AND trim(s.comment) <> ''`;

const TURN_TEXT = `-- the transcript turn to correct (never a system line), its patient, its current labels
SELECT t.text, i.patient_id, t.interaction_id, ts.label, ts.model_label, ts.model_version
FROM transcripts t
LEFT JOIN interactions i ON i.interaction_id = t.interaction_id
LEFT JOIN transcript_sentiment ts ON ts.interaction_id = t.interaction_id AND ts.turn = t.turn
WHERE t.interaction_id = $id AND t.turn = $turn AND t.speaker <> 'system' AND trim(t.text) <> ''`;

const INSERT = `-- one correction (append-only; the latest per text wins)
INSERT INTO sentiment_corrections (text_hash, text, label, model_label, model_version, source_kind, source_id, corrected_by, corrected_at)
VALUES (md5($text), $text, $label, $modelLabel, $modelVersion, $kind, $sourceId, $actor, $at::TIMESTAMP)`;

const LATEST = `-- the latest correction of each text, oldest first (training examples)
SELECT text, arg_max(label, id) AS label FROM sentiment_corrections GROUP BY text ORDER BY min(id)`;

export interface CorrectionResult {
	label: Label;
	previous: string | null;
	interactionId: string | null;
}

export async function correctLabel(
	db: Db,
	req: CorrectionRequest,
	now: Date = new Date()
): Promise<CorrectionResult> {
	if (!isLabel(req.label))
		throw new CorrectionError('Choose negative, neutral or positive as the corrected label.');
	const label = req.label;
	const row =
		req.source.kind === 'survey'
			? await db.one(SURVEY_TEXT, { id: req.source.surveyId })
			: await db.one(TURN_TEXT, { id: req.source.interactionId, turn: req.source.turn });
	if (!row || typeof row.text !== 'string')
		throw new CorrectionError(
			req.source.kind === 'survey'
				? 'That survey has no comment to label.'
				: 'That turn does not exist or is a system line, which carries no sentiment.'
		);
	const sourceId =
		req.source.kind === 'survey'
			? req.source.surveyId
			: `${req.source.interactionId}:${req.source.turn}`;
	const previous = (row.label as string | null) ?? null;
	await db.transaction(async (conn) => {
		await conn.run(INSERT, {
			text: row.text as string,
			label,
			modelLabel: (row.model_label as string | null) ?? null,
			modelVersion: (row.model_version as string | null) ?? null,
			kind: req.source.kind,
			sourceId,
			actor: req.actor,
			at: now.toISOString()
		});
		await audit(
			conn,
			{
				actor: req.actor,
				action: 'sentiment.correct',
				subjectType: req.source.kind === 'survey' ? 'survey' : 'transcript_turn',
				subjectId: sourceId,
				patientId: (row.patient_id as string | null) ?? null,
				ip: req.ip ?? null,
				detail: { label, previous, model_label: row.model_label ?? null }
			},
			now
		);
	});
	return { label, previous, interactionId: (row.interaction_id as string | null) ?? null };
}

/** Every corrected text with its latest label, for training. */
export async function loadCorrectionExamples(db: Db): Promise<Example[]> {
	const rows = await db.all<{ text: string; label: string }>(LATEST);
	return rows
		.filter((r) => isLabel(r.label))
		.map((r) => ({ text: r.text, label: r.label as Label, source: 'corrections' }));
}
