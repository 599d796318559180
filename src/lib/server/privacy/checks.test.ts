import { describe, expect, it } from 'vitest';
import {
	cardValid,
	deaValid,
	luhnValid,
	mbiValid,
	nanpValid,
	npiValid,
	ssnValid
} from './checks.ts';

describe('validity checks', () => {
	it('Luhn: the classic test numbers', () => {
		// 79927398713: the worked example of the Luhn algorithm; changing one digit breaks it.
		expect(luhnValid('79927398713')).toBe(true);
		expect(luhnValid('79927398714')).toBe(false);
		// Visa's test card 4111 1111 1111 1111.
		expect(cardValid('4111111111111111')).toBe(true);
		expect(cardValid('4111111111111112')).toBe(false);
		expect(cardValid('0000000000000000')).toBe(false); // all one digit
	});

	it('NPI: Luhn over 80840 + the ten digits, first digit 1 or 2', () => {
		// CMS's example: payload 123456789 → check digit 3. Luhn from the right, doubling the
		// payload's last digit and every second one before it: 9→9 (18), 7→5 (14), 5→1 (10), 3→6,
		// 1→2 = 23; the others 8 + 6 + 4 + 2 = 20; the prefix 80840 adds CMS's constant 24:
		// 23 + 20 + 24 = 67, and 67 + 3 = 70 ends in 0.
		expect(npiValid('1234567893')).toBe(true);
		expect(npiValid('1234567890')).toBe(false);
		expect(npiValid('3234567893')).toBe(false); // first digit 3
		expect(npiValid('1993999998')).toBe(true); // John D. Cook's worked example
	});

	it('DEA: (d1 + d3 + d5) + 2 × (d2 + d4 + d6) ends in d7', () => {
		// AB1234563: 1 + 3 + 5 = 9; 2 × (2 + 4 + 6) = 24; 9 + 24 = 33 → 3 ✓.
		expect(deaValid('AB1234563')).toBe(true);
		expect(deaValid('AB1234564')).toBe(false);
		expect(deaValid('A91234563')).toBe(true); // second character 9 (a business name)
		expect(deaValid('1B1234563')).toBe(false);
	});

	it.each([
		['264028781', true],
		['000123456', false], // area 000
		['666123456', false], // area 666
		['912345678', false], // area 900–999
		['264008781', false], // group 00
		['264020000', false], // serial 0000
		['078051120', false], // the Woolworth wallet sample
		['111111111', false]
	])('SSN %s valid: %s', (ssn, ok) => {
		expect(ssnValid(ssn)).toBe(ok);
	});

	it('MBI: C A AN N A AN N A A N N, no S L O I B Z', () => {
		expect(mbiValid('1EG4-TE5-MK73')).toBe(true); // CMS's format example
		expect(mbiValid('1EG4TE5MK73')).toBe(true);
		expect(mbiValid('0EG4TE5MK73')).toBe(false); // first character 0
		expect(mbiValid('1SG4TE5MK73')).toBe(false); // S is excluded
		expect(mbiValid('1EG4TE5MK7')).toBe(false); // 10 characters
	});

	it('NANP: area code and exchange start with 2–9', () => {
		expect(nanpValid('6175550142')).toBe(true);
		expect(nanpValid('16175550142')).toBe(true);
		expect(nanpValid('1175550142')).toBe(false);
		expect(nanpValid('6171550142')).toBe(false);
	});
});
