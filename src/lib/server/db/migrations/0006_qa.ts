// QA review and coaching: versioned rubrics, evaluations with their answers, disputes,
// the weekly review queue, and coaching tasks with evidence, history and measured effect.
// Rubric versions are immutable: editing a rubric writes a new version with its own items, so an
// evaluation keeps scoring against the version it used. No PRIMARY KEYs (see 0001): ids come
// from sequences and the modules keep them unique.
export const sql = `
CREATE SEQUENCE qa_rubric_id_seq START 2;

CREATE SEQUENCE qa_rubric_version_id_seq START 2;

CREATE SEQUENCE qa_evaluation_id_seq START 1;

CREATE SEQUENCE qa_dispute_id_seq START 1;

CREATE SEQUENCE coaching_task_id_seq START 1;

CREATE TABLE qa_settings (
	key VARCHAR NOT NULL,
	value DOUBLE NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE qa_rubrics (
	rubric_id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT now(),
	active BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE qa_rubric_versions (
	version_id INTEGER NOT NULL,
	rubric_id INTEGER NOT NULL,
	version INTEGER NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT now(),
	created_by VARCHAR,
	note VARCHAR
);

CREATE TABLE qa_rubric_items (
	version_id INTEGER NOT NULL,
	item_key VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	section VARCHAR NOT NULL,
	label VARCHAR NOT NULL,
	guidance VARCHAR,
	weight DOUBLE NOT NULL,
	scale VARCHAR NOT NULL,
	allow_na BOOLEAN NOT NULL,
	critical BOOLEAN NOT NULL,
	focus_area VARCHAR NOT NULL
);

CREATE TABLE qa_evaluations (
	evaluation_id INTEGER NOT NULL,
	interaction_id VARCHAR NOT NULL,
	agent_id VARCHAR,
	version_id INTEGER NOT NULL,
	evaluator_id VARCHAR NOT NULL,
	evaluator_name VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	computed_score DOUBLE,
	score DOUBLE,
	critical_failed BOOLEAN NOT NULL,
	comment VARCHAR,
	created_at TIMESTAMP NOT NULL,
	released_at TIMESTAMP,
	acknowledged_at TIMESTAMP,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE qa_answers (
	evaluation_id INTEGER NOT NULL,
	item_key VARCHAR NOT NULL,
	value INTEGER,
	note VARCHAR
);

CREATE TABLE qa_disputes (
	dispute_id INTEGER NOT NULL,
	evaluation_id INTEGER NOT NULL,
	opened_by VARCHAR NOT NULL,
	opened_by_name VARCHAR NOT NULL,
	opened_at TIMESTAMP NOT NULL,
	comment VARCHAR NOT NULL,
	resolution VARCHAR,
	resolved_by VARCHAR,
	resolved_by_name VARCHAR,
	resolved_at TIMESTAMP,
	resolution_comment VARCHAR,
	old_score DOUBLE,
	new_score DOUBLE
);

CREATE TABLE qa_evaluation_history (
	evaluation_id INTEGER NOT NULL,
	happened_at TIMESTAMP NOT NULL,
	actor_id VARCHAR NOT NULL,
	actor_name VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	score DOUBLE,
	note VARCHAR
);

CREATE TABLE qa_review_queue (
	week_start DATE NOT NULL,
	interaction_id VARCHAR NOT NULL,
	agent_id VARCHAR NOT NULL,
	owner_id VARCHAR,
	reasons VARCHAR[] NOT NULL,
	due_date DATE NOT NULL,
	seed VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE coaching_tasks (
	task_id INTEGER NOT NULL,
	agent_id VARCHAR NOT NULL,
	trigger_key VARCHAR NOT NULL,
	focus_area VARCHAR NOT NULL,
	focus_kpi VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	state VARCHAR NOT NULL,
	owner_id VARCHAR,
	owner_name VARCHAR,
	due_date DATE NOT NULL,
	evidence VARCHAR NOT NULL,
	trigger_count INTEGER NOT NULL,
	plan_notes VARCHAR,
	goal VARCHAR,
	session_notes VARCHAR,
	opened_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	done_at TIMESTAMP
);

CREATE TABLE coaching_history (
	task_id INTEGER NOT NULL,
	happened_at TIMESTAMP NOT NULL,
	actor_id VARCHAR NOT NULL,
	actor_name VARCHAR NOT NULL,
	from_state VARCHAR,
	to_state VARCHAR NOT NULL,
	note VARCHAR
);

CREATE TABLE coaching_effects (
	task_id INTEGER NOT NULL,
	computed_at TIMESTAMP NOT NULL,
	kpi VARCHAR NOT NULL,
	before_value DOUBLE,
	before_lo DOUBLE,
	before_hi DOUBLE,
	before_n INTEGER NOT NULL,
	after_value DOUBLE,
	after_lo DOUBLE,
	after_hi DOUBLE,
	after_n INTEGER NOT NULL,
	z DOUBLE,
	outcome VARCHAR NOT NULL
);

INSERT INTO qa_rubrics (rubric_id, name) VALUES (1, 'Pharmacy care call');

INSERT INTO qa_rubric_versions (version_id, rubric_id, version, created_by, note)
VALUES (1, 1, 1, 'system', 'Seeded pharmacy rubric');

INSERT INTO qa_rubric_items VALUES
	(1, 'greeting', 1, 'Opening', 'Greeting: name, pharmacy and offer to help', NULL, 1, 'yes_no', false, false, 'call_handling'),
	(1, 'verification', 2, 'Opening', 'Verified the patient with two identifiers before discussing health information', 'Two of: full name, date of birth, address, phone. N/A only when no health information was discussed.', 2, 'yes_no', true, true, 'compliance'),
	(1, 'accuracy', 3, 'Accuracy and safety', 'Accuracy of drug, dose and benefit information', '5 = fully accurate and complete; 1 = wrong information given.', 3, 'one_five', true, true, 'product_knowledge'),
	(1, 'escalation', 4, 'Accuracy and safety', 'Side-effect or medication-error reports escalated to a pharmacist', 'N/A when no side effect or medication error was reported.', 2, 'yes_no', true, true, 'patient_safety'),
	(1, 'empathy', 5, 'Care', 'Empathy and plain language', NULL, 2, 'one_five', false, false, 'soft_skills'),
	(1, 'ownership', 6, 'Care', 'Ownership and resolution', NULL, 2, 'one_five', false, false, 'resolution'),
	(1, 'closing', 7, 'Closing', 'Closing: summary, next steps, anything else', NULL, 1, 'yes_no', false, false, 'call_handling');
`;
