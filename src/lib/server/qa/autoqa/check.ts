// Checking one transcript against the rules: pure functions, no database. Each rule gives pass,
// fail or N/A with its evidence — the turns it rests on and the words that matched — so a reviewer
// can see why without re-reading the call. Turns are taken in `turn` order.
import { findPhrases, normalise, type PhraseHit } from './match.ts';
import type { AutoQaRule, CallWindow, Outcome, RuleParams } from './rules.ts';

export interface CheckTurn {
	turn: number;
	speaker: string;
	offset: number | null;
	text: string;
	/** The stored sentiment of a patient turn, when scored. */
	sentiment: { label: string; pNegative: number } | null;
}

export interface CheckInput {
	channel: string | null;
	turns: CheckTurn[];
	/** Lower-case drug names the installation knows (fills and the drug-class table). */
	drugNames: ReadonlySet<string>;
}

export interface EvidenceHit {
	turn: number;
	words: string[];
	note: string;
}

export interface Evidence {
	detail: string;
	hits: EvidenceHit[];
}

export interface RuleResult {
	ruleKey: string;
	outcome: Outcome;
	evidence: Evidence;
}

type Params<K extends RuleParams['kind']> = Extract<RuleParams, { kind: K }>;
type Check<K extends RuleParams['kind']> = (
	rule: AutoQaRule,
	p: Params<K>,
	input: CheckInput,
	turns: CheckTurn[]
) => { outcome: Outcome; evidence: Evidence };

const na = (detail: string) => ({ outcome: 'na' as const, evidence: { detail, hits: [] } });
const hit = (turn: number, hits: PhraseHit[], note: string): EvidenceHit => ({
	turn,
	words: hits.map((h) => h.words),
	note
});

function bySpeaker(rule: AutoQaRule, turns: CheckTurn[]): CheckTurn[] {
	return rule.speaker === 'any' ? turns : turns.filter((t) => t.speaker === rule.speaker);
}

/** The turns inside a window; a turn without an offset can only be in it by its position. */
export function inWindow(turns: CheckTurn[], w: CallWindow): CheckTurn[] {
	if (w.seconds === null && w.turns === null) return turns;
	const offsets = turns.map((t) => t.offset).filter((o): o is number => o !== null);
	const first = offsets.length ? Math.min(...offsets) : 0;
	const last = offsets.length ? Math.max(...offsets) : 0;
	return turns.filter((t, i) => {
		const bySeconds =
			w.seconds !== null &&
			t.offset !== null &&
			(w.from === 'start' ? t.offset - first <= w.seconds : last - t.offset <= w.seconds);
		const byTurns =
			w.turns !== null && (w.from === 'start' ? i < w.turns : i >= turns.length - w.turns);
		return bySeconds || byTurns;
	});
}

function firstHits(
	turns: CheckTurn[],
	phrases: string[]
): { turn: CheckTurn; hits: PhraseHit[] } | null {
	for (const t of turns) {
		const hits = findPhrases(t.text, phrases);
		if (hits.length > 0) return { turn: t, hits };
	}
	return null;
}

const greeting: Check<'greeting'> = (rule, p, _input, turns) => {
	if (bySpeaker(rule, turns).length === 0) return na(`No ${rule.speaker} turn.`);
	const window = bySpeaker(rule, inWindow(turns, p.window));
	const name = firstHits(window, p.name);
	const pharmacy = firstHits(window, p.pharmacy);
	const hits = [
		...(name ? [hit(name.turn.turn, name.hits, 'name')] : []),
		...(pharmacy ? [hit(pharmacy.turn.turn, pharmacy.hits, 'pharmacy')] : [])
	];
	const missing = [name ? null : 'a name', pharmacy ? null : 'the pharmacy'].filter(Boolean);
	if (missing.length === 0)
		return { outcome: 'pass', evidence: { detail: 'Greeted with a name and the pharmacy.', hits } };
	const at = window[0]?.turn;
	return {
		outcome: 'fail',
		evidence: {
			detail: `The greeting lacks ${missing.join(' and ')}.`,
			hits: hits.length ? hits : at !== undefined ? [{ turn: at, words: [], note: 'greeting' }] : []
		}
	};
};

function drugHits(text: string, drugs: ReadonlySet<string>): PhraseHit[] {
	const out: PhraseHit[] = [];
	for (const w of text.toLowerCase().split(/[^\p{L}\p{N}-]+/u)) {
		if (drugs.has(w) && !out.some((h) => h.words === w)) out.push({ phrase: w, words: w });
	}
	return out;
}

const identity: Check<'identity'> = (rule, p, input, turns) => {
	const own = bySpeaker(rule, turns);
	let health: { turn: CheckTurn; hits: PhraseHit[] } | null = null;
	for (const t of own) {
		const hits = [
			...findPhrases(t.text, p.health),
			...(p.drugNames ? drugHits(t.text, input.drugNames) : [])
		];
		if (hits.length > 0) {
			health = { turn: t, hits };
			break;
		}
	}
	if (!health) return na('No health information was discussed.');
	const found: EvidenceHit[] = [];
	const kinds = new Set<string>();
	for (const t of own) {
		if (t.turn >= health.turn.turn) break;
		for (const [kind, phrases] of Object.entries(p.identifiers)) {
			const hits = findPhrases(t.text, phrases);
			if (hits.length > 0 && !kinds.has(kind)) {
				kinds.add(kind);
				found.push(hit(t.turn, hits, kind));
			}
		}
	}
	const healthHit = hit(health.turn.turn, health.hits, 'health information');
	if (kinds.size >= p.required)
		return {
			outcome: 'pass',
			evidence: {
				detail: `Verified with ${[...kinds].join(' and ')} before health information.`,
				hits: [...found, healthHit]
			}
		};
	return {
		outcome: 'fail',
		evidence: {
			detail: `Health information at turn ${health.turn.turn} after ${kinds.size === 0 ? 'no identifier' : `only ${[...kinds].join(', ')}`}; ${p.required} required.`,
			hits: [...found, healthHit]
		}
	};
};

/** "(2m 5s)", "(45s)", "3 min" in a hold marker's text, in seconds. */
export function holdSeconds(text: string): number | null {
	const ms = /(\d+)\s*m(?:in)?\s*(\d+)\s*s/i.exec(text);
	if (ms) return Number(ms[1]) * 60 + Number(ms[2]);
	const s = /(\d+)\s*s(?:ec(?:onds?)?)?\b/i.exec(text);
	if (s) return Number(s[1]);
	const m = /(\d+)\s*min(?:utes?)?\b/i.exec(text);
	return m ? Number(m[1]) * 60 : null;
}

const hold: Check<'hold'> = (rule, p, _input, turns) => {
	// Holds are events the phone system writes; a patient saying "I was on hold" is not one.
	const markers = turns.filter(
		(t) => t.speaker === 'system' && findPhrases(t.text, p.markers).length > 0
	);
	if (markers.length === 0) return na('No hold.');
	const problems: EvidenceHit[] = [];
	const isAgent = (t: CheckTurn) => rule.speaker === 'any' || t.speaker === rule.speaker;
	for (const m of markers) {
		const i = turns.indexOf(m);
		const next = turns.slice(i + 1).find(isAgent);
		const prev = turns
			.slice(0, i)
			.reverse()
			.find((t) => isAgent(t) || markers.includes(t));
		if (p.announce.length > 0) {
			const said = prev && isAgent(prev) ? findPhrases(prev.text, p.announce) : [];
			if (said.length === 0) problems.push({ turn: m.turn, words: [], note: 'not announced' });
		}
		if (p.thanks.length > 0) {
			const said = next ? findPhrases(next.text, p.thanks) : [];
			if (said.length === 0)
				problems.push({ turn: next?.turn ?? m.turn, words: [], note: 'not thanked' });
		}
		const nextOffset = turns[i + 1]?.offset ?? null;
		const seconds =
			holdSeconds(m.text) ??
			(m.offset !== null && nextOffset !== null ? nextOffset - m.offset : null);
		if (p.maxHoldSeconds !== null && seconds !== null && seconds > p.maxHoldSeconds)
			problems.push({ turn: m.turn, words: [], note: `hold of ${seconds} s` });
	}
	if (p.maxHolds !== null && markers.length > p.maxHolds)
		problems.push({ turn: markers[0].turn, words: [], note: `${markers.length} holds` });
	const n = markers.length === 1 ? 'one hold' : `${markers.length} holds`;
	return problems.length === 0
		? { outcome: 'pass', evidence: { detail: `${n}, announced and thanked.`, hits: [] } }
		: {
				outcome: 'fail',
				evidence: { detail: `${n}: ${problems.map((x) => x.note).join(', ')}.`, hits: problems }
			};
};

const silence: Check<'silence'> = (_rule, p, _input, turns) => {
	const timed = turns.filter((t) => t.offset !== null);
	if (timed.length < 2) return na('The turns have no offsets.');
	const long: EvidenceHit[] = [];
	let counted = 0;
	for (let i = 1; i < timed.length; i++) {
		const prev = timed[i - 1];
		if (prev.speaker === 'system') continue;
		const gap = Math.round(((timed[i].offset as number) - (prev.offset as number)) * 10) / 10;
		if (gap < p.minGapSeconds) continue;
		counted++;
		if (gap > p.maxGapSeconds)
			long.push({ turn: timed[i].turn, words: [], note: `${gap} s after turn ${prev.turn}` });
	}
	return long.length === 0
		? {
				outcome: 'pass',
				evidence: {
					detail: `No gap over ${p.maxGapSeconds} s (${counted} gaps counted).`,
					hits: []
				}
			}
		: {
				outcome: 'fail',
				evidence: {
					detail: `${long.length} gap${long.length > 1 ? 's' : ''} over ${p.maxGapSeconds} s.`,
					hits: long
				}
			};
};

const FUNCTION_WORDS = new Set(
	'your yours with that this will have from they them there their what when which about been would could should just into also here some more than then very were'.split(
		' '
	)
);

/** Words of 4+ letters that carry content, lower-cased: what a recap repeats. */
function contentWords(text: string): Set<string> {
	return new Set(
		normalise(text)
			.toLowerCase()
			.split(/[^\p{L}\p{N}']+/u)
			.filter((w) => w.length >= 4 && !FUNCTION_WORDS.has(w))
	);
}

/** A window turn that repeats `min` words of an earlier turn of the same speaker: a recap. */
function restatement(
	rule: AutoQaRule,
	turns: CheckTurn[],
	window: CheckTurn[],
	min: number
): { turn: CheckTurn; hits: PhraseHit[] } | null {
	const own = bySpeaker(rule, turns);
	for (const t of window) {
		const words = contentWords(t.text);
		for (const earlier of own) {
			if (earlier.turn >= t.turn) break;
			const shared = [...contentWords(earlier.text)].filter((w) => words.has(w));
			if (shared.length >= min)
				return {
					turn: t,
					hits: [{ phrase: `repeats turn ${earlier.turn}`, words: shared.join(' ') }]
				};
		}
	}
	return null;
}

const closing: Check<'closing'> = (rule, p, _input, turns) => {
	if (bySpeaker(rule, turns).length === 0) return na(`No ${rule.speaker} turn.`);
	const window = bySpeaker(rule, inWindow(turns, p.window));
	const summary = p.summary.length
		? (firstHits(window, p.summary) ??
			(p.restateWords !== null ? restatement(rule, turns, window, p.restateWords) : null))
		: null;
	const more = p.anythingElse.length ? firstHits(window, p.anythingElse) : null;
	const hits = [
		...(summary ? [hit(summary.turn.turn, summary.hits, 'summary')] : []),
		...(more ? [hit(more.turn.turn, more.hits, 'anything else')] : [])
	];
	const missing = [
		p.summary.length && !summary ? 'a summary' : null,
		p.anythingElse.length && !more ? '"anything else"' : null
	].filter(Boolean);
	return missing.length === 0
		? { outcome: 'pass', evidence: { detail: 'Closed with the expected steps.', hits } }
		: {
				outcome: 'fail',
				evidence: { detail: `The closing lacks ${missing.join(' and ')}.`, hits }
			};
};

const empathy: Check<'empathy'> = (rule, p, _input, turns) => {
	const patient = turns.filter((t) => t.speaker === 'patient');
	if (patient.length === 0) return na('No patient turn.');
	if (patient.every((t) => t.sentiment === null)) return na('Patient turns are not scored yet.');
	// The sentiment model reads words, not context: "No, that's all" after "anything else?" and a
	// name and date of birth come out negative. Short turns, the lead's ignore phrases and answers
	// to the questions they list keep such turns out.
	const answers = new Set(
		turns.flatMap((t, i) =>
			t.speaker !== 'patient' && findPhrases(t.text, p.ignoreAfter).length > 0
				? turns.slice(i + 1, i + 2).map((x) => x.turn)
				: []
		)
	);
	const negative = patient.filter(
		(t) =>
			!answers.has(t.turn) &&
			t.sentiment?.label === 'negative' &&
			t.sentiment.pNegative >= p.minNegative &&
			t.text.split(/\s+/).filter(Boolean).length >= p.minWords &&
			findPhrases(t.text, p.ignore).length === 0
	);
	const hits: EvidenceHit[] = [];
	let missed = 0;
	let answered = 0;
	for (const t of negative) {
		const reply = turns.find(
			(x) => x.turn > t.turn && (rule.speaker === 'any' || x.speaker === rule.speaker)
		);
		if (!reply) continue;
		answered++;
		const said = findPhrases(reply.text, p.phrases);
		if (said.length === 0) missed++;
		hits.push({ turn: t.turn, words: [], note: 'negative patient turn' });
		hits.push(hit(reply.turn, said, said.length ? 'empathy' : 'no empathy'));
	}
	if (answered === 0) return na('No negative patient turn with a reply.');
	return missed === 0
		? { outcome: 'pass', evidence: { detail: `Empathy after ${answered} negative turn(s).`, hits } }
		: {
				outcome: 'fail',
				evidence: { detail: `No empathy after ${missed} of ${answered} negative turn(s).`, hits }
			};
};

const prohibited: Check<'prohibited'> = (rule, p, _input, turns) => {
	const hits: EvidenceHit[] = [];
	for (const t of bySpeaker(rule, turns)) {
		const found = findPhrases(t.text, p.phrases);
		if (found.length > 0) hits.push(hit(t.turn, found, 'prohibited'));
	}
	return hits.length === 0
		? { outcome: 'pass', evidence: { detail: 'No prohibited phrase.', hits } }
		: {
				outcome: 'fail',
				evidence: { detail: `Prohibited phrase in ${hits.length} turn(s).`, hits }
			};
};

const CHECKS: { [K in RuleParams['kind']]: Check<K> } = {
	greeting,
	identity,
	hold,
	silence,
	closing,
	empathy,
	prohibited
};

/** Every enabled rule's result for one transcript. */
export function checkTranscript(rules: AutoQaRule[], input: CheckInput): RuleResult[] {
	const turns = [...input.turns].sort((a, b) => a.turn - b.turn);
	return rules
		.filter((r) => r.enabled)
		.map((rule) => {
			if (rule.channels !== null && !rule.channels.includes(input.channel ?? '')) {
				return {
					ruleKey: rule.key,
					...na(`Applies to ${rule.channels.join(', ')} only.`)
				};
			}
			const check = CHECKS[rule.params.kind] as Check<RuleParams['kind']>;
			return { ruleKey: rule.key, ...check(rule, rule.params, input, turns) };
		});
}
