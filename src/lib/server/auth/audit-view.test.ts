// Audit records as an admin reads them: names, actions in words, the patients a list showed.
import { describe, expect, it } from 'vitest';
import { actionText, actorText, detailText, patientsText } from './audit-view.ts';

describe('audit records in words', () => {
	it('names the patients a list view showed, a dozen by id and the rest counted', () => {
		const ids = Array.from({ length: 15 }, (_, i) => `P${String(i + 1).padStart(4, '0')}`);
		// 15 ids: the first 12 named, 15 − 12 = 3 counted
		expect(patientsText(ids)).toBe(
			'15 patients: P0001, P0002, P0003, P0004, P0005, P0006, P0007, P0008, P0009, P0010, P0011, P0012 and 3 more'
		);
		expect(detailText({ rows: 2, patients: ['P0007', 'P0009'] })).toBe(
			'rows: 2 · 2 patients: P0007, P0009'
		);
		expect(patientsText(['P1'])).toBe('1 patient: P1');
	});

	it('reads a settings change as from → to, not JSON', () => {
		expect(
			detailText({
				qa_threshold: { from: 75, to: 80 },
				site_time_zone: { from: 'UTC', to: 'America/New_York' }
			})
		).toBe('qa threshold: 75 → 80 · site time zone: UTC → America/New_York');
	});

	it('reads filters and counts, drops empty parts, and codes become words', () => {
		expect(detailText({ rows: 3125, filter: { channel: 'sms', reason: '' }, note: null })).toBe(
			'rows: 3,125 · filter: channel sms'
		);
		expect(detailText({ filter: {} })).toBe('');
		expect(detailText(null)).toBe('');
	});

	it('says who by name, keeping the email for an unknown actor', () => {
		const names = new Map([['ada@example.test', 'Ada Lovelace']]);
		expect(actorText('Ada@Example.test', names)).toEqual({
			name: 'Ada Lovelace',
			email: 'Ada@Example.test'
		});
		expect(actorText('gone@example.test', names).name).toBe('gone@example.test');
		expect(actorText(null, names).name).toBe('—');
	});

	it('says what was done', () => {
		expect(actionText('patient.view')).toBe('viewed patient data');
		expect(actionText('follow_up.claim')).toBe('follow up claim');
	});
});
