// Accounts, sessions, sign-in throttling and the append-only audit log.
// Only indexed columns are keys that never change (user id, e-mail, session id, throttle key):
// DuckDB rewrites a row whose indexed column is updated, so updates touch plain columns only.
// Sessions store a SHA-256 of the token's secret (hex), never the token itself.
export const sql = `
CREATE TABLE users (
	id VARCHAR PRIMARY KEY,
	email VARCHAR NOT NULL UNIQUE,
	name VARCHAR NOT NULL,
	role VARCHAR NOT NULL CHECK (role IN ('admin', 'manager', 'qa_lead', 'staff')),
	agent_id VARCHAR,
	disabled BOOLEAN NOT NULL DEFAULT false,
	password_hash VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
	id VARCHAR PRIMARY KEY,
	secret_hash VARCHAR NOT NULL,
	user_id VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL,
	ip VARCHAR,
	user_agent VARCHAR
);

CREATE TABLE sign_in_throttle (
	key VARCHAR PRIMARY KEY,
	failures INTEGER NOT NULL,
	last_failure_at TIMESTAMP NOT NULL,
	locked_until TIMESTAMP
);

CREATE SEQUENCE audit_id_seq START 1;

CREATE TABLE audit_log (
	id BIGINT NOT NULL DEFAULT nextval('audit_id_seq'),
	logged_at TIMESTAMP NOT NULL,
	actor VARCHAR,
	action VARCHAR NOT NULL,
	subject_type VARCHAR,
	subject_id VARCHAR,
	patient_id VARCHAR,
	ip VARCHAR,
	detail VARCHAR
);
`;
