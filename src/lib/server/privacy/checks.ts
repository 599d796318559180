// Validity checks that turn a lookalike number into a likely identifier. Facts from the issuers'
// public rules (and Microsoft Presidio's recogniser documentation, which uses the same ones):
// - Luhn (ISO/IEC 7812 "mod 10"): payment cards; NPIs with the card-issuer prefix 80840 (CMS).
// - NPI: 10 digits, first digit 1 or 2.
// - DEA registration: 2 letters + 7 digits; (d1 + d3 + d5) + 2 × (d2 + d4 + d6) ends in d7.
// - SSN: area not 000, 666 or 900–999; group not 00; serial not 0000 (SSA); a few numbers were
//   published as samples and are never a person's.
// - MBI (CMS): 11 characters, C A AN N A AN N A A N N, letters without S L O I B Z.
// - NANP phone numbers: area code and exchange start with 2–9.

/** The Luhn check over a string of digits (the last one being the check digit). */
export function luhnValid(digits: string): boolean {
	if (!/^\d{2,}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

export function npiValid(digits: string): boolean {
	return /^[12]\d{9}$/.test(digits) && luhnValid(`80840${digits}`);
}

/** Card numbers: 13–19 digits passing Luhn, not all one digit. */
export function cardValid(digits: string): boolean {
	return /^\d{13,19}$/.test(digits) && !/^(\d)\1+$/.test(digits) && luhnValid(digits);
}

export function deaValid(id: string): boolean {
	const m = /^([A-Z])([A-Z9])(\d{7})$/.exec(id.toUpperCase());
	if (!m) return false;
	const d = [...m[3]].map(Number);
	const sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
	return sum % 10 === d[6];
}

const SAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/** Nine digits (separators removed) that SSA could have issued. */
export function ssnValid(digits: string): boolean {
	if (!/^\d{9}$/.test(digits) || SAMPLE_SSNS.has(digits) || /^(\d)\1{8}$/.test(digits))
		return false;
	const area = Number(digits.slice(0, 3));
	const group = digits.slice(3, 5);
	const serial = digits.slice(5);
	return area !== 0 && area !== 666 && area < 900 && group !== '00' && serial !== '0000';
}

const MBI_ALPHA = '[AC-HJKMNP-RT-Y]';
const MBI_ALNUM = '[0-9AC-HJKMNP-RT-Y]';
const MBI = new RegExp(
	`^[1-9]${MBI_ALPHA}${MBI_ALNUM}\\d${MBI_ALPHA}${MBI_ALNUM}\\d${MBI_ALPHA}${MBI_ALPHA}\\d\\d$`
);

export function mbiValid(id: string): boolean {
	return MBI.test(id.toUpperCase().replace(/[-\s]/g, ''));
}

/** Ten digits that could be a North American number (area code and exchange start with 2–9). */
export function nanpValid(digits: string): boolean {
	const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	return /^[2-9]\d{2}[2-9]\d{6}$/.test(ten) && !/^(\d)\1{9}$/.test(ten);
}
