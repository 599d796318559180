// Identifiers made of digits: phone, SSN, NPI, card, Rx number and numeric member ids.
// Spoken and written numbers arrive in any grouping ("617, 5 55, 12 12", "555-123-4567",
// "6023417"), so the text is cut into chains of digit groups joined by light separators, and
// every consecutive stretch of groups is read as a whole number and tried against each kind.
import { cardValid, nanpValid, npiValid, ssnValid } from './checks.ts';
import type { Candidate } from './entities.ts';

interface Group {
	digits: string;
	start: number;
	end: number;
	/** The separator before this group ('' for the first). */
	sep: string;
}

/** Chains of digit groups; a separator is up to 3 of space . , ( ) - (not a line break; a slash
 * makes a date, not a number). */
function chains(text: string): Group[][] {
	const out: Group[][] = [];
	let chain: Group[] = [];
	let lastEnd = -1;
	for (const m of text.matchAll(/\d+/g)) {
		const start = m.index;
		const before = text[start - 1];
		const after = text[start + m[0].length];
		// Part of a word ("A034", "4B") or a money amount / decimal: not an identifier group here.
		const glued =
			(before !== undefined && /[A-Za-z$]/.test(before)) ||
			(after !== undefined && /[A-Za-z]/.test(after));
		const sep = lastEnd >= 0 ? text.slice(lastEnd, start) : '';
		if (chain.length && (glued || !/^[\s.,()-]{1,3}$/.test(sep) || /\n/.test(sep))) {
			out.push(chain);
			chain = [];
		}
		// "(617) 555-0142": the opening bracket belongs to the number.
		const open = before === '(' && text[start + m[0].length] === ')' ? 1 : 0;
		if (!glued)
			chain.push({
				digits: m[0],
				start: start - open,
				end: start + m[0].length,
				sep: chain.length ? sep : ''
			});
		lastEnd = start + m[0].length;
	}
	if (chain.length) out.push(chain);
	return out;
}

const shape = (gs: Group[]) => gs.map((g) => g.digits.length).join('-');
const seps = (gs: Group[]) => gs.slice(1).map((g) => g.sep.trim() || ' ');

function phoneScore(gs: Group[], digits: string): number {
	if (!nanpValid(digits)) return 0;
	const s = shape(gs);
	// (617) 555-1212, 617-555-1212, 617.555.1212, 1-800-555-1212
	if (['3-3-4', '1-3-3-4'].includes(s)) return 0.6;
	return digits.length === 10 ? 0.5 : 0.4;
}

function ssnScore(gs: Group[], digits: string): number {
	if (!ssnValid(digits)) return 0;
	if (shape(gs) === '3-2-4' && new Set(seps(gs)).size === 1) return 0.5;
	return 0.3;
}

/** Every stretch of consecutive groups in a chain, with its digits. */
function* stretches(chain: Group[]): Generator<{ gs: Group[]; digits: string }> {
	for (let a = 0; a < chain.length; a++) {
		let digits = '';
		for (let b = a; b < chain.length && digits.length < 20; b++) {
			digits += chain[b].digits;
			yield { gs: chain.slice(a, b + 1), digits };
		}
	}
}

/** Labels read before a value, never part of it. */
const NOT_PREFIX = new Set([
	'I',
	'A',
	'ID',
	'RX',
	'NPI',
	'DEA',
	'BIN',
	'PCN',
	'MBI',
	'SSN',
	'DOB',
	'NDC'
]);

/** Where an id begins when letters are read out before its digits ("XZP 4412…", "J Q X 55…"). */
function withLetterPrefix(text: string, start: number): number {
	const m = /(?:\b([A-Z]{1,4})|((?:\b[A-Z] ){1,3}\b[A-Z]))[ -]$/.exec(text.slice(0, start));
	if (!m) return start;
	const letters = (m[1] ?? m[2]).replace(/ /g, '');
	return NOT_PREFIX.has(letters) ? start : m.index;
}

export function numberCandidates(text: string): Candidate[] {
	const out: Candidate[] = [];
	for (const chain of chains(text)) {
		for (const { gs, digits } of stretches(chain)) {
			const at = { start: gs[0].start, end: gs[gs.length - 1].end, contextual: true };
			const n = digits.length;
			if (n === 10 || (n === 11 && digits.startsWith('1'))) {
				const score = phoneScore(gs, digits);
				const plus = text[at.start - 1] === '+' ? 1 : 0;
				if (score) out.push({ entity: 'PHONE', score, ...at, start: at.start - plus });
			}
			if (n === 7 && shape(gs) === '3-4') out.push({ entity: 'PHONE', score: 0.2, ...at });
			if (n === 9) {
				const score = ssnScore(gs, digits);
				if (score) out.push({ entity: 'SSN', score, ...at });
			}
			if (n === 10 && npiValid(digits)) out.push({ entity: 'NPI', score: 0.45, ...at });
			if (n >= 13 && n <= 19 && cardValid(digits)) {
				const inFours = gs.length > 1 && gs.slice(0, -1).every((g) => g.digits.length === 4);
				out.push({ entity: 'CARD', score: inFours || gs.length === 1 ? 0.6 : 0.5, ...at });
			}
			// Rx numbers, BINs and numeric member ids look like any other number: context decides.
			// Read out digit by digit ("2 2 4 9 8 1 0"), any number of groups is one number.
			const oneByOne = gs.every((g) => g.digits.length === 1);
			if (n >= 6 && n <= 12 && (gs.length <= 3 || oneByOne))
				out.push({ entity: 'RX_NUMBER', score: 0.15, ...at });
			if (n >= 6 && n <= 16 && (gs.length <= 4 || oneByOne))
				out.push({
					entity: 'MEMBER_ID',
					score: 0.1,
					...at,
					start: withLetterPrefix(text, at.start)
				});
		}
	}
	return out;
}
