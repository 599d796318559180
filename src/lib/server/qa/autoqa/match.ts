// Phrase matching for AutoQA rules, kept simple enough for a QA lead to predict: a phrase matches
// whole words, case-insensitively, with curly quotes read as straight ones and runs of spaces and
// punctuation between words ignored ("anything else" matches "Anything  else?"). Two tokens:
// `*` stands for one to three words ("place you on * hold"); `{name}` for a capitalised word
// that is not a common word ("this is {name}" matches "this is Maria", not "this is the").

export interface PhraseHit {
	phrase: string;
	/** The words as they appear in the turn (curly quotes made straight). */
	words: string;
}

const NOT_NAMES = new Set(
	'the a an your my our this that it is was calling about how what who me you we they he she'.split(
		' '
	)
);

const compiled = new Map<string, RegExp>();

function escape(word: string): string {
	return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words of a phrase, as the matcher sees them: apostrophes kept inside words. */
function words(phrase: string): string[] {
	return normalise(phrase)
		.split(/[^\p{L}\p{N}'*{}]+/u)
		.filter((w) => w !== '' && w !== "'");
}

export function normalise(text: string): string {
	return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

function regexFor(phrase: string): RegExp {
	let re = compiled.get(phrase);
	if (re) return re;
	const parts = words(phrase).map((w) => {
		if (w === '*') return "[\\p{L}\\p{N}']+(?:[^\\p{L}\\p{N}']+[\\p{L}\\p{N}']+){0,2}";
		if (w.toLowerCase() === '{name}') return "(?<name>[\\p{L}][\\p{L}'-]*)";
		return escape(w);
	});
	const body = parts.join("[^\\p{L}\\p{N}']+");
	re = new RegExp(`(?<![\\p{L}\\p{N}'])${body}(?![\\p{L}\\p{N}'])`, 'giu');
	compiled.set(phrase, re);
	return re;
}

/** Every phrase of the list found in the text (first occurrence each), in list order. */
export function findPhrases(text: string, phrases: readonly string[]): PhraseHit[] {
	const t = normalise(text);
	const hits: PhraseHit[] = [];
	for (const phrase of phrases) {
		if (words(phrase).length === 0) continue;
		const re = regexFor(phrase);
		re.lastIndex = 0;
		for (let m = re.exec(t); m !== null; m = re.exec(t)) {
			const name = m.groups?.name;
			// A name must start with a capital letter and not be a common word.
			if (name !== undefined && (!/^\p{Lu}/u.test(name) || NOT_NAMES.has(name.toLowerCase())))
				continue;
			hits.push({ phrase, words: m[0] });
			break;
		}
	}
	return hits;
}

/** True when the phrase is well formed: it has at least one word and `*` never stands alone. */
export function phraseProblem(phrase: string): string | null {
	const w = words(phrase);
	if (w.length === 0) return `"${phrase}" has no words.`;
	if (w.every((x) => x === '*' || x.toLowerCase() === '{name}'))
		return `"${phrase}" needs at least one plain word.`;
	if (/[{}]/.test(phrase.replace(/\{name\}/gi, '')))
		return `"${phrase}": the only token in braces is {name}.`;
	return null;
}
