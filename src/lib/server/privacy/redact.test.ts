import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelled } from './evaluate.ts';
import { redactText } from './redact.ts';

const Y = { year: 2026 };
const ASK_DOB = 'Can I have your full name and date of birth, please?';

describe('redactText', () => {
	it.each([
		// [text, previous turn, expected]
		['Carlos Garcia, April 15, 1964.', ASK_DOB, 'Carlos Garcia, [DOB].'],
		['Born oh four, fifteen, sixty-four.', null, 'Born [DOB].'],
		[
			'You can call me back at (617) 555-0142 after three.',
			null,
			'You can call me back at [PHONE] after three.'
		],
		['My number is five five five, two one two, oh one four two.', null, 'My number is [PHONE].'],
		['My social is 264-02-8781.', null, 'My social is [SSN].'],
		['Last four of my social are 5090.', null, 'Last four of my social are [SSN].'],
		['Medicare number 1EG4-TE5-MK73.', null, 'Medicare number [MBI].'],
		['My member ID is XZP123456789.', null, 'My member ID is [MEMBER ID].'],
		['BIN 610014, PCN ADV, group RX4471.', null, 'BIN [BIN], PCN [PCN], group [GROUP ID].'],
		[
			'The prescription number is six oh two three four one seven.',
			null,
			'The prescription number is [RX NUMBER].'
		],
		[
			"The doctor's DEA is AB1234563, NPI 1234567893.",
			null,
			"The doctor's DEA is [DEA], NPI [NPI]."
		],
		['NDC 0002-1433-80 for the pen.', null, 'NDC [NDC] for the pen.'],
		['Visa 4111 1111 1111 1111 please.', null, 'Visa [CARD] please.'],
		['It is j smith at gmail dot com.', null, 'It is [EMAIL].'],
		['Ship to 421 Maple Street, Apt 3B, Springfield, IL 62704.', null, 'Ship to [ADDRESS].']
	])('%s', (text, previous, expected) => {
		expect(redactText(text, { ...Y, previous }).text).toBe(expected);
	});

	it.each([
		'Your copay is $10 and it will be ready in 3 to 5 business days.',
		'Take 2 tablets twice a day, 500 mg, 30 day supply.',
		'I picked it up on March 3, 2026 at store 214.',
		'Your order 88213 shipped yesterday.',
		'The fax came through at 10:42.',
		'I have the prescription number right here on the bottle, hold on.'
	])('leaves alone: %s', (text) => {
		expect(redactText(text, Y).text).toBe(text);
	});

	it('a DOB answer needs the question before it when the year is recent', () => {
		// Born 2015 is 11 years before 2026: not old enough to count as a birth date on its own.
		expect(redactText('Ana Ruiz, May 2, 2015.', Y).text).toBe('Ana Ruiz, May 2, 2015.');
		expect(redactText('Ana Ruiz, May 2, 2015.', { ...Y, previous: ASK_DOB }).text).toBe(
			'Ana Ruiz, [DOB].'
		);
	});

	it('redacting twice changes nothing', () => {
		const once = redactText('DOB 07-19-1983, call 312-555-0187, Rx 4521873.', Y).text;
		expect(once).toBe('DOB [DOB], call [PHONE], Rx [RX NUMBER].');
		expect(redactText(once, Y).text).toBe(once);
	});
});

describe('the labelled turns', () => {
	// The floor: recall ≥ 0.95 for these five on both labelled sets.
	const KEY = ['DOB', 'PHONE', 'SSN', 'MEMBER_ID', 'RX_NUMBER'];
	it.each(['labelled-turns', 'held-out-turns'])(
		'%s: recall ≥ 95 %% for the key identifiers',
		(set) => {
			const e = evaluate(loadLabelled(`tests/fixtures/privacy/${set}.jsonl`), Y);
			for (const x of e.entities.filter((x) => KEY.includes(x.entity)))
				expect(x.recall, x.entity).toBeGreaterThanOrEqual(0.95);
			expect(e.all.precision).toBeGreaterThanOrEqual(0.95);
		}
	);

	it('has at least 200 labelled turns, demo and hand-written', () => {
		const turns = [
			...loadLabelled('tests/fixtures/privacy/labelled-turns.jsonl'),
			...loadLabelled('tests/fixtures/privacy/held-out-turns.jsonl')
		];
		expect(turns.length).toBeGreaterThanOrEqual(200);
		expect(new Set(turns.map((t) => t.source))).toEqual(new Set(['demo', 'hand']));
	});
});
