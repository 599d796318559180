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
