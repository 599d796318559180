// Dates of birth. Any full date is a candidate; "birth", "born", "DOB" nearby (or in the agent's
// question just before) make it one. Without such words a full date whose year lies 15 or more
// years back is still taken: in a pharmacy call that is nearly always the caller's birth date,
// while fill and delivery dates are recent. A day and month without a year need the words.
import type { Candidate } from './entities.ts';

const MONTHS: Record<string, number> = {
	january: 1,
	february: 2,
	march: 3,
	april: 4,
	may: 5,
	june: 6,
	july: 7,
	august: 8,
	september: 9,
	october: 10,
	november: 11,
	december: 12,
	enero: 1,
	febrero: 2,
	marzo: 3,
	abril: 4,
	mayo: 5,
	junio: 6,
	julio: 7,
	agosto: 8,
	septiembre: 9,
	setiembre: 9,
	octubre: 10,
	noviembre: 11,
	diciembre: 12
};
const ABBREV: Record<string, number> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	sept: 9,
	oct: 10,
	nov: 11,
	dec: 12
};

const MONTH = `(?:${[...Object.keys(MONTHS), ...Object.keys(ABBREV)].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY = `(\\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = `(\\d{4}|'?\\d{2})`;

const FORMS: { re: RegExp; form: 'named-mdy' | 'named-dmy' | 'named-ymd' | 'numeric' | 'iso' }[] = [
	// April 15, 1964 · April 15th 1964 · Apr. 15 '64 · June the 9th · April 15 (year optional)
	{
		re: new RegExp(`\\b(${MONTH})\\s+(?:the\\s+)?${DAY}(?:,?\\s+(?:of\\s+)?${YEAR})?\\b`, 'gi'),
		form: 'named-mdy'
	},
	// 15 April 1964 · 15th of April, 1964 · 15 de abril de 1964
	{
		re: new RegExp(
			`\\b${DAY}\\s+(?:of\\s+|de\\s+)?(${MONTH})(?:,?\\s+(?:de\\s+)?${YEAR})?\\b`,
			'gi'
		),
		form: 'named-dmy'
	},
	// 4/15/1964 · 04-15-64 · 4.15.64 · "4 15 64" (spoken, normalised)
	{ re: /\b(\d{1,2})([/.-]|\s)(\d{1,2})\2(\d{4}|\d{2})\b/g, form: 'numeric' },
	// "nineteen eighty-one, March twentieth" (the year first)
	{
		re: new RegExp(`\\b(\\d{4}),?\\s+(${MONTH})\\s+(?:the\\s+)?${DAY}\\b`, 'gi'),
		form: 'named-ymd'
	},
	// "oh seven, twenty-two, nineteen seventy-one" (normalised: 07, 22, 1971)
	{ re: /\b(\d{1,2})(,\s+)(\d{1,2}),\s+(\d{4}|\d{2})\b/g, form: 'numeric' },
	// 1964-04-15
	{ re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, form: 'iso' }
];

function monthOf(word: string): number | null {
	const w = word.toLowerCase().replace(/\.$/, '');
	return MONTHS[w] ?? ABBREV[w] ?? null;
}

function fullYear(raw: string, thisYear: number): number {
	const digits = raw.replace("'", '');
	if (digits.length === 4) return Number(digits);
	const y = Number(digits);
	// Two digits: a birth year, so not in the future.
	return y + (2000 + y <= thisYear ? 2000 : 1900);
}

export function dateCandidates(text: string, thisYear: number): Candidate[] {
	const out: Candidate[] = [];
	for (const { re, form } of FORMS) {
		for (const m of text.matchAll(re)) {
			let month: number | null;
			let day: number;
			let yearRaw: string | undefined;
			if (form === 'numeric') [month, day, yearRaw] = [Number(m[1]), Number(m[3]), m[4]];
			else if (form === 'named-mdy') [month, day, yearRaw] = [monthOf(m[1]), Number(m[2]), m[3]];
			else if (form === 'named-dmy') [day, month, yearRaw] = [Number(m[1]), monthOf(m[2]), m[3]];
			else if (form === 'named-ymd') [yearRaw, month, day] = [m[1], monthOf(m[2]), Number(m[3])];
			else [yearRaw, month, day] = [m[1], Number(m[2]), Number(m[3])];
			if (month === null || month < 1 || month > 12 || day < 1 || day > 31) continue;
			const at = {
				entity: 'DOB' as const,
				start: m.index,
				end: m.index + m[0].length,
				contextual: true
			};
			if (yearRaw === undefined) {
				out.push({ ...at, score: 0.15 });
				continue;
			}
			const year = fullYear(yearRaw, thisYear);
			if (year < 1900 || year > thisYear) continue;
			// Spoken "4 15 64" or "07, 22, 1971" (normalised) need the words; "/" and "-" stand alone.
			const spoken = form === 'numeric' && (m[2] === ' ' || m[2].startsWith(','));
			const old = thisYear - year >= 15;
			out.push({ ...at, score: spoken ? 0.2 : old ? 0.55 : 0.3 });
		}
	}
	return out;
}
