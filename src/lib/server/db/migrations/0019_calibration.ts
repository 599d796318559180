// Calibration sessions and agent self-reviews: evaluations that never count. They live in their
// own tables (qa_side_evaluations, qa_side_answers), apart from qa_evaluations, so no QA score,
// coaching rule, sample or dashboard that reads qa_evaluations can pick them up by mistake.
// A calibration session: a rubric version, the interactions to score, the graders and one expert
// whose answers are the key. Each member's submitted_at closes their scoring; until then they see
// only their own answers (blind). A self-review is a staff member's own scoring of a released
// evaluation's interaction, with the same rubric version (evaluation_id points at it).
export const sql = `
CREATE SEQUENCE qa_calibration_id_seq START 1;

CREATE SEQUENCE qa_side_evaluation_id_seq START 1;

CREATE TABLE qa_calibration_sessions (
	session_id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	version_id INTEGER NOT NULL,
	created_by VARCHAR NOT NULL,
	created_by_name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE qa_calibration_items (
	session_id INTEGER NOT NULL,
	position INTEGER NOT NULL,
	interaction_id VARCHAR NOT NULL
);

CREATE TABLE qa_calibration_members (
	session_id INTEGER NOT NULL,
	user_id VARCHAR NOT NULL,
	user_name VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	submitted_at TIMESTAMP
);

CREATE TABLE qa_side_evaluations (
	side_id INTEGER NOT NULL,
	kind VARCHAR NOT NULL,
	session_id INTEGER,
	evaluation_id INTEGER,
	interaction_id VARCHAR NOT NULL,
	agent_id VARCHAR,
	version_id INTEGER NOT NULL,
	grader_id VARCHAR NOT NULL,
	grader_name VARCHAR NOT NULL,
	score DOUBLE,
	critical_failed BOOLEAN NOT NULL,
	comment VARCHAR,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE qa_side_answers (
	side_id INTEGER NOT NULL,
	item_key VARCHAR NOT NULL,
	value INTEGER,
	note VARCHAR
);
`;
