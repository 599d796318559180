// findPhi: every identifier in one piece of text, as ranges of the original string. The text is
// normalised (spoken numbers → digits), each recogniser proposes candidates with a base score,
// context words raise them, and the best-scoring candidates that do not overlap are kept.
import { dateCandidates } from './dates.ts';
import {
	CONTEXT,
	CONTEXT_BOOST,
	THRESHOLD,
	WEAK_BOOST,
	type Candidate,
	type Entity
} from './entities.ts';
import { numberCandidates } from './numbers.ts';
import { patternCandidates } from './patterns.ts';
import { hasNumberWords, normaliseSpoken } from './spoken.ts';

export interface Finding {
	entity: Entity;
	/** Range in the original text. */
	start: number;
	end: number;
	score: number;
}

export interface DetectOptions {
	/** The turn before (an agent asking "and your date of birth?") lends its strong words. */
	previous?: string | null;
	/** Birth years are judged against this (default: the current year). */
	year?: number;
}

/** Texts without digits, number words or these hold nothing to find: skip the work. */
const MAYBE = /[\d@]|\b(?:dot|pcn|group|grp)\b/i;

const WORDS_BEFORE = 6;
const WORDS_AFTER = 3;

function wordsOf(text: string): Set<string> {
	const out = new Set<string>();
	for (const w of text.toLowerCase().match(/[\p{L}\d'#.]+/gu) ?? []) {
		out.add(w);
		out.add(w.replace(/[#.:']+$/, '').replace(/'s$/, ''));
	}
	return out;
}

/** The few words around a candidate, and the previous turn's words. */
function contextAround(text: string, c: Candidate) {
	const before = text
		.slice(0, c.start)
		.split(/\s+/)
		.slice(-WORDS_BEFORE - 1)
		.join(' ');
	const after = text
		.slice(c.end)
		.split(/\s+/)
		.slice(0, WORDS_AFTER + 1)
		.join(' ');
	return wordsOf(`${before} ${after}`);
}

function boosted(c: Candidate, near: Set<string>, previous: Set<string>): number {
	const ctx = CONTEXT[c.entity];
	if (!ctx || c.contextual === false) return c.score;
	const has = (words: string[] | undefined, set: Set<string>) =>
		(words ?? []).some((w) => set.has(w) || [...set].some((s) => s.startsWith(w) && w.length >= 5));
	if (has(ctx.strong, near) || has(ctx.strong, previous))
		return Math.min(1, c.score + (ctx.boost ?? CONTEXT_BOOST));
	if (has(ctx.weak, near)) return Math.min(1, c.score + WEAK_BOOST);
	return c.score;
}

/** Keeps the strongest candidates; a weaker one that overlaps a kept one is dropped. */
function resolve(cands: Candidate[]): Candidate[] {
	const sorted = [...cands].sort(
		(a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start
	);
	const kept: Candidate[] = [];
	for (const c of sorted) {
		if (c.score < THRESHOLD) break;
		if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
		kept.push(c);
	}
	return kept.sort((a, b) => a.start - b.start);
}

export function findPhi(text: string, opts: DetectOptions = {}): Finding[] {
	if (!text || !(MAYBE.test(text) || hasNumberWords(text))) return [];
	const norm = normaliseSpoken(text);
	const n = norm.text;
	const year = opts.year ?? new Date().getUTCFullYear();
	const previous = wordsOf(opts.previous ?? '');
	const cands = [...numberCandidates(n), ...dateCandidates(n, year), ...patternCandidates(n)].map(
		(c) => ({ ...c, score: boosted(c, contextAround(n, c), previous) })
	);
	return resolve(cands).map((c) => {
		const [start, end] = norm.toOriginal(c.start, c.end);
		return { entity: c.entity, start, end, score: Math.round(c.score * 100) / 100 };
	});
}
