// Figures maintained at import: the interaction fact stream with what is costly to derive per
// request — `surveyed` (≥ 1 linked survey) and `has_repeat` (FCR's repeat look-up) — stored and
// kept exact by kpi/derived.ts. Rows are in import order, which for contact centres is mostly time
// order, so DuckDB's zone maps skip most of the table for a recent period.
export const sql = `
CREATE TABLE fact_interactions (
	interaction_id VARCHAR NOT NULL,
	started_at TIMESTAMP NOT NULL,
	channel VARCHAR NOT NULL,
	direction VARCHAR NOT NULL,
	patient_id VARCHAR,
	agent_id VARCHAR,
	team VARCHAR,
	reason VARCHAR NOT NULL,
	queue_seconds DOUBLE,
	talk_seconds DOUBLE,
	hold_seconds DOUBLE,
	wrap_seconds DOUBLE,
	disposition VARCHAR NOT NULL,
	campaign VARCHAR,
	outcome VARCHAR,
	inbound BOOLEAN NOT NULL,
	handled_inbound BOOLEAN NOT NULL,
	abandoned BOOLEAN NOT NULL,
	handle_seconds DOUBLE NOT NULL,
	surveyed BOOLEAN NOT NULL,
	has_repeat BOOLEAN NOT NULL
);

-- What the stored facts reflect: every interaction and survey up to this import, and the repeat
-- window they were computed with. One row.
CREATE TABLE derived_state (
	watermark INTEGER NOT NULL,
	window_hours DOUBLE NOT NULL,
	refreshed_at TIMESTAMP NOT NULL
);
INSERT INTO derived_state VALUES (0, -1, TIMESTAMP '1970-01-01');
`;
