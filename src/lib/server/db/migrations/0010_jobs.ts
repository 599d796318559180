// Background jobs: the work that follows an import (scores, rules, samples …) as durable rows.
// A job row is written in the same transaction as the import that needs it, so a crash between
// the import and its work leaves a queued job that the next server start resumes. `steps` is the
// plan fixed when the job was queued; `steps_done` grows as steps finish, so a resumed or re-run
// job starts at the step that did not finish. No key constraints (see 0001's note on UPDATEs of
// indexed rows); ids come from a sequence.
export const sql = `
CREATE SEQUENCE job_id_seq START 1;

CREATE TABLE jobs (
	job_id INTEGER NOT NULL,
	kind VARCHAR NOT NULL,
	state VARCHAR NOT NULL,
	steps VARCHAR[] NOT NULL,
	steps_done VARCHAR[] NOT NULL,
	notes VARCHAR[] NOT NULL,
	requested_by VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL,
	started_at TIMESTAMP,
	finished_at TIMESTAMP,
	attempts INTEGER NOT NULL,
	message VARCHAR,
	error_detail VARCHAR
);

CREATE TABLE job_imports (
	job_id INTEGER NOT NULL,
	import_id INTEGER NOT NULL
);
`;
