import { describe, expect, it } from 'vitest';
import { findPhrases, phraseProblem } from './match.ts';

describe('findPhrases', () => {
	it.each([
		['Is there anything  else?', 'anything else', 'anything  else'],
		['ANYTHING ELSE I can do', 'anything else', 'ANYTHING ELSE'],
		['I’m sorry to hear that', "I'm sorry", "I'm sorry"],
		['May I place you on a brief hold?', 'place you on * hold', 'place you on a brief hold'],
		['CareLoop Pharmacy, Maria speaking.', '{name} speaking', 'Maria speaking'],
		['Hello, this is Derek at CareLoop.', 'this is {name}', 'this is Derek']
	])('finds "%s" with "%s"', (text, phrase, words) => {
		expect(findPhrases(text, [phrase])).toEqual([{ phrase, words }]);
	});

	it.each([
		['Thank you for holding.', 'hold'],
		['the ZIP code', 'zip codes'],
		['This is the pharmacy.', 'this is {name}'],
		['this is maria', 'this is {name}'],
		['place you on a very long and boring hold', 'place you on * hold']
	])('does not find "%s" with "%s"', (text, phrase) => {
		expect(findPhrases(text, [phrase])).toEqual([]);
	});

	it('lists each phrase once, in list order', () => {
		expect(
			findPhrases('Sorry, so sorry. I understand.', ['I understand', 'sorry']).map((h) => h.phrase)
		).toEqual(['I understand', 'sorry']);
	});
});

describe('phraseProblem', () => {
	it('refuses empty phrases, lone tokens and unknown braces', () => {
		expect(phraseProblem(' ,. ')).toMatch(/no words/);
		expect(phraseProblem('* {name}')).toMatch(/plain word/);
		expect(phraseProblem('this is {agent}')).toMatch(/braces/);
		expect(phraseProblem('this is {name}')).toBeNull();
	});
});
