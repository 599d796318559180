// The Spanish path's lexicon features. The public corpora are English; the team's Spanish
// examples are a few hundred, so most Spanish sentiment words are never seen in training. The
// ML-SentiCon Spanish polarity lexicon (Cruz et al., 2014) as shipped in @nlpjs/lang-es (MIT)
// rates 7,064 word stems from −1 to 1. For a Spanish text, each word whose stem it rates at
// least LEXICON_MIN (weaker entries are mostly stem collisions: "todo", "lista", "si") gets a marker word appended — "xxespos" or "xxesneg", twice when rated at
// least STRONG — flipped when one of the two words before it negates ("no fue amable",
// "sin problemas"). The model learns what the markers weigh from the Spanish examples and
// applies that to every rated word, seen or not.
import { NormalizerEs, SentimentEs, StemmerEs } from '@nlpjs/lang-es';
import { PLACEHOLDER } from './tokenizer.ts';

export const MARK_POSITIVE = 'xxespos';
export const MARK_NEGATIVE = 'xxesneg';
export const LEXICON_MIN = 0.35;
const STRONG = 0.5;
const NEGATORS = new Set(['no', 'nunca', 'jamas', 'ni', 'sin', 'tampoco', 'nadie', 'nada']);

const lexicon = SentimentEs.senticon;
const normalizer = new NormalizerEs();
const stemmer = new StemmerEs();

/** The marker words for a Spanish text ("" when no word is rated). */
export function spanishMarkers(text: string): string {
	const ws = normalizer
		.normalize(text.replace(new RegExp(PLACEHOLDER.source, 'g'), ' '))
		.match(/\p{L}+/gu);
	if (!ws) return '';
	const out: string[] = [];
	ws.forEach((w, i) => {
		if (NEGATORS.has(w)) return;
		const score = lexicon[stemmer.stem(w)];
		if (score === undefined || Math.abs(score) < LEXICON_MIN) return;
		const negated = NEGATORS.has(ws[i - 1] ?? '') || NEGATORS.has(ws[i - 2] ?? '');
		const positive = score > 0 !== negated;
		const mark = positive ? MARK_POSITIVE : MARK_NEGATIVE;
		out.push(mark);
		if (Math.abs(score) >= STRONG) out.push(mark);
	});
	return out.join(' ');
}

/** The text as the model reads it on the Spanish path: the text, then its markers. */
export function withSpanishMarkers(text: string): string {
	const marks = spanishMarkers(text);
	return marks ? `${text} ${marks}` : text;
}
