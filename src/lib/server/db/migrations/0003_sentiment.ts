// Sentiment: a score cache keyed by (md5 of the text, model version), the model version the
// views show, and views that join surveys and transcript turns to their scores by the hash of
// their text (so an edited comment simply has no score until the next `sentiment score`).
// polarity = p(positive) − p(negative), in [−1, 1].
// interaction_sentiment, over the patient's turns only:
//   overall    mean polarity of all the patient's turns;
//   end_score  end-weighted mean: the last patient turn weighs 1, each earlier one half as much
//              per 2 turns (weight 0.5^(k/2), k = turns before the last), as speech analytics
//              products weight the end of a call most;
//   end_label  positive if end_score ≥ 0.25, negative if ≤ −0.25, else neutral;
//   swing      end_score − start_score, start_score being the mirror start-weighted mean
//              (0.5^(k/2), k = turns after the first): > 0 the patient ended happier.
export const sql = `
CREATE TABLE sentiment_scores (
	text_hash VARCHAR NOT NULL,
	model_version VARCHAR NOT NULL,
	label VARCHAR NOT NULL,
	p_negative DOUBLE NOT NULL,
	p_neutral DOUBLE NOT NULL,
	p_positive DOUBLE NOT NULL,
	polarity DOUBLE NOT NULL,
	scored_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE sentiment_model (
	model_version VARCHAR NOT NULL,
	model_path VARCHAR NOT NULL,
	activated_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE VIEW survey_sentiment AS
SELECT s.survey_id, s.interaction_id, s.submitted_at, s.csat, s.nps, sc.label, sc.polarity,
	sc.p_negative, sc.p_neutral, sc.p_positive, sc.model_version
FROM surveys s
JOIN sentiment_scores sc ON sc.text_hash = md5(s.comment)
JOIN sentiment_model m ON m.model_version = sc.model_version
WHERE s.comment IS NOT NULL AND trim(s.comment) <> '';

CREATE VIEW transcript_sentiment AS
SELECT t.interaction_id, t.turn, t.speaker, t.offset_seconds, sc.label, sc.polarity,
	sc.p_negative, sc.p_neutral, sc.p_positive, sc.model_version
FROM transcripts t
JOIN sentiment_scores sc ON sc.text_hash = md5(t.text)
JOIN sentiment_model m ON m.model_version = sc.model_version
WHERE trim(t.text) <> '';

CREATE VIEW interaction_sentiment AS
WITH patient AS (
	SELECT interaction_id, polarity,
		pow(0.5, (row_number() OVER (PARTITION BY interaction_id ORDER BY turn DESC) - 1) / 2.0) AS w_end,
		pow(0.5, (row_number() OVER (PARTITION BY interaction_id ORDER BY turn) - 1) / 2.0) AS w_start
	FROM transcript_sentiment
	WHERE speaker = 'patient'
), weighted AS (
	SELECT interaction_id,
		avg(polarity) AS overall,
		sum(polarity * w_end) / sum(w_end) AS end_score,
		sum(polarity * w_start) / sum(w_start) AS start_score,
		count(*)::INTEGER AS turns
	FROM patient
	GROUP BY interaction_id
)
SELECT interaction_id, overall, end_score,
	CASE WHEN end_score >= 0.25 THEN 'positive' WHEN end_score <= -0.25 THEN 'negative' ELSE 'neutral' END AS end_label,
	end_score - start_score AS swing,
	start_score,
	turns
FROM weighted;
`;
