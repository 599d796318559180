// Sentiment people can trust (on top of 0003):
// - sentiment_scores.language: the language the scorer detected (en, es, or und when a text is
//   too short to tell); sentiment_unscored: texts in a language the model does not handle,
//   shown "not scored" rather than guessed.
// - sentiment_corrections: a QA lead's label for a text (append-only; the latest per text wins,
//   on every surface showing that text). The views show the corrected label with certainty
//   (p = 1 for it) and keep what the model said in model_label.
// - System turns never carry sentiment; agent turns are the agent's tone
//   (interaction_agent_tone), never part of the patient's arc (interaction_sentiment, still
//   over patient turns only, as 0003 defines it).
export const sql = `
ALTER TABLE sentiment_scores ADD COLUMN language VARCHAR;

CREATE TABLE sentiment_unscored (
	text_hash VARCHAR NOT NULL,
	model_version VARCHAR NOT NULL,
	language VARCHAR NOT NULL,
	checked_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE SEQUENCE sentiment_correction_id_seq START 1;

CREATE TABLE sentiment_corrections (
	id INTEGER NOT NULL DEFAULT nextval('sentiment_correction_id_seq'),
	text_hash VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	label VARCHAR NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
	model_label VARCHAR,
	model_version VARCHAR,
	source_kind VARCHAR NOT NULL CHECK (source_kind IN ('survey', 'turn')),
	source_id VARCHAR NOT NULL,
	corrected_by VARCHAR NOT NULL,
	corrected_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE VIEW sentiment_correction_latest AS
SELECT text_hash, arg_max(label, id) AS label, max(corrected_at) AS corrected_at,
	arg_max(corrected_by, id) AS corrected_by
FROM sentiment_corrections
GROUP BY text_hash;

CREATE VIEW sentiment_active AS
SELECT sc.text_hash, sc.model_version, sc.language, sc.label AS model_label,
	coalesce(c.label, sc.label) AS label,
	c.label IS NOT NULL AS corrected,
	CASE WHEN c.label IS NULL THEN sc.p_negative WHEN c.label = 'negative' THEN 1.0 ELSE 0.0 END AS p_negative,
	CASE WHEN c.label IS NULL THEN sc.p_neutral WHEN c.label = 'neutral' THEN 1.0 ELSE 0.0 END AS p_neutral,
	CASE WHEN c.label IS NULL THEN sc.p_positive WHEN c.label = 'positive' THEN 1.0 ELSE 0.0 END AS p_positive,
	CASE WHEN c.label IS NULL THEN sc.polarity WHEN c.label = 'positive' THEN 1.0
		WHEN c.label = 'negative' THEN -1.0 ELSE 0.0 END AS polarity
FROM sentiment_scores sc
JOIN sentiment_model m ON m.model_version = sc.model_version
LEFT JOIN sentiment_correction_latest c ON c.text_hash = sc.text_hash;

CREATE OR REPLACE VIEW survey_sentiment AS
SELECT s.survey_id, s.interaction_id, s.submitted_at, s.csat, s.nps, a.label, a.polarity,
	a.p_negative, a.p_neutral, a.p_positive, a.model_version, a.model_label, a.corrected, a.language
FROM surveys s
JOIN sentiment_active a ON a.text_hash = md5(s.comment)
WHERE s.comment IS NOT NULL AND trim(s.comment) <> '';

CREATE OR REPLACE VIEW transcript_sentiment AS
SELECT t.interaction_id, t.turn, t.speaker, t.offset_seconds, a.label, a.polarity,
	a.p_negative, a.p_neutral, a.p_positive, a.model_version, a.model_label, a.corrected, a.language
FROM transcripts t
JOIN sentiment_active a ON a.text_hash = md5(t.text)
WHERE trim(t.text) <> '' AND t.speaker <> 'system';

CREATE VIEW interaction_agent_tone AS
SELECT interaction_id, avg(polarity) AS agent_tone,
	CASE WHEN avg(polarity) >= 0.25 THEN 'positive' WHEN avg(polarity) <= -0.25 THEN 'negative' ELSE 'neutral' END AS agent_label,
	count(*)::INTEGER AS agent_turns
FROM transcript_sentiment
WHERE speaker = 'agent'
GROUP BY interaction_id;
`;
