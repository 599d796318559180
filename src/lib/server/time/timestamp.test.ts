// `--from`/`--to` parse like data timestamps (data contract, "Values").
import { describe, expect, it } from 'vitest';
import { formatInstant, parseDate, parseTimestamp } from './index.ts';

describe('parseTimestamp', () => {
	it.each([
		['2024-03-01', '2024-03-01T00:00:00.000Z'],
		['2024-03-01T08:30', '2024-03-01T08:30:00.000Z'],
		['2024-03-01 08:30:15', '2024-03-01T08:30:15.000Z'],
		['2024-03-01t08:30:15.1234567z', '2024-03-01T08:30:15.123Z'],
		// 08:30 at +02:00 is 06:30 UTC; −0530 adds 5 h 30
		['2024-03-01T08:30:00+02:00', '2024-03-01T06:30:00.000Z'],
		['2024-03-01T08:30:00-0530', '2024-03-01T14:00:00.000Z'],
		['2024-03-01T01:00:00+01', '2024-03-01T00:00:00.000Z'],
		['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
		['0099-01-01', '0099-01-01T00:00:00.000Z']
	])('%s → %s', (text, iso) => {
		expect(parseTimestamp(text)?.toISOString()).toBe(iso);
	});

	it.each([
		'2023-02-29',
		'2024-13-01',
		'2024-03-01T24:00',
		'2024-03-01T08:60',
		'2024-03-01T08',
		'1 March 2024',
		'2024-03-01T08:30:00+2',
		''
	])('rejects %s', (text) => expect(parseTimestamp(text)).toBeNull());

	it('formats instants as RFC 3339 UTC and checks dates', () => {
		expect(formatInstant(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01T00:00:00Z');
		expect(formatInstant(new Date('2024-03-01T00:00:00.250Z'))).toBe('2024-03-01T00:00:00.250Z');
		expect(parseDate('2024-02-29')).toBe('2024-02-29');
		expect(parseDate('2100-02-29')).toBeNull();
		expect(parseDate('2024-2-1')).toBeNull();
	});
});
