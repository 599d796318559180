// @nlpjs/lang-es ships no types; only what the Spanish lexicon path uses.
declare module '@nlpjs/lang-es' {
	export class NormalizerEs {
		normalize(text: string): string;
	}
	export class StemmerEs {
		stem(word: string): string;
	}
	/** The package's Spanish sentiment data: ML-SentiCon stems rated −1 … 1, among others. */
	export const SentimentEs: { senticon: Record<string, number>; negations: { words: string[] } };
}
