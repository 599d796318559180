// The four contract kinds, the import log and rejects. Timestamps are stored as UTC TIMESTAMP.
// Keys are enforced by the ingestion rules (not by DuckDB constraints, whose index makes bulk
// loads and whole-row replacement slower and UPDATEs of indexed rows fragile).
export const sql = `
CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE interactions (
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
	import_id INTEGER NOT NULL
);

CREATE TABLE surveys (
	survey_id VARCHAR NOT NULL,
	interaction_id VARCHAR,
	patient_id VARCHAR,
	submitted_at TIMESTAMP NOT NULL,
	csat INTEGER,
	nps INTEGER,
	ces INTEGER,
	resolved BOOLEAN,
	comment VARCHAR,
	import_id INTEGER NOT NULL
);

CREATE TABLE transcripts (
	interaction_id VARCHAR NOT NULL,
	turn BIGINT NOT NULL,
	speaker VARCHAR NOT NULL,
	offset_seconds DOUBLE,
	text VARCHAR NOT NULL,
	import_id INTEGER NOT NULL
);

CREATE TABLE fills (
	fill_id VARCHAR NOT NULL,
	patient_id VARCHAR NOT NULL,
	drug_name VARCHAR NOT NULL,
	drug_class VARCHAR,
	fill_date DATE NOT NULL,
	days_supply INTEGER NOT NULL,
	quantity DOUBLE,
	store VARCHAR,
	import_id INTEGER NOT NULL
);

CREATE TABLE import_log (
	import_id INTEGER PRIMARY KEY,
	file_name VARCHAR NOT NULL,
	file_path VARCHAR,
	sha256 VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	format VARCHAR NOT NULL,
	replace_mode BOOLEAN NOT NULL,
	rows_read INTEGER NOT NULL,
	accepted INTEGER NOT NULL,
	inserted INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	unchanged INTEGER NOT NULL,
	rejected INTEGER NOT NULL,
	started_at TIMESTAMP NOT NULL,
	finished_at TIMESTAMP NOT NULL,
	imported_by VARCHAR NOT NULL
);

CREATE TABLE rejects (
	import_id INTEGER NOT NULL,
	file_name VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	line INTEGER NOT NULL,
	reasons VARCHAR[] NOT NULL,
	raw VARCHAR NOT NULL
);
`;
