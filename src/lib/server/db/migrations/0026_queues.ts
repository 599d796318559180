// Queues people can live in. An evaluation is the one of its interaction and rubric version unless
// a reviewer deliberately adds a second opinion (second_opinion), and earlier duplicates become
// second opinions so an agent's score stops averaging two tabs' answers. A coaching task
// remembers which interactions its evidence has shown (evidence_seen), so "triggered N times"
// counts new evidence, not rule runs. A medication-error follow-up that closes without a contact
// attempt keeps the documented reason in its own append-only table (follow_up_no_contact: the
// rules' appender writes follow_ups whole, so that table keeps its columns). Outreach scripts
// become text a site edits: one row per change, the latest of a key wins.
export const sql = `
ALTER TABLE qa_evaluations ADD COLUMN second_opinion BOOLEAN DEFAULT false;

UPDATE qa_evaluations e SET second_opinion = true
WHERE EXISTS (SELECT 1 FROM qa_evaluations o WHERE o.interaction_id = e.interaction_id
	AND o.version_id = e.version_id AND o.evaluation_id < e.evaluation_id);

ALTER TABLE coaching_tasks ADD COLUMN evidence_seen VARCHAR[] DEFAULT [];

UPDATE coaching_tasks SET evidence_seen = coalesce(
	list_distinct(CAST(json_extract_string(evidence, '$.interactions[*]') AS VARCHAR[])), []);

UPDATE coaching_tasks SET trigger_count = 1;

CREATE TABLE follow_up_no_contact (
	follow_up_id INTEGER NOT NULL,
	reason VARCHAR NOT NULL,
	author_id VARCHAR NOT NULL,
	author_name VARCHAR NOT NULL,
	recorded_at TIMESTAMP NOT NULL
);

CREATE TABLE outreach_scripts (
	script_key VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	body VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	updated_by VARCHAR NOT NULL
);

INSERT INTO outreach_scripts VALUES
	('refill_reminder', 'Refill reminder',
	'Introduce yourself and the pharmacy, then confirm you are speaking with the patient: full name and date of birth.
Say why you are calling: the supply of the medicine named on the task has run out, and you want to make sure they are not without it.
Ask whether they still take it as prescribed. If they stopped, ask why (side effects, cost, told to stop) and offer a pharmacist call back for side effects.
Offer to prepare the refill now and say when it will be ready or delivered.
If they have several medicines, offer medication synchronisation so everything is ready on one day.
Close: repeat what happens next and when, and ask whether there is anything else.', now(), 'system'),
	('med_sync', 'Medication-synchronisation offer',
	'Introduce yourself and confirm the patient: full name and date of birth.
Explain the offer: all regular medicines ready on the same day each month, one trip or one delivery, and a reminder call before.
Check which medicines they take regularly and whether any changed recently.
If they agree, say the pharmacist will align the next fills (a short partial fill may be needed) and when the first sync day will be.
If they decline, note why; do not press.
Close: summarise, and ask whether there is anything else.', now(), 'system'),
	('check_in', 'Post-dispense check-in',
	'Introduce yourself and confirm the patient: full name and date of birth.
Say you are checking in a few days after their new medicine (named on the task).
Ask how it is going: are they taking it as directed, any side effects, any questions about when or how to take it.
Side effects or a possible dispensing error: do not advise; offer an immediate pharmacist call and log it.
Remind them when the next refill is due and how to request it.
Close: summarise, and ask whether there is anything else.', now(), 'system');
`;
