import { describe, expect, it } from 'vitest';
import { formatChange, formatInterval, formatTarget, formatValue } from './format.ts';

describe('tile formatting', () => {
	it.each([
		[74.3456, '%', '74.3'],
		[0.8123, 'share', '81.2'],
		[325.4, 's', '325'],
		[5.714, 'score', '5.71'],
		[null, '%', null]
	] as const)('formats %s (%s) as %s', (value, unit, text) => {
		expect(formatValue(value, unit)).toBe(text);
	});

	it('writes targets with their direction and unit', () => {
		expect(formatTarget({ comparison: 'min', value: 0.8 }, 'share')).toBe('target ≥ 80.0 %');
		expect(formatTarget({ comparison: 'max', value: 300 }, 's')).toBe('target ≤ 300 s');
		expect(formatTarget(null, '%')).toBeNull();
	});

	it('writes the interval with the unit once', () => {
		expect(formatInterval({ low: 72.71, high: 75.84 }, '%')).toBe('95 % CI 72.7–75.8 %');
	});

	it.each([
		// Rates change in percentage points; a change that rounds to zero has no sign.
		[1.26, '%', 'previous 30 days', '+1.3 pts vs previous 30 days'],
		[-0.04, '%', 'previous 30 days', '±0.0 pts vs previous 30 days'],
		[-5.2, 's', 'previous 1 day', '−5 s vs previous 1 day'],
		[0.0123, 'share', 'the window ending 2026-02-05', '+1.2 pts vs the window ending 2026-02-05']
	] as const)('change %s (%s) reads %s', (change, unit, against, text) => {
		expect(formatChange(change, unit, against)).toBe(text);
	});
});
