// The tokenizer of the self-trained model, written as a tokenizer.json that transformers.js
// runs itself. Training pre-tokenises through transformers.js too, so the words the model
// learned from are exactly the words it is given at run time.
//
// Normaliser: PHI placeholders put in by redaction ("[DOB]", "[PHONE]") are removed, so they
// weigh nothing; contractions ("didn't", "can't", "won't", SST-2's "did n't") become "… not" so
// a negation is one word for the bigram features; lower case, accents stripped ("rápido" =
// "rapido", so Spanish typed without accents matches). Pre-tokeniser:
// BERT's (whitespace and every punctuation mark apart). Model: WordLevel, a plain lookup.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';

export const PAD = '[PAD]';
export const UNK = '[UNK]';
/**
 * Longer texts are truncated by the tokenizer (transformers.js passes truncation: true). 512,
 * not 256: a DrugLib review ends with its comments, the part that says most about the rating,
 * and 7% of reviews run past 256 words (4-fold cross-validation on the training reviews: 83.6%
 * → 87.2% binary). Short texts, i.e. nearly every comment and turn, cost the same either way.
 */
export const MAX_TOKENS = 512;
/** A redaction placeholder: capitals, digits and underscores in square brackets. */
export const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*\]/;

/**
 * Plain regular expressions and whole-string steps: BERT's own normaliser tests a regular
 * expression per character and transformers.js rewrites \\b into look-arounds, which together
 * cost more than the model itself. The same steps otherwise: control characters dropped, lower
 * case, accents stripped.
 */
const NORMALIZERS = [
	{ type: 'Replace', pattern: { Regex: PLACEHOLDER.source }, content: ' ' },
	{ type: 'Replace', pattern: { Regex: '[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}\\uFFFD]' }, content: ' ' },
	{
		type: 'Replace',
		pattern: { Regex: "(?<![A-Za-z])([Cc])an ?[’']t(?![A-Za-z])" },
		content: '$1an not'
	},
	{
		type: 'Replace',
		pattern: { Regex: "(?<![A-Za-z])([Ww])o ?n[’']t(?![A-Za-z])" },
		content: '$1ill not'
	},
	{
		type: 'Replace',
		pattern: { Regex: "(?<=[A-Za-z]) ?[Nn][’'][Tt](?![A-Za-z])" },
		content: ' not'
	},
	{ type: 'Lowercase' },
	{ type: 'NFD' },
	{ type: 'StripAccents' }
];

/** The prefix of a word inside a negation's scope ("not helpful" → "not xneghelpful"). */
export const NEGATED = 'xneg';
/** Words that open a negation scope (contractions are "… not" by then). */
export const NEGATORS = ['not', 'no', 'never'];

/**
 * Negation scope (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002): every word after a negator,
 * up to `words` of them (0: up to the clause's end), until the next . , ! ? ; or : is read as
 * its own negated word, so "not very helpful" no longer counts the plain "helpful" and a
 * negation far from its word still turns it. A lookbehind regular expression on the normalised
 * text (after lower case and accent stripping), so the exported tokenizer does it at run time
 * exactly as at training. Spanish lexicon markers ("xxes…") are left alone: they carry their
 * own negation. `negators` replaces the words that open a scope (e.g. Spanish "nunca" added).
 */
export function negationNormalizer(words = 0, negators = NEGATORS): object {
	// Matched on the normalised text: lower case, accents stripped ("jamás" is "jamas").
	const bad = negators.find((w) => !/^[a-z]+$/.test(w));
	if (bad !== undefined || negators.length === 0)
		throw new Error(
			`Negators must be lower-case words of the letters a–z (accents stripped), not "${bad ?? ''}".`
		);
	const sep = '[^\\p{L}\\p{N}.,!?;:]+';
	const gap = `(?:${sep}[\\p{L}\\p{N}]+)${words > 0 ? `{0,${words - 1}}` : '*'}`;
	return {
		type: 'Replace',
		pattern: {
			Regex: `(?<=(?<![\\p{L}\\p{N}])(?:${negators.join('|')})${gap}${sep})(?!xxes)(\\p{L}+)`
		},
		content: `${NEGATED}$1`
	};
}

export interface TokenizerOptions {
	/** Mark words in a negation's scope (negationNormalizer); undefined or false: off. */
	negation?: false | { words: number; negators?: string[] };
}

export function tokenizerJson(vocab: string[], o: TokenizerOptions = {}): object {
	const normalizers = o.negation
		? [...NORMALIZERS, negationNormalizer(o.negation.words, o.negation.negators)]
		: NORMALIZERS;
	return {
		version: '1.0',
		truncation: null,
		padding: null,
		// [PAD] and [UNK] live in the vocabulary only: listed as added tokens, every text would be
		// scanned for them character by character before normalising (a measurable share of the
		// scoring time), and no text ever needs them recognised.
		added_tokens: [],
		normalizer: { type: 'Sequence', normalizers },
		pre_tokenizer: { type: 'BertPreTokenizer' },
		post_processor: null,
		decoder: null,
		model: {
			type: 'WordLevel',
			vocab: Object.fromEntries(vocab.map((word, id) => [word, id])),
			unk_token: UNK
		}
	};
}

export const tokenizerConfig = {
	tokenizer_class: 'PreTrainedTokenizerFast',
	pad_token: PAD,
	unk_token: UNK,
	model_max_length: MAX_TOKENS,
	do_lower_case: true,
	clean_up_tokenization_spaces: false
};

export function writeTokenizer(dir: string, vocab: string[], o: TokenizerOptions = {}): void {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab, o)));
	writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, '\t'));
}

/**
 * Normalised words of each text, as the exported tokenizer will see them (before the vocab
 * lookup and before truncation), using a throw-away tokenizer with an empty vocabulary.
 */
export async function pretokenize(texts: string[], o: TokenizerOptions = {}): Promise<string[][]> {
	const dir = mkdtempSync(join(tmpdir(), 'careloop-tok-'));
	try {
		writeTokenizer(dir, [PAD, UNK], o);
		const tokenizer = await loadLocal(dir, (id) => AutoTokenizer.from_pretrained(id));
		return texts.map((text) => tokenizer.tokenize(text));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Ids as the exported tokenizer gives them: WordLevel lookup, unknown → [UNK], truncated. */
export function toIds(words: string[], index: Map<string, number>): number[] {
	const unk = index.get(UNK) ?? 1;
	const n = Math.min(words.length, MAX_TOKENS);
	const ids = new Array<number>(n);
	for (let i = 0; i < n; i++) ids[i] = index.get(words[i]) ?? unk;
	return ids;
}

/** Where hub models live once pulled, and transformers.js's local model root. */
export const MODELS_DIR = 'data/models';

/**
 * Loads a model folder through transformers.js, offline. The folder is passed as an absolute
 * path (which transformers.js reads as is, not as a hub id under localModelPath), so loads of
 * different folders never race on the global env.
 */
export async function loadLocal<T>(dir: string, load: (id: string) => Promise<T>): Promise<T> {
	env.allowRemoteModels = false;
	env.allowLocalModels = true;
	env.localModelPath = resolve(MODELS_DIR) + '/';
	return load(resolve(dir));
}
