// Figures maintained at import, kept exact by kpi/derived.ts: the interaction fact stream with what
// is costly to derive per request — `surveyed` (≥ 1 linked survey) and `has_repeat` (FCR's repeat
// look-up) — and, per fill, where it stands in its patient's chain of the same drug (the supply of
// every earlier fill, the next fill's date), which turns PDC and refill timeliness into plain
// aggregates. Rows are in import order, mostly time order, so zone maps skip most of a table.
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

CREATE TABLE fact_fills (
	fill_id VARCHAR NOT NULL,
	patient_id VARCHAR NOT NULL,
	drug_name VARCHAR NOT NULL,
	drug_class VARCHAR,
	fill_date DATE NOT NULL,
	days_supply INTEGER NOT NULL,
	-- days supply of the same patient's earlier fills of the drug (order: fill_date, fill_id)
	supply_before BIGINT NOT NULL,
	-- the next such fill's date, or null
	next_date DATE
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
