import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import { parseAnswerForm } from './review.ts';
import {
	getCurrentRubricVersion,
	RubricInvalidError,
	saveRubricVersion,
	validateRubricItems
} from './rubrics.ts';

const item = {
	key: 'greeting',
	section: 'Opening',
	label: 'Greeting',
	guidance: null,
	weight: 1,
	scale: 'yes_no' as const,
	allowNa: false,
	critical: false,
	focusArea: 'call_handling'
};

describe('rubric validation', () => {
	it('names each problem', () => {
		expect(validateRubricItems([])).toEqual(['A rubric needs at least one item.']);
		expect(validateRubricItems([item, { ...item, weight: 0, focusArea: 'nope' }])).toEqual([
			'Item 2: the key "greeting" is used twice.',
			'Item 2: the weight must be above 0.',
			'Item 2: unknown focus area.'
		]);
	});

	it('refuses to save an invalid rubric and saves a valid one as a new rubric', async () => {
		const db = await createTestDb();
		await expect(
			saveRubricVersion(db, { rubricId: null, name: ' ', note: null, items: [item] }, 'x')
		).rejects.toBeInstanceOf(RubricInvalidError);
		const id = await saveRubricVersion(
			db,
			{ rubricId: null, name: 'Chat', note: null, items: [item] },
			'x'
		);
		await expect(
			saveRubricVersion(db, { rubricId: null, name: 'Chat', note: null, items: [item] }, 'x')
		).resolves.toBeGreaterThan(id);
		const seeded = await getCurrentRubricVersion(db);
		await expect(
			saveRubricVersion(
				db,
				{ rubricId: seeded.rubricId, name: seeded.name, note: 'same', items: seeded.items },
				'x'
			)
		).rejects.toThrow(/Nothing changed/);
		// The seeded rubric (id 1) stays the one new evaluations use.
		expect((await getCurrentRubricVersion(db)).versionId).not.toBe(id);
		await db.close();
	});
});

describe('parseAnswerForm', () => {
	it('reads answers, N/A and notes, and names unanswered items', async () => {
		const db = await createTestDb();
		const { items } = await getCurrentRubricVersion(db);
		const form = new FormData();
		form.set('item:greeting', '1');
		form.set('item:verification', '0');
		form.set('item:accuracy', '4');
		form.set('item:escalation', 'na');
		form.set('item:empathy', '3');
		form.set('item:ownership', '9x');
		form.set('note:verification', '  no DOB asked ');
		const parsed = parseAnswerForm(form, items);
		expect(parsed.answers).toEqual({
			greeting: 1,
			verification: 0,
			accuracy: 4,
			escalation: null,
			empathy: 3,
			ownership: -1
		});
		expect(parsed.notes).toEqual({ verification: 'no DOB asked' });
		expect(parsed.missing).toEqual(['Closing: summary, next steps, anything else']);
		await db.close();
	});
});
