// The site-time rules, checked against the 2026 New York DST changes worked out by hand:
// US DST starts the second Sunday of March and ends the first Sunday of November. 1 Jan 2026 is a
// Thursday, so 1 March (day 59 of the year, 59 mod 7 = 3 → Sunday) and 1 November (day 304,
// 304 mod 7 = 3 → Sunday) are Sundays: clocks jump 02:00 EST → 03:00 EDT on 8 March (07:00 UTC)
// and fall back 02:00 EDT → 01:00 EST on 1 November (06:00 UTC).
import { describe, expect, it } from 'vitest';
import {
	addDays,
	addLocalDays,
	addMonths,
	bucketStart,
	daysBetween,
	formatLocal,
	isTimeZone,
	localDate,
	localDayStart,
	localInstant,
	monthEnd,
	parsePeriodBound,
	parseTimestamp,
	PeriodError,
	weekStart
} from './index.ts';

const NY = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('local days in New York', () => {
	it('a local day starts at local midnight: EST is UTC−5, EDT is UTC−4', () => {
		expect(iso(localDayStart('2026-03-01', NY))).toBe('2026-03-01T05:00:00.000Z');
		expect(iso(localDayStart('2026-03-09', NY))).toBe('2026-03-09T04:00:00.000Z');
		expect(iso(localDayStart('2026-11-02', NY))).toBe('2026-11-02T05:00:00.000Z');
	});

	it('8 March lasts 23 hours and 1 November 25', () => {
		const hours = (a: string, b: string) =>
			(localDayStart(b, NY).getTime() - localDayStart(a, NY).getTime()) / 3_600_000;
		expect(hours('2026-03-08', '2026-03-09')).toBe(23);
		expect(hours('2026-11-01', '2026-11-02')).toBe(25);
		expect(hours('2026-03-07', '2026-03-08')).toBe(24);
	});

	it('02:30 on 8 March does not exist: it maps to the end of the gap, 03:00 EDT = 07:00 UTC', () => {
		expect(iso(localInstant('2026-03-08', NY, 2, 30))).toBe('2026-03-08T07:00:00.000Z');
	});

	it('01:30 on 1 November happens twice: the earlier (EDT, UTC−4) one is taken', () => {
		expect(iso(localInstant('2026-11-01', NY, 1, 30))).toBe('2026-11-01T05:30:00.000Z');
	});

	it('"N days back" keeps the local clock time, so it spans 71 h across the spring change', () => {
		// 14:00 UTC on 9 March is 10:00 EDT; three local days back is 10:00 EST on 6 March =
		// 15:00 UTC, 3 × 24 − 1 = 71 hours earlier (8 March had 23 hours).
		const t = new Date('2026-03-09T14:00:00Z');
		expect(iso(addLocalDays(t, -3, NY))).toBe('2026-03-06T15:00:00.000Z');
		expect(iso(addLocalDays(new Date('2026-03-06T15:00:00Z'), 3, NY))).toBe(
			'2026-03-09T14:00:00.000Z'
		);
		// In UTC it is exactly 72 h.
		expect(iso(addLocalDays(t, -3, 'UTC'))).toBe('2026-03-06T14:00:00.000Z');
	});

	it('an instant belongs to its local date', () => {
		// 04:59:59 UTC on 1 March is 23:59:59 EST on 28 February
		expect(localDate(new Date('2026-03-01T04:59:59Z'), NY)).toBe('2026-02-28');
		expect(localDate(new Date('2026-03-01T05:00:00Z'), NY)).toBe('2026-03-01');
		expect(localDate(new Date('2026-03-01T04:59:59Z'), 'UTC')).toBe('2026-03-01');
	});

	it('shows instants with their zone', () => {
		expect(formatLocal(new Date('2026-03-08T06:59:00Z'), NY)).toBe('2026-03-08 01:59 EST');
		expect(formatLocal(new Date('2026-03-08T07:00:00Z'), NY)).toBe('2026-03-08 03:00 EDT');
		expect(formatLocal(new Date('2026-03-08T07:00:00Z'), 'UTC')).toBe('2026-03-08 07:00 UTC');
	});
});

describe('calendar arithmetic', () => {
	it.each([
		// 8 March 2026 is a Sunday (see the header), so its week began Monday 2 March
		['2026-03-08', '2026-03-02'],
		['2026-03-02', '2026-03-02'],
		['2026-03-09', '2026-03-09'],
		// 1 January 2026 is a Thursday: its week began Monday 29 December 2025
		['2026-01-01', '2025-12-29']
	])('the week of %s starts on %s', (date, monday) => expect(weekStart(date)).toBe(monday));

	it('adds days and months across month and year ends', () => {
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
		expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
		expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
		expect(monthEnd('2024-02-10')).toBe('2024-02-29');
		expect(bucketStart('2026-03-17', 'month')).toBe('2026-03-01');
	});
});

describe('parsing', () => {
	it('a data timestamp without an offset is UTC', () => {
		expect(iso(parseTimestamp('2026-03-01 08:30') as Date)).toBe('2026-03-01T08:30:00.000Z');
		expect(iso(parseTimestamp('2026-03-01T08:30-05') as Date)).toBe('2026-03-01T13:30:00.000Z');
		expect(parseTimestamp('2026-02-31')).toBeNull();
	});

	it('a period bound without an offset is local to the site', () => {
		expect(iso(parsePeriodBound('2026-03-01', NY))).toBe('2026-03-01T05:00:00.000Z');
		expect(iso(parsePeriodBound('2026-03-01T08:00', NY))).toBe('2026-03-01T13:00:00.000Z');
		expect(iso(parsePeriodBound('2026-03-01T08:00Z', NY))).toBe('2026-03-01T08:00:00.000Z');
		expect(iso(parsePeriodBound('2026-03-01T08:00+01:00', NY))).toBe('2026-03-01T07:00:00.000Z');
		expect(iso(parsePeriodBound('2026-03-01', 'UTC'))).toBe('2026-03-01T00:00:00.000Z');
	});

	it.each(['2026-02-31', '0000-01-01', '9999-12-31', '2026-03-01T25:00', 'yesterday'])(
		'refuses the period bound %s with a sentence',
		(text) => {
			expect(() => parsePeriodBound(text, NY)).toThrow(PeriodError);
		}
	);

	it('knows zones', () => {
		expect(isTimeZone('America/New_York')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone("UTC'; DROP TABLE x")).toBe(false);
	});
});
