// From tokenised examples to the flat arrays the fitting loop reads: the vocabulary (words seen
// at least minCount times, most frequent first), feature rows per text, IDF bytes, values.
import { featureRows, featureValues, idfBytes, rowCount, type FeatureSpec } from './features.ts';
import type { FitData } from './fit.ts';
import { PAD, UNK, toIds } from './tokenizer.ts';

export function buildVocab(texts: string[][], minCount: number, extra: string[] = []): string[] {
	const counts = new Map<string, number>();
	for (const words of texts) for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
	const kept = [...counts].filter(([w, n]) => n >= minCount && w !== PAD && w !== UNK);
	kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	const vocab = [PAD, UNK, ...kept.map(([w]) => w)];
	const known = new Set(vocab);
	for (const w of extra) {
		if (known.has(w)) continue;
		vocab.push(w);
		known.add(w);
	}
	return vocab;
}

/** Feature rows of each tokenised text, as the exported tokenizer and graph will see it. */
export function encode(
	words: string[][],
	index: Map<string, number>,
	spec: FeatureSpec
): Int32Array[] {
	return words.map((w) => featureRows(toIds(w, index), spec));
}

export function idfFor(rows: Int32Array[], spec: FeatureSpec): Uint8Array {
	return idfBytes(rows, rowCount(spec));
}

/** Flat arrays for fitLinear. */
export function toFitData(
	rows: Int32Array[],
	idf: Uint8Array,
	labels: Uint8Array,
	weights: Float32Array
): FitData {
	const offsets = new Uint32Array(rows.length + 1);
	for (let i = 0; i < rows.length; i++) offsets[i + 1] = offsets[i] + rows[i].length;
	const flatRows = new Int32Array(offsets[rows.length]);
	const values = new Float32Array(offsets[rows.length]);
	rows.forEach((r, i) => {
		flatRows.set(r, offsets[i]);
		values.set(featureValues(r, idf), offsets[i]);
	});
	return { offsets, rows: flatRows, values, labels, weights };
}
