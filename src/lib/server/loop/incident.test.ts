import { describe, expect, it } from 'vitest';
import { validateIncident } from './incident.ts';

const report = {
	medication: 'metformin 500 mg',
	dosePrescribed: '500 mg',
	doseDispensed: '850 mg',
	eventDate: '2026-03-09',
	staffInvolved: 'dispensing technician',
	harmCategory: 'C'
};

describe('validateIncident', () => {
	it('takes a complete report', () => {
		expect(validateIncident(report)).toEqual([]);
	});

	it('names an impossible date (31 February is no day, although JavaScript reads it as 3 March)', () => {
		expect(validateIncident({ ...report, eventDate: '2026-02-31' })).toEqual([
			'the date (a real date, YYYY-MM-DD)'
		]);
		expect(validateIncident({ ...report, eventDate: '2026-3-9' })).toHaveLength(1);
	});
});
