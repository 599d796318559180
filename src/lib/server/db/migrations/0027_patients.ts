// The optional patients input kind: who a patient id is, so staff working a follow-up can call
// them (name, phone, date of birth). Loaded through the ordinary import path like every other
// kind; every page that shows these columns is audited as a view of that patient.
export const sql = `
CREATE TABLE patients (
	patient_id VARCHAR NOT NULL,
	name VARCHAR,
	phone VARCHAR,
	date_of_birth DATE,
	import_id INTEGER NOT NULL
);
`;
