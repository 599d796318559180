// AutoQA rules are data: a kind (what is checked) and its parameters (phrases, where in the call,
// whose turns, thresholds), which a QA lead edits on /qa/autoqa. A saved set is a version, like a
// rubric; results say which version produced them. This module holds the shapes, the checks on
// an edited rule, and the plain-words description shown beside each rule.
import { phraseProblem } from './match.ts';

export const RULE_KINDS = [
	'greeting',
	'identity',
	'hold',
	'silence',
	'closing',
	'empathy',
	'prohibited'
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Part of a call: the first/last N seconds (by offset_seconds) or N turns; null = no limit. */
export interface CallWindow {
	from: 'start' | 'end';
	seconds: number | null;
	turns: number | null;
}

export type RuleParams =
	| { kind: 'greeting'; window: CallWindow; name: string[]; pharmacy: string[] }
	| {
			kind: 'identity';
			identifiers: Record<string, string[]>;
			required: number;
			health: string[];
			/** Count the drug names in fills and the drug-class table as health information. */
			drugNames: boolean;
	  }
	| {
			kind: 'hold';
			markers: string[];
			announce: string[];
			thanks: string[];
			maxHoldSeconds: number | null;
			maxHolds: number | null;
	  }
	| { kind: 'silence'; maxGapSeconds: number; minGapSeconds: number }
	| {
			kind: 'closing';
			window: CallWindow;
			summary: string[];
			anythingElse: string[];
			/** A turn repeating this many words (4+ letters) of an earlier agent turn is a recap too; null = off. */
			restateWords: number | null;
	  }
	| {
			kind: 'empathy';
			phrases: string[];
			minNegative: number;
			/** Patient turns shorter than this many words, or holding an ignore phrase, never count. */
			minWords: number;
			ignore: string[];
			/** Nor do answers to an agent turn holding one of these (identity questions, say). */
			ignoreAfter: string[];
	  }
	| { kind: 'prohibited'; phrases: string[] };

export interface AutoQaRule {
	key: string;
	label: string;
	enabled: boolean;
	/** Failures of this rule are targeted picks for the weekly review sample. */
	sampling: boolean;
	/** Channels the rule applies to; null = every channel. */
	channels: string[] | null;
	/** Whose turns the phrases are looked for in (system turns carry hold markers). */
	speaker: 'agent' | 'patient' | 'any';
	params: RuleParams;
}

export type Outcome = 'pass' | 'fail' | 'na';

const CHANNELS = ['voice', 'chat', 'sms', 'email', 'app'];

function phraseList(where: string, list: unknown, problems: string[], required = true): void {
	if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) {
		problems.push(`${where}: give a list of phrases.`);
		return;
	}
	if (required && list.length === 0) problems.push(`${where}: give at least one phrase.`);
	for (const p of list) {
		const problem = phraseProblem(p);
		if (problem) problems.push(`${where}: ${problem}`);
	}
}

function number(where: string, value: unknown, min: number, problems: string[], nullable = false) {
	if (value === null && nullable) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
		problems.push(`${where} must be a number ≥ ${min}${nullable ? ' (or empty)' : ''}.`);
}

function windowProblems(where: string, w: CallWindow, problems: string[]): void {
	if (w.from !== 'start' && w.from !== 'end') problems.push(`${where}: from the start or the end.`);
	number(`${where}: seconds`, w.seconds, 1, problems, true);
	number(`${where}: turns`, w.turns, 1, problems, true);
}

/** Problems with one rule, in plain words; empty when it can be saved. */
export function ruleProblems(rule: AutoQaRule): string[] {
	const problems: string[] = [];
	const at = `Rule "${rule.key || '?'}"`;
	if (!/^[a-z][a-z0-9_]{0,39}$/.test(rule.key))
		problems.push(`${at}: the key must be lower-case letters, digits or _.`);
	if (!rule.label.trim()) problems.push(`${at}: the label is empty.`);
	if (rule.channels !== null && rule.channels.some((c) => !CHANNELS.includes(c)))
		problems.push(`${at}: channels are ${CHANNELS.join(', ')}.`);
	if (rule.channels !== null && rule.channels.length === 0)
		problems.push(`${at}: pick at least one channel, or all.`);
	if (!['agent', 'patient', 'any'].includes(rule.speaker))
		problems.push(`${at}: the speaker is agent, patient or any.`);
	const p = rule.params;
	switch (p.kind) {
		case 'greeting':
			windowProblems(`${at} window`, p.window, problems);
			phraseList(`${at} name phrases`, p.name, problems);
			phraseList(`${at} pharmacy phrases`, p.pharmacy, problems);
			break;
		case 'identity':
			if (Object.keys(p.identifiers).length < 1) problems.push(`${at}: list the identifiers.`);
			for (const [name, list] of Object.entries(p.identifiers))
				phraseList(`${at} identifier "${name}"`, list, problems);
			number(`${at}: identifiers required`, p.required, 1, problems);
			if (p.required > Object.keys(p.identifiers).length)
				problems.push(`${at}: more identifiers required than listed.`);
			phraseList(`${at} health phrases`, p.health, problems, !p.drugNames);
			break;
		case 'hold':
			phraseList(`${at} hold markers`, p.markers, problems);
			phraseList(`${at} announce phrases`, p.announce, problems, false);
			phraseList(`${at} thanks phrases`, p.thanks, problems, false);
			number(`${at}: longest hold (s)`, p.maxHoldSeconds, 1, problems, true);
			number(`${at}: most holds`, p.maxHolds, 1, problems, true);
			break;
		case 'silence':
			number(`${at}: gap (s)`, p.maxGapSeconds, 2, problems);
			number(`${at}: ignored gap (s)`, p.minGapSeconds, 0, problems);
			if (p.minGapSeconds > p.maxGapSeconds)
				problems.push(`${at}: the ignored gap must be shorter than the silence threshold.`);
			break;
		case 'closing':
			windowProblems(`${at} window`, p.window, problems);
			phraseList(`${at} summary phrases`, p.summary, problems, false);
			phraseList(`${at} "anything else" phrases`, p.anythingElse, problems, false);
			number(`${at}: repeated words for a recap`, p.restateWords, 2, problems, true);
			if (p.summary.length + p.anythingElse.length === 0)
				problems.push(`${at}: give summary or "anything else" phrases.`);
			break;
		case 'empathy':
			phraseList(`${at} empathy phrases`, p.phrases, problems);
			if (!(p.minNegative >= 0 && p.minNegative <= 1))
				problems.push(`${at}: the negative-sentiment threshold is a probability 0–1.`);
			number(`${at}: shortest patient turn (words)`, p.minWords, 1, problems);
			phraseList(`${at} ignored patient phrases`, p.ignore, problems, false);
			phraseList(`${at} questions whose answers are ignored`, p.ignoreAfter, problems, false);
			break;
		case 'prohibited':
			phraseList(`${at} prohibited phrases`, p.phrases, problems);
			break;
		default:
			problems.push(`${at}: unknown kind.`);
	}
	return problems;
}

export function ruleSetProblems(rules: AutoQaRule[]): string[] {
	const problems = rules.flatMap(ruleProblems);
	const keys = new Set<string>();
	for (const r of rules) {
		if (keys.has(r.key)) problems.push(`Rule key "${r.key}" is used twice.`);
		keys.add(r.key);
	}
	if (rules.length === 0) problems.push('Keep at least one rule.');
	return problems;
}

function windowText(w: CallWindow): string {
	const parts = [
		w.seconds !== null ? `${w.seconds} s` : null,
		w.turns !== null ? `${w.turns} turns` : null
	].filter(Boolean);
	if (parts.length === 0) return 'anywhere in the call';
	return `within the ${w.from === 'start' ? 'first' : 'last'} ${parts.join(' or ')}`;
}

/** What the rule checks, in one sentence a QA lead can hold it to. */
export function describeRule(rule: AutoQaRule): string {
	const p = rule.params;
	const who = rule.speaker === 'any' ? 'anyone' : `the ${rule.speaker}`;
	const where = rule.channels ? ` (${rule.channels.join(', ')} only)` : '';
	switch (p.kind) {
		case 'greeting':
			return `Fails unless ${who} gives a name and the pharmacy ${windowText(p.window)}${where}.`;
		case 'identity':
			return `Fails when ${who} discusses health information before asking for ${p.required} of the identifiers (${Object.keys(p.identifiers).join(', ')}); N/A when no health information comes up${where}.`;
		case 'hold':
			return `Fails when a hold is not announced or not thanked${p.maxHoldSeconds !== null ? `, a single hold lasts over ${p.maxHoldSeconds} s` : ''}${p.maxHolds !== null ? `, or there are more than ${p.maxHolds} holds` : ''}; N/A without holds${where}.`;
		case 'silence':
			return `Fails when the gap between two turns' offsets exceeds ${p.maxGapSeconds} s (gaps under ${p.minGapSeconds} s and gaps after a system event such as a hold are ignored)${where}.`;
		case 'closing':
			return `Fails unless ${who} ${[p.summary.length ? `sums up (a summary phrase${p.restateWords !== null ? `, or repeating ${p.restateWords}+ words of an earlier turn` : ''})` : null, p.anythingElse.length ? 'asks "anything else"' : null].filter(Boolean).join(' and ')} ${windowText(p.window)}${where}.`;
		case 'empathy':
			return `Fails when ${who}'s next turn after a patient turn scored negative (p ≥ ${p.minNegative}, at least ${p.minWords} words, no ignored phrase, not an answer to an ignored question) holds no empathy phrase; N/A without such turns${where}.`;
		case 'prohibited':
			return `Fails when ${who} says a prohibited phrase${where}.`;
	}
}

/** JSON with object keys sorted, so two equal rule sets compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}
