import { describe, expect, it } from 'vitest';
import { loadClassifier } from './classifier.ts';
import { mapForeignLabel, polarity, topLabel } from './labels.ts';

describe('the committed default model, through transformers.js', () => {
	it.each([
		['The pharmacist was very helpful and kind, thank you!', 'positive'],
		['Terrible service, I waited an hour and nobody helped me.', 'negative'],
		['The agent was not helpful at all.', 'negative'],
		['No problems at all, very easy.', 'positive'],
		['Can you tell me when my prescription will be ready?', 'neutral'],
		['Excelente servicio, muy amables.', 'positive'],
		['Pésimo servicio, nadie me ayudó.', 'negative'],
		['this medication worked great for my pain with no side effects', 'positive']
	])('labels "%s" %s', async (text, expected) => {
		const classifier = await loadClassifier();
		const [scores] = await classifier.classify([text]);
		expect(topLabel(scores)).toBe(expected);
		expect(classifier.modelVersion).toMatch(/^careloop-sentiment@[0-9a-f]{12}$/);
	});

	it('gives redaction placeholders no weight: "[DOB]" scores as an empty text', async () => {
		const classifier = await loadClassifier();
		const [placeholder, empty, sentence, without] = await classifier.classify([
			'[DOB]',
			'',
			'My date of birth is [DOB] and my phone is [PHONE].',
			'My date of birth is and my phone is .'
		]);
		expect(placeholder).toEqual(empty);
		expect(sentence).toEqual(without);
	});

	it('scores an empty list and an empty text', async () => {
		const classifier = await loadClassifier();
		expect(await classifier.classify([])).toEqual([]);
		const [empty] = await classifier.classify(['']);
		expect(empty.negative + empty.neutral + empty.positive).toBeCloseTo(1, 5);
	});
});

describe('labels', () => {
	it('maps other models’ label names', () => {
		expect(mapForeignLabel('NEGATIVE', 0, 2)).toBe('negative');
		expect(mapForeignLabel('POSITIVE', 1, 2)).toBe('positive');
		expect(mapForeignLabel('LABEL_1', 1, 3)).toBe('neutral');
		expect(mapForeignLabel('LABEL_1', 1, 2)).toBe('positive');
		expect(mapForeignLabel('2 stars', 1, 5)).toBe('negative');
		expect(mapForeignLabel('3 stars', 2, 5)).toBe('neutral');
		expect(mapForeignLabel('5 stars', 4, 5)).toBe('positive');
		expect(mapForeignLabel('anger', 0, 6)).toBeNull();
	});

	it('defines polarity as p(positive) − p(negative)', () => {
		// 0.7 − 0.1 = 0.6
		expect(polarity({ negative: 0.1, neutral: 0.2, positive: 0.7 })).toBeCloseTo(0.6, 10);
	});
});
