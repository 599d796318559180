// How a file's import reads on the Import page: failure, skip, nothing to import, amber with
// the share of rows rejected, or green.
import { describe, expect, it } from 'vitest';
import { fileOutcome } from './types.ts';

const file = { file: 'f.csv', read: 0, accepted: 0, rejected: 0, error: null, skipped: false };

describe('fileOutcome', () => {
	it.each([
		[
			{ ...file, error: 'The file is not valid UTF-8 text.' },
			'missed',
			'Failed: The file is not valid UTF-8 text.'
		],
		[{ ...file, read: 0 }, 'none', 'Nothing to import: the file holds no rows.'],
		// 1 of 3 rejected: 100 × 1 / 3 = 33.33… → 33.3 %.
		[
			{ ...file, read: 3, accepted: 2, rejected: 1 },
			'near',
			'Imported with rejects: 1 of 3 rows rejected (33.3 %)'
		],
		// 2,500 of 40,000: 100 × 2,500 / 40,000 = 6.25 → toFixed(1) gives 6.3 (half away from zero here).
		[
			{ ...file, read: 40_000, accepted: 37_500, rejected: 2_500 },
			'near',
			'Imported with rejects: 2,500 of 40,000 rows rejected (6.3 %)'
		],
		[{ ...file, read: 5, accepted: 5 }, 'met', 'Imported']
	])('%#', (f, tone, text) => {
		expect(fileOutcome(f)).toEqual({ tone, text });
	});

	it('a skipped file is neither green nor red', () => {
		expect(fileOutcome({ ...file, skipped: true }).tone).toBe('none');
	});
});
