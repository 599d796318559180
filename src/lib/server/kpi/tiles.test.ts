import { describe, expect, it } from 'vitest';
import { adherenceDates } from './tiles.ts';

describe('adherenceDates', () => {
	it('measures a short period over the 365 days ending where it ends', () => {
		// [2026-10-24, 2026-11-23) is 30 days; 2026-11-23 − 365 days = 2025-11-23 (no 29 Feb between).
		const f = { from: new Date('2026-10-24T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') };
		expect(adherenceDates(f)).toEqual({ from: '2025-11-23', to: '2026-11-23' });
	});

	it('keeps a period longer than a year, rounding out to whole UTC days', () => {
		// from 2024-01-01 10:00 floors to 2024-01-01; to 2025-06-30 01:00 ceils to 2025-07-01.
		const f = { from: new Date('2024-01-01T10:00:00Z'), to: new Date('2025-06-30T01:00:00Z') };
		expect(adherenceDates(f)).toEqual({ from: '2024-01-01', to: '2025-07-01' });
	});
});
