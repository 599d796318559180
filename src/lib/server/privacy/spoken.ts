// Transcripts spell identifiers out: "five five five, oh one nine nine", "nineteen sixty-four",
// "one E G four T E five M K seven three". Before the recognisers run, runs of number words
// become digits and letter-by-letter runs are joined, and every piece remembers where it came
// from, so a match in the normalised text maps back to the exact words it covers.
//
// Within a run, single digits join ("five five five" → 555), a multi-digit group stands apart
// ("four fifteen sixty-four" → "4 15 64"), and 19 or 20 followed by a two-digit group is a year
// ("nineteen sixty-four" → 1964, "twenty twenty-four" → 2024). Commas end a run.

const DIGITS: Record<string, number> = {
	zero: 0,
	oh: 0,
	o: 0,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9
};
const TEENS: Record<string, number> = {
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19
};
const TENS: Record<string, number> = {
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90
};
const ORDINALS: Record<string, number> = {
	first: 1,
	second: 2,
	third: 3,
	fourth: 4,
	fifth: 5,
	sixth: 6,
	seventh: 7,
	eighth: 8,
	ninth: 9,
	tenth: 10,
	eleventh: 11,
	twelfth: 12,
	thirteenth: 13,
	fourteenth: 14,
	fifteenth: 15,
	sixteenth: 16,
	seventeenth: 17,
	eighteenth: 18,
	nineteenth: 19,
	twentieth: 20,
	thirtieth: 30
};
const REPEAT: Record<string, number> = { double: 2, triple: 3 };
const JOINERS: Record<string, string> = { dash: '-', slash: '/' };

const NUMBER_WORD = new RegExp(
	`\\b(?:${[...Object.keys(DIGITS), ...Object.keys(TEENS), ...Object.keys(TENS), ...Object.keys(ORDINALS), 'hundred', 'thousand'].join('|')})\\b`,
	'i'
);

/** Does the text hold any number word (a cheap test before the real work)? */
export function hasNumberWords(text: string): boolean {
	return NUMBER_WORD.test(text);
}

/** One stretch of the normalised text and the original characters it stands for. */
interface Piece {
	text: string;
	start: number;
	end: number;
	changed: boolean;
}

export interface Normalised {
	text: string;
	/** Maps a [start, end) range of `text` to the original string's range. */
	toOriginal(start: number, end: number): [number, number];
}

type Tok = { text: string; start: number; end: number };

function words(part: string): string[] {
	return part.toLowerCase().split('-');
}

/** Is this word (or hyphenated compound) a number word? "oh"/"o" only next to other numbers. */
function numeric(word: string): boolean {
	return words(word).every(
		(w) =>
			w in DIGITS || w in TEENS || w in TENS || w in ORDINALS || w === 'hundred' || w === 'thousand'
	);
}

/** Digit groups of a run of number words, as strings ("64", "5", "100"). */
function groups(run: string[]): string[] {
	const flat = run.flatMap(words).filter((w) => w !== 'and');
	const out: string[] = [];
	let i = 0;
	const unit = (w: string | undefined) => (w !== undefined && w in DIGITS ? DIGITS[w] : null);
	while (i < flat.length) {
		const w = flat[i];
		if (w in REPEAT && unit(flat[i + 1]) !== null) {
			out.push(String(unit(flat[i + 1])).repeat(REPEAT[w]));
			i += 2;
		} else if (w in JOINERS) {
			out.push(JOINERS[w]);
			i++;
		} else if ((w in DIGITS || w in TEENS) && flat[i + 1] === 'hundred') {
			// "four hundred twenty one" → 421, "nineteen hundred" → 1900
			const head = w in DIGITS ? DIGITS[w] : TEENS[w];
			i += 2;
			// "eight hundred, five five five …" reads digits after the hundred, not 805.
			const digitsFollow = flat[i] in DIGITS && flat[i + 1] in DIGITS;
			const [rest, used] = digitsFollow ? [0, 0] : belowHundred(flat, i);
			out.push(String(head * 100 + (rest ?? 0)));
			i += used;
		} else if (w in DIGITS && DIGITS[w] > 0 && flat[i + 1] === 'thousand') {
			// "two thousand five" → 2005, "two thousand twelve" → 2012
			i += 2;
			const [rest, used] = belowHundred(flat, i);
			out.push(String(DIGITS[w] * 1000 + (rest ?? 0)));
			i += used;
		} else {
			const [value, used] = belowHundred(flat, i);
			if (value === null) {
				i++;
				continue;
			}
			out.push(used === 1 && w in DIGITS ? String(value) : String(value).padStart(2, '0'));
			i += used;
		}
	}
	return out;
}

/** A value below 100 starting at flat[i]: a digit, a teen, tens (+ digit), or an ordinal. */
function belowHundred(flat: string[], i: number): [number | null, number] {
	const w = flat[i];
	if (w === undefined) return [null, 0];
	if (w in DIGITS) return [DIGITS[w], 1];
	if (w in TEENS) return [TEENS[w], 1];
	if (w in ORDINALS) return [ORDINALS[w], 1];
	if (w in TENS) {
		const next = flat[i + 1];
		if (next !== undefined && next in DIGITS && DIGITS[next] > 0)
			return [TENS[w] + DIGITS[next], 2];
		if (next !== undefined && next in ORDINALS && ORDINALS[next] < 10)
			return [TENS[w] + ORDINALS[next], 2];
		return [TENS[w], 1];
	}
	return [null, 1];
}

/** Joins groups: single digits run together, a year is one number, other groups stand apart. */
function joinGroups(gs: string[]): string {
	let out = '';
	let yearHead = false;
	for (let i = 0; i < gs.length; i++) {
		const g = gs[i];
		const prev = gs[i - 1];
		const glue =
			prev === undefined ||
			g === '-' ||
			g === '/' ||
			prev === '-' ||
			prev === '/' ||
			(prev.length === 1 && g.length === 1) ||
			(yearHead && /^\d\d$/.test(g));
		out += glue ? g : ` ${g}`;
		yearHead = !yearHead && (g === '19' || g === '20');
	}
	return out;
}

function tokenize(text: string): Tok[] {
	const out: Tok[] = [];
	for (const m of text.matchAll(/[A-Za-z]+(?:-[A-Za-z]+)*|\d+|\s+|[^\sA-Za-z\d]/g))
		out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
	return out;
}

const isSpace = (t: Tok | undefined) => t !== undefined && /^[ \t]+$/.test(t.text);

/** Number-word runs → digit pieces; everything else as it is. */
function numberPieces(text: string): Piece[] {
	const toks = tokenize(text);
	const pieces: Piece[] = [];
	let i = 0;
	while (i < toks.length) {
		const t = toks[i];
		const lower = t.text.toLowerCase();
		const starts =
			numeric(t.text) && !(lower === 'o' || lower === 'oh' || lower === 'second')
				? true
				: (lower === 'oh' || lower === 'o' || lower in REPEAT) &&
					isSpace(toks[i + 1]) &&
					toks[i + 2] !== undefined &&
					numeric(toks[i + 2].text);
		if (!starts) {
			pieces.push({ text: t.text, start: t.start, end: t.end, changed: false });
			i++;
			continue;
		}
		const run = [t.text];
		let j = i + 1;
		while (isSpace(toks[j]) && toks[j + 1]) {
			const next = toks[j + 1].text;
			const l = next.toLowerCase();
			const joiner = (l in JOINERS || l in REPEAT) && toks[j + 3] && numeric(toks[j + 3].text);
			if (numeric(next) || joiner || (l === 'and' && run.at(-1)?.toLowerCase() === 'hundred')) {
				run.push(next);
				j += 2;
			} else break;
		}
		const digits = joinGroups(groups(run));
		const end = toks[j - 1].end;
		if (digits === '')
			pieces.push({ text: text.slice(t.start, end), start: t.start, end, changed: false });
		else pieces.push({ text: digits, start: t.start, end, changed: true });
		i = j;
	}
	return pieces;
}

/** Letter-by-letter runs ("X Z P 1234", "1 E G 4 T E") become one token when they mix both. */
function joinSpelled(pieces: Piece[]): Piece[] {
	const out: Piece[] = [];
	// "oh" between spelled letters is a zero ("nine P Q oh E F …").
	const unit = (p: Piece | undefined) =>
		p !== undefined && (/^[A-Z]$/.test(p.text) || /^\d+$/.test(p.text) || /^oh?$/i.test(p.text));
	let i = 0;
	while (i < pieces.length) {
		if (!unit(pieces[i])) {
			out.push(pieces[i++]);
			continue;
		}
		let j = i;
		const members = [pieces[i]];
		while (pieces[j + 1]?.text === ' ' && unit(pieces[j + 2])) {
			members.push(pieces[j + 2]);
			j += 2;
		}
		const letters = members.filter((p) => /^[A-Z]$/.test(p.text)).length;
		const joined = members.map((p) => (/^oh?$/i.test(p.text) ? '0' : p.text)).join('');
		if (members.length > 2 && letters >= 2 && letters < members.length && joined.length >= 6) {
			out.push({ text: joined, start: members[0].start, end: members.at(-1)!.end, changed: true });
			i = j + 1;
		} else {
			out.push(pieces[i++]);
		}
	}
	return out;
}

export function normaliseSpoken(text: string): Normalised {
	const pieces = joinSpelled(numberPieces(text));
	const starts: number[] = [];
	let out = '';
	for (const p of pieces) {
		starts.push(out.length);
		out += p.text;
	}
	const pieceAt = (k: number) => {
		let lo = 0;
		let hi = pieces.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= k) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	};
	return {
		text: out,
		toOriginal(start, end) {
			if (pieces.length === 0) return [0, 0];
			const a = pieceAt(start);
			const b = pieceAt(Math.max(start, end - 1));
			const pa = pieces[a];
			const pb = pieces[b];
			const from = pa.changed ? pa.start : pa.start + (start - starts[a]);
			const to = pb.changed ? pb.end : pb.start + (end - starts[b]);
			return [from, Math.min(to, pb.end)];
		}
	};
}
