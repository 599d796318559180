// PHI redaction. privacy_checked: texts (by md5) the redactor of a version has already been over,
// so only new or changed text is read again. privacy_originals: the text before redaction, kept
// only while the privacy_keep_originals setting is on, found by the row and the md5 of the
// redacted text it stands behind (a row re-imported with other text no longer matches).
export const sql = `
CREATE TABLE privacy_checked (
	text_md5 VARCHAR NOT NULL,
	version INTEGER NOT NULL
);

CREATE TABLE privacy_originals (
	kind VARCHAR NOT NULL,
	row_key VARCHAR NOT NULL,
	redacted_md5 VARCHAR NOT NULL,
	original VARCHAR NOT NULL,
	stored_at TIMESTAMP NOT NULL
);
`;
