// Addresses an account has signed in from: the account-wide lock-out (many addresses guessing one
// password) does not apply to them, so a stranger cannot lock a person out of their usual desk.
export const sql = `
CREATE TABLE sign_in_known_address (
	email VARCHAR NOT NULL,
	ip VARCHAR NOT NULL,
	last_success_at TIMESTAMP NOT NULL,
	PRIMARY KEY (email, ip)
);
`;
