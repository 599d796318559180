import { describe, expect, it } from 'vitest';
import { normaliseSpoken } from './spoken.ts';

describe('spoken numbers', () => {
	it.each([
		['five five five, oh one nine nine', '555, 0199'],
		['nineteen sixty-four', '1964'],
		['twenty twenty-four', '2024'],
		['two thousand twelve', '2012'],
		['four fifteen sixty four', '4 15 64'], // a date said as month, day, year
		['April fifteenth', 'April 15'],
		['double five triple two', '55 222'],
		['four twenty one Maple Street', '4 21 Maple Street'],
		['eight hundred, five five five', '800, 555'],
		['four hundred twenty one', '421'],
		['six one two dash five five five', '612-555'],
		['one E G four T E five M K seven three', '1EG4TE5MK73'],
		['nine P Q oh E F nine R A one seven', '9PQ0EF9RA17'],
		['X Z P one two three four', 'XZP1234'],
		['I have one question', 'I have 1 question'],
		['Oh no, I forgot', 'Oh no, I forgot'],
		['the second time', 'the second time']
	])('%s → %s', (spoken, written) => {
		expect(normaliseSpoken(spoken).text).toBe(written);
	});

	it('maps a range of the normalised text back to the words it came from', () => {
		const text = 'born April fifteenth, nineteen sixty-four, thanks';
		const n = normaliseSpoken(text);
		expect(n.text).toBe('born April 15, 1964, thanks');
		const year = n.text.indexOf('1964');
		expect(text.slice(...n.toOriginal(year, year + 4))).toBe('nineteen sixty-four');
		const date = n.text.indexOf('April');
		expect(text.slice(...n.toOriginal(date, year + 4))).toBe(
			'April fifteenth, nineteen sixty-four'
		);
		// Untouched text maps one to one.
		expect(text.slice(...n.toOriginal(0, 4))).toBe('born');
	});
});
