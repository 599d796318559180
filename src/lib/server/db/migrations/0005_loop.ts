// Follow-up and outreach queues. One row per task in follow_ups; every event that opened
// or joined a task in follow_up_sources, whose (source_kind, source_id) key is what makes a rule
// re-run idempotent. `version` is the optimistic-concurrency counter every state change checks.
// No key constraints (see 0001's note: indexed rows make UPDATEs fragile); ids come from a
// sequence and uniqueness is kept by the rules inside one transaction.
// Pharmacists are a queue membership (queue_members), not a column on the auth engineer's users.
export const sql = `
CREATE SEQUENCE follow_up_id_seq START 1;

CREATE TABLE follow_ups (
	id INTEGER NOT NULL,
	kind VARCHAR NOT NULL,
	patient_id VARCHAR,
	group_key VARCHAR NOT NULL,
	category VARCHAR NOT NULL,
	category_reason VARCHAR NOT NULL,
	severity VARCHAR NOT NULL,
	queue VARCHAR NOT NULL,
	script VARCHAR,
	summary VARCHAR NOT NULL,
	opened_at TIMESTAMP NOT NULL,
	due_at TIMESTAMP NOT NULL,
	created_at TIMESTAMP NOT NULL,
	status VARCHAR NOT NULL,
	assignee_id VARCHAR,
	assignee_name VARCHAR,
	response VARCHAR,
	response_at TIMESTAMP,
	resolution VARCHAR,
	outcome VARCHAR,
	root_cause VARCHAR,
	closed_at TIMESTAMP,
	closed_by VARCHAR,
	closed_count INTEGER NOT NULL DEFAULT 0,
	reopen_count INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE follow_up_sources (
	follow_up_id INTEGER NOT NULL,
	source_kind VARCHAR NOT NULL,
	source_id VARCHAR NOT NULL,
	trigger VARCHAR NOT NULL,
	detail VARCHAR NOT NULL,
	patient_id VARCHAR,
	event_at TIMESTAMP NOT NULL,
	detected_at TIMESTAMP NOT NULL,
	attached BOOLEAN NOT NULL
);

CREATE TABLE follow_up_notes (
	follow_up_id INTEGER NOT NULL,
	author_id VARCHAR NOT NULL,
	author_name VARCHAR NOT NULL,
	body VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE contact_attempts (
	follow_up_id INTEGER NOT NULL,
	channel VARCHAR NOT NULL,
	outcome VARCHAR NOT NULL,
	note VARCHAR,
	author_id VARCHAR NOT NULL,
	author_name VARCHAR NOT NULL,
	attempted_at TIMESTAMP NOT NULL
);

CREATE TABLE incident_reports (
	follow_up_id INTEGER NOT NULL,
	medication VARCHAR NOT NULL,
	dose_prescribed VARCHAR NOT NULL,
	dose_dispensed VARCHAR NOT NULL,
	event_date DATE NOT NULL,
	staff_involved VARCHAR NOT NULL,
	harm_category VARCHAR NOT NULL,
	description VARCHAR,
	submitted_by VARCHAR NOT NULL,
	submitted_by_name VARCHAR NOT NULL,
	submitted_at TIMESTAMP NOT NULL,
	reviewed_by VARCHAR,
	reviewed_by_name VARCHAR,
	reviewed_at TIMESTAMP
);

CREATE TABLE queue_members (
	user_id VARCHAR NOT NULL,
	queue VARCHAR NOT NULL
);

CREATE TABLE loop_settings (
	key VARCHAR NOT NULL,
	value DOUBLE NOT NULL
);
`;
