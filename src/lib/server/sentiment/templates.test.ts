import { describe, expect, it } from 'vitest';
import { templateTexts } from './templates.ts';

describe('templateTexts', () => {
	it('draws call talk into the neutral templates only when asked', () => {
		const plain = templateTexts('neutral', 600, 42);
		const calls = templateTexts('neutral', 600, 42, { calls: true });
		// The same seed gives the same texts; call-talk patterns appear only with `calls`.
		expect(templateTexts('neutral', 600, 42)).toEqual(plain);
		const callish = (t: string) =>
			/^(Is there a generic for|Okay, I am back|Who am I speaking)/.test(t);
		expect(plain.filter(callish)).toEqual([]);
		expect(calls.filter(callish).length).toBeGreaterThan(0);
		// Other labels do not change.
		expect(templateTexts('negative', 300, 42, { calls: true })).toEqual(
			templateTexts('negative', 300, 42)
		);
	});
});
