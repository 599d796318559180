import { describe, expect, it } from 'vitest';
import { pretokenize } from './tokenizer.ts';

describe('negation scope in the exported tokenizer', () => {
	it('marks every word after not / no / never until the clause ends', async () => {
		const [a, b, c] = await pretokenize(
			[
				"The pharmacist wasn't very helpful, but the refill was fine.",
				'No hassle at all. Ready on time!',
				'Él no fue amable xxesneg'
			],
			{ negation: { words: 0 } }
		);
		expect(a).toEqual(
			'the pharmacist was not xnegvery xneghelpful , but the refill was fine .'.split(' ')
		);
		expect(b).toEqual('no xneghassle xnegat xnegall . ready on time !'.split(' '));
		// Accents are stripped first; a Spanish lexicon marker keeps its own (already negated) sign.
		expect(c).toEqual('el no xnegfue xnegamable xxesneg'.split(' '));
	});

	it('stops after a number of words when asked, and leaves words containing "no" alone', async () => {
		const [a] = await pretokenize(['Never again will I go there; nothing notable'], {
			negation: { words: 2 }
		});
		expect(a).toEqual('never xnegagain xnegwill i go there ; nothing notable'.split(' '));
		const [plain] = await pretokenize(["It wasn't good"]);
		expect(plain).toEqual(['it', 'was', 'not', 'good']);
	});
});

describe('negation scope with other negators', () => {
	it('opens a scope at the words given, and only at those', async () => {
		// "nunca" opens a scope; "not" is no longer a negator, so "good" stays plain; the accent of
		// "jamás" is stripped before matching, so "jamas" opens one too.
		const [a, b, c] = await pretokenize(
			['Nunca me llamaron.', "It wasn't good", 'Jamás volveré, lo juro'],
			{ negation: { words: 0, negators: ['nunca', 'jamas'] } }
		);
		expect(a).toEqual('nunca xnegme xnegllamaron .'.split(' '));
		expect(b).toEqual(['it', 'was', 'not', 'good']);
		expect(c).toEqual('jamas xnegvolvere , lo juro'.split(' '));
	});

	it('refuses a negator the normalised text can never contain', async () => {
		await expect(
			pretokenize(['x'], { negation: { words: 0, negators: ['Jamás'] } })
		).rejects.toThrow(/Negators must be lower-case/);
		await expect(pretokenize(['x'], { negation: { words: 0, negators: [] } })).rejects.toThrow(
			/Negators must be lower-case/
		);
	});
});
