// The catalog's words and number forms, against the strings the walk-through found on pages.
import { describe, expect, it } from 'vitest';
import {
	capitalised,
	count,
	countOf,
	decimal,
	line,
	percent,
	plural,
	seconds,
	sentences,
	words
} from './messages.ts';

describe('words', () => {
	it.each([
		['prior_auth', 'prior authorisation'],
		['sms', 'SMS'],
		['SMS', 'SMS'],
		['no_answer', 'no answer'],
		['refill_reminder', 'refill reminder'],
		['qa_lead', 'QA lead'],
		// an unknown code still reads without underscores
		['lost_parcel_again', 'lost parcel again']
	])('%s → %s', (code, expected) => expect(words(code)).toBe(expected));

	it('says what is missing instead of printing null', () => {
		expect(words(null)).toBe('—');
		expect(words('', 'none')).toBe('none');
	});

	it('capitalises for the start of a sentence ("Sms contact" was the bug)', () => {
		expect(capitalised('sms')).toBe('SMS');
		expect(capitalised('email')).toBe('Email');
		expect(`${capitalised('sms')} contact`).toBe('SMS contact');
	});
});

describe('numbers and units', () => {
	it('counts carry thousands separators: "3125 of 4546" was the bug', () => {
		expect(countOf(3125, 4546)).toBe('3,125 of 4,546');
		expect(count(999)).toBe('999');
		expect(count(1_000_000)).toBe('1,000,000');
	});

	it('plural nouns follow the count', () => {
		expect(plural(1, 'attempt')).toBe('1 attempt');
		expect(plural(0, 'attempt')).toBe('0 attempts');
		expect(plural(1204, 'row')).toBe('1,204 rows');
	});

	it('seconds always have a space before the unit: "325s" was the bug', () => {
		expect(seconds(325)).toBe('325 s');
		// 4321.4 rounds to 4321, then the separator
		expect(seconds(4321.4)).toBe('4,321 s');
		expect(seconds(null)).toBe('—');
	});

	it('percentages and decimals keep their digits', () => {
		expect(percent(80)).toBe('80.0 %');
		expect(percent((2 / 3) * 100, 1)).toBe('66.7 %');
		expect(decimal(1234.5, 1)).toBe('1,234.5');
		expect(percent(undefined)).toBe('—');
	});
});

describe('joining parts keeps the spaces', () => {
	it('"Mon 30 Novoverdue" and "0.0critical fail" were the bugs', () => {
		expect(line('Mon 30 Nov', 'overdue')).toBe('Mon 30 Nov · overdue');
		expect(line('0.0', false, 'critical fail')).toBe('0.0 · critical fail');
		expect(line(' Mon 30 Nov ', null, '')).toBe('Mon 30 Nov');
	});

	it('"refill late.Script:" was the bug: sentences get one space and a full stop', () => {
		expect(sentences('Refill late', 'Script: call the patient')).toBe(
			'Refill late. Script: call the patient.'
		);
		expect(sentences('Done.', undefined, 'Next?')).toBe('Done. Next?');
	});
});
