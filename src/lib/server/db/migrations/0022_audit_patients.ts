// Which patients a list or an export showed: one row per patient for the audit record, so that
// "who has seen patient X?" (the audit search by patient) finds list views and exports too, not
// only the pages about one patient. Append-only like audit_log.
export const sql = `
CREATE TABLE audit_patients (
	audit_id BIGINT NOT NULL,
	patient_id VARCHAR NOT NULL
);
`;
