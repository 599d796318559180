import { describe, expect, it } from 'vitest';
import { categorise, routeFor } from './categorize.ts';

describe('categorise', () => {
	it.each([
		[
			{ reason: 'medication_error', texts: ['I waited an hour'] },
			'medication_safety',
			'the interaction reason is medication_error'
		],
		// Safety outranks billing in the same text.
		[
			{ reason: 'complaint', texts: ['I was charged for the wrong pills'] },
			'medication_safety',
			'the text mentions "wrong pills"'
		],
		[
			{ reason: 'complaint', texts: ['Why is my copay so high?'] },
			'billing_insurance',
			'the text mentions "copay"'
		],
		[
			{ reason: 'refill', texts: ['The courier never came'] },
			'delivery',
			'the text mentions "courier"'
		],
		[
			{ reason: 'general', texts: ['The agent was rude'] },
			'service_wait',
			'the text mentions "rude"'
		],
		[
			{ reason: 'complaint', texts: ['I am really unhappy with your service'] },
			'service_wait',
			'the text mentions "your service"'
		],
		[
			{ reason: 'prior_auth', texts: ['Not happy'] },
			'billing_insurance',
			'the interaction reason is prior_auth'
		],
		[{ reason: 'delivery', texts: [] }, 'delivery', 'the interaction reason is delivery'],
		[{ reason: null, texts: ['meh'] }, 'other', 'no reason or text rule matched']
	])('%j → %s', (input, category, reason) => {
		expect(categorise(input)).toEqual({ category, reason });
	});

	it('routes safety to pharmacists within 24 h, the rest to staff within 48 h', () => {
		expect(routeFor('medication_safety', { high: 24, other: 48 })).toEqual({
			severity: 'high',
			queue: 'pharmacist',
			dueHours: 24
		});
		expect(routeFor('delivery', { high: 24, other: 48 })).toEqual({
			severity: 'medium',
			queue: 'staff',
			dueHours: 48
		});
	});
});
