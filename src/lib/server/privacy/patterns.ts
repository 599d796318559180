// Identifiers with a shape of their own (MBI, DEA, NDC, e-mail, street address) and the ones a
// caller reads off an insurance card after its label ("BIN 610014", "PCN ADV", "group RX4471",
// "member ID XZP123456789"): the label names the entity, the next token is its value.
import { deaValid, mbiValid } from './checks.ts';
import type { Candidate, Entity } from './entities.ts';

const at = (entity: Entity, start: number, end: number, score: number, contextual = true) => ({
	entity,
	start,
	end,
	score,
	contextual
});

function shaped(text: string): Candidate[] {
	const out: Candidate[] = [];
	// MBI: 1EG4-TE5-MK73 or 1EG4TE5MK73.
	for (const m of text.matchAll(/\b[1-9][A-Za-z0-9]{3}-?[A-Za-z0-9]{3}-?[A-Za-z0-9]{4}\b/g))
		if (mbiValid(m[0]) && /[A-Z]/.test(m[0]))
			out.push(at('MBI', m.index, m.index + m[0].length, 0.7));
	// DEA: two letters and seven digits whose check digit holds.
	for (const m of text.matchAll(/\b[A-Za-z][A-Za-z9][- ]?\d{7}\b/g))
		if (deaValid(m[0].replace(/[- ]/, '')))
			out.push(at('DEA', m.index, m.index + m[0].length, 0.65));
	// NDC: 4-4-2, 5-3-2, 5-4-1 or 5-4-2 with dashes.
	for (const m of text.matchAll(/\b(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})\b/g))
		out.push(at('NDC', m.index, m.index + m[0].length, 0.6));
	for (const m of text.matchAll(
		/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g
	))
		out.push(at('EMAIL', m.index, m.index + m[0].length, 0.9, false));
	// Spoken: "j smith at gmail dot com" (an initial spelled apart), "maria underscore lopez at …".
	for (const m of text.matchAll(
		/\b(?:[a-z]\s+)?[a-z0-9]+(?:\s*(?:dot|underscore|\.|_)\s*[a-z0-9]+)*\s+at\s+[a-z0-9]+(?:\s+dot\s+[a-z0-9]+)*\s+dot\s+(?:com|net|org|edu|gov|us|info)\b/gi
	))
		out.push(at('EMAIL', m.index, m.index + m[0].length, 0.8, false));
	return out;
}

const SUFFIX =
	'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|circle|cir|terrace|ter|parkway|pkwy|highway|hwy|trail|trl|square|sq|calle|avenida';
const STOP = new Set(
	'on the a an to for in at of my your and or with from by down up is was it this that'.split(' ')
);
const ADDRESS = new RegExp(
	`\\b(\\d{1,6}(?: \\d{1,3})?[A-Za-z]?)\\s+((?:[NSEW]\\.?\\s+|(?:north|south|east|west)\\s+)?(?:(?:\\d{1,3}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'.]*)\\s+){1,3})(${SUFFIX})\\b\\.?` +
		`(?:,?\\s+(?:apt|apartment|unit|suite|ste|#)\\.?\\s*#?[A-Za-z0-9-]{1,6})?` +
		`(?:,\\s+[A-Z][A-Za-z]+(?:\\s+[A-Z][A-Za-z]+)?(?:,?\\s+[A-Z]{2})?(?:,?\\s+\\d{5}(?:-\\d{4})?)?)?`,
	'gi'
);

function addresses(text: string): Candidate[] {
	const out: Candidate[] = [];
	for (const m of text.matchAll(ADDRESS)) {
		const words = m[2].trim().toLowerCase().split(/\s+/);
		if (words.some((w) => STOP.has(w))) continue;
		out.push(at('ADDRESS', m.index, m.index + m[0].length, 0.8, false));
	}
	for (const m of text.matchAll(/\b(?:p\.?\s?o\.?\s?box|post office box)\s+\d{1,6}\b/gi))
		out.push(at('ADDRESS', m.index, m.index + m[0].length, 0.8, false));
	// Spanish order: "350 Calle Sol", "12 Avenida de la Paz".
	for (const m of text.matchAll(
		/\b\d{1,6}\s+(?:calle|avenida|camino|paseo)\s+(?:de\s+(?:la\s+|los\s+)?)?[A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)?/giu
	))
		out.push(at('ADDRESS', m.index, m.index + m[0].length, 0.8, false));
	// A ZIP code said as such.
	for (const m of text.matchAll(/\bzip(?:\s*code)?(?:\s+is)?[\s:,]+(\d{5}(?:-\d{4})?)\b/gi)) {
		const start = m.index + m[0].lastIndexOf(m[1]);
		out.push(at('ADDRESS', start, start + m[1].length, 0.75, false));
	}
	return out;
}

/** A label, then within a few words the value: letters and digits, the value's own shape. */
const KEYED: { entity: Entity; label: string; value: string; score: number }[] = [
	{
		entity: 'BIN',
		label: '(?:rx\\s*)?bin(?:\\s*(?:number|no\\.?|#))?',
		value: '\\d{6}',
		score: 0.85
	},
	{
		entity: 'PCN',
		label: '(?:rx\\s*)?(?:pcn|processor control(?:\\s*number)?)',
		value: '[A-Z0-9]{2,10}',
		score: 0.85
	},
	{
		entity: 'GROUP_ID',
		label: '(?:rx\\s*)?(?:group|grp)(?:\\s*(?:number|no\\.?|#|id))?',
		value: '(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{2,14}|[A-Z]{3,12}',
		score: 0.85
	},
	{
		entity: 'MEMBER_ID',
		label:
			'(?:member|subscriber|insurance|policy|medicaid|plan|cardholder)\\s*(?:id|number|no\\.?|#)|id\\s*number|identification\\s*number',
		value: '(?=[A-Z0-9-]*\\d{3})[A-Z0-9][A-Z0-9-]{4,19}',
		score: 0.85
	}
];

function keyed(text: string): Candidate[] {
	const out: Candidate[] = [];
	for (const k of KEYED) {
		// Case-insensitive label, case-sensitive value (ids are read out in capitals).
		const label = new RegExp(
			`\\b(?:${k.label})\\b(?:\\s+(?:is|was|are|number))?[\\s:,-]*(?:it'?s\\s+)?`,
			'gi'
		);
		const value = new RegExp(`^(?:${k.value})\\b`);
		for (const m of text.matchAll(label)) {
			const from = m.index + m[0].length;
			const v = value.exec(text.slice(from));
			if (v && v[0].length > 0) out.push(at(k.entity, from, from + v[0].length, k.score, false));
		}
	}
	// Letters and digits read off a card without a label here (context may still say member id).
	for (const m of text.matchAll(/\b(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){5})[A-Z0-9]{8,20}\b/g))
		out.push(at('MEMBER_ID', m.index, m.index + m[0].length, 0.2));
	return out;
}

/** "the last four of my social are 5090": a partial SSN is still one. */
function lastFour(text: string): Candidate[] {
	const out: Candidate[] = [];
	const re =
		/\blast\s+(?:four|4)(?:\s+digits)?\s+of\s+(?:my|your|his|her|the)\s+(?:social(?:\s+security)?|ssn)(?:\s+number)?(?:\s+(?:is|are|was))?[\s:,]*(\d{4}|\d \d \d \d)\b/gi;
	for (const m of text.matchAll(re)) {
		const start = m.index + m[0].length - m[1].length;
		out.push(at('SSN', start, start + m[1].length, 0.8, false));
	}
	return out;
}

export function patternCandidates(text: string): Candidate[] {
	return [...shaped(text), ...addresses(text), ...keyed(text), ...lastFour(text)];
}
