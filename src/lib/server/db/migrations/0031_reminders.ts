// The refill-reminder funnel's "refilled" stage, maintained at import (kpi/derived.ts): each
// outbound refill reminder with the first fill of its patient dated on or after the day before,
// the day of, and the day after its UTC start date. The reminder's site-local date is one of those
// three (every time zone is within 14 hours of UTC), so the funnel needs no look-up in the fills
// whatever the site time zone. The facts are rebuilt at the next refresh.
export const sql = `
CREATE TABLE fact_reminders (
	interaction_id VARCHAR NOT NULL,
	started_at TIMESTAMP NOT NULL,
	patient_id VARCHAR,
	outcome VARCHAR,
	-- the first fill of the patient (any drug) dated on or after the UTC date − 1, + 0 and + 1
	fill_from_before DATE,
	fill_from_day DATE,
	fill_from_after DATE
);
UPDATE derived_state SET window_hours = -1;
`;
