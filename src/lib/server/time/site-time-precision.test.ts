import { describe, expect, it } from 'vitest';
import { epochMicros, formatInstant, parsePeriodBound } from './index.ts';

describe('period bounds keep microseconds', () => {
	it('binds the fraction to the microsecond and prints it back', () => {
		const b = parsePeriodBound('2024-03-01T00:00:00.0005Z', 'UTC');
		// 2024-03-01T00:00:00Z = 1,709,251,200 s → 1,709,251,200,000,000 µs; + 500 µs.
		expect(epochMicros(b)).toBe(1_709_251_200_000_500n);
		expect(formatInstant(b)).toBe('2024-03-01T00:00:00.000500Z');
		// Seven digits are truncated to six, as the contract does for data timestamps.
		expect(epochMicros(parsePeriodBound('2024-03-01T00:00:00.1234567Z', 'UTC'))).toBe(
			1_709_251_200_123_456n
		);
	});

	it('keeps the microseconds of a local bound in a zone with an offset', () => {
		// 08:00:00.000001 in New York on 1 March 2024 (EST, UTC−5) is 13:00:00.000001Z:
		// 1,709,251,200 s + 13 h × 3,600 s = 1,709,298,000 s.
		const b = parsePeriodBound('2024-03-01T08:00:00.000001', 'America/New_York');
		expect(epochMicros(b)).toBe(1_709_298_000_000_001n);
		// Whole milliseconds stay plain Dates and print as before.
		expect(formatInstant(parsePeriodBound('2024-03-01', 'UTC'))).toBe('2024-03-01T00:00:00Z');
	});
});
