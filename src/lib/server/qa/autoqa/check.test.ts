import { describe, expect, it } from 'vitest';
import { checkTranscript, holdSeconds, inWindow, type CheckTurn } from './check.ts';
import type { AutoQaRule, RuleParams } from './rules.ts';

type Line = [speaker: string, offset: number | null, text: string, negative?: number];

/** Turns from short lines; a fourth value marks a patient turn scored negative with that p. */
function turns(lines: Line[]): CheckTurn[] {
	return lines.map(([speaker, offset, text, negative], turn) => ({
		turn,
		speaker,
		offset,
		text,
		sentiment:
			speaker === 'patient'
				? negative !== undefined
					? { label: 'negative', pNegative: negative }
					: { label: 'neutral', pNegative: 0.1 }
				: null
	}));
}

function rule(params: RuleParams, more: Partial<AutoQaRule> = {}): AutoQaRule {
	return {
		key: params.kind,
		label: params.kind,
		enabled: true,
		sampling: false,
		channels: null,
		speaker: 'agent',
		params,
		...more
	};
}

function check(r: AutoQaRule, lines: Line[], channel = 'voice', drugs: string[] = []) {
	const [result] = checkTranscript([r], {
		channel,
		turns: turns(lines),
		drugNames: new Set(drugs)
	});
	return result;
}

const GREETING = rule({
	kind: 'greeting',
	window: { from: 'start', seconds: 60, turns: null },
	name: ['this is {name}', '{name} speaking'],
	pharmacy: ['CareLoop']
});

describe('greeting', () => {
	it('passes with a name and the pharmacy inside the first 60 s', () => {
		const r = check(GREETING, [
			['system', 0, 'Call connected.'],
			['agent', 2, 'CareLoop Pharmacy, Maria speaking.']
		]);
		expect(r.outcome).toBe('pass');
		expect(r.evidence.hits).toEqual([
			{ turn: 1, words: ['Maria speaking'], note: 'name' },
			{ turn: 1, words: ['CareLoop'], note: 'pharmacy' }
		]);
	});

	it('fails without the name, and when the greeting comes after 60 s', () => {
		expect(
			check(GREETING, [['agent', 1, 'CareLoop Pharmacy, how can I help?']]).evidence.detail
		).toBe('The greeting lacks a name.');
		// 61 s after the first offset (0) is outside the window.
		const late = check(GREETING, [
			['patient', 0, 'Hello?'],
			['agent', 61, 'This is Maria at CareLoop.']
		]);
		expect(late.outcome).toBe('fail');
		expect(late.evidence.detail).toBe('The greeting lacks a name and the pharmacy.');
	});

	it('is N/A without any agent turn', () => {
		expect(check(GREETING, [['patient', 0, 'Hello?']]).outcome).toBe('na');
	});
});

const IDENTITY = rule({
	kind: 'identity',
	identifiers: { name: ['full name'], date_of_birth: ['date of birth'], zip: ['ZIP code'] },
	required: 2,
	health: ['prescription'],
	drugNames: true
});

describe('identity', () => {
	it('passes when two identifiers come before the first health information', () => {
		const r = check(
			IDENTITY,
			[
				['agent', 0, 'Can I have your full name and date of birth?'],
				['patient', 5, 'Ann Lee, May 1, 1950.'],
				['agent', 9, 'Your lisinopril is ready.']
			],
			'voice',
			['lisinopril']
		);
		expect(r.outcome).toBe('pass');
		expect(r.evidence.hits.map((h) => [h.turn, h.note])).toEqual([
			[0, 'name'],
			[0, 'date_of_birth'],
			[2, 'health information']
		]);
	});

	it('fails with one identifier, or with the check after the prescription came up', () => {
		const one = check(IDENTITY, [
			['agent', 0, 'Your date of birth, please?'],
			['agent', 4, 'I see your prescription.']
		]);
		expect(one.outcome).toBe('fail');
		expect(one.evidence.detail).toBe(
			'Health information at turn 1 after only date_of_birth; 2 required.'
		);
		const late = check(IDENTITY, [
			['agent', 0, 'I see your prescription.'],
			['agent', 4, 'Your full name and ZIP code?']
		]);
		expect(late.evidence.detail).toBe(
			'Health information at turn 0 after no identifier; 2 required.'
		);
	});

	it('is N/A when no health information is discussed (patient turns do not count)', () => {
		expect(
			check(
				IDENTITY,
				[
					['patient', 0, 'My lisinopril delivery is late.'],
					['agent', 3, 'Let me look up the tracking.']
				],
				'voice',
				['lisinopril']
			).outcome
		).toBe('na');
	});
});

const HOLD = rule({
	kind: 'hold',
	markers: ['placed on hold'],
	announce: ['on hold'],
	thanks: ['thank you for holding'],
	maxHoldSeconds: 120,
	maxHolds: 3
});

describe('hold', () => {
	it('reads the duration from the marker', () => {
		expect(holdSeconds('Patient placed on hold (2m 5s).')).toBe(125);
		expect(holdSeconds('Patient placed on hold (45s).')).toBe(45);
		expect(holdSeconds('On hold for 3 minutes')).toBe(180);
		expect(holdSeconds('Patient placed on hold.')).toBeNull();
	});

	it('passes an announced, thanked hold of 2 minutes or less', () => {
		expect(
			check(HOLD, [
				['agent', 10, 'Can I put you on hold?'],
				['system', 12, 'Patient placed on hold (2m 0s).'],
				['agent', 14, 'Thank you for holding.']
			]).outcome
		).toBe('pass');
	});

	it('lists every problem: not announced, not thanked, too long, too many', () => {
		const r = check(HOLD, [
			['agent', 0, 'One moment.'],
			['system', 1, 'Patient placed on hold (2m 1s).'],
			['agent', 2, "I'm back."],
			['system', 3, 'Patient placed on hold (5s).'],
			['agent', 4, 'Thank you for holding. Can I put you on hold again?'],
			['system', 5, 'Patient placed on hold (5s).'],
			['agent', 6, 'Thank you for holding. Once more on hold?'],
			['system', 7, 'Patient placed on hold (5s).'],
			['agent', 8, 'Thank you for holding.']
		]);
		expect(r.outcome).toBe('fail');
		// Hold 1: not announced, not thanked (turn 2), 121 s > 120; hold 2: the turn before it is
		// hold 1's "I'm back", so not announced; 4 holds > 3.
		expect(r.evidence.hits.map((h) => [h.turn, h.note])).toEqual([
			[1, 'not announced'],
			[2, 'not thanked'],
			[1, 'hold of 121 s'],
			[3, 'not announced'],
			[1, '4 holds']
		]);
	});

	it('is N/A without a hold, and a patient saying "on hold" is not one', () => {
		expect(check(HOLD, [['patient', 0, 'I was placed on hold forever!']]).outcome).toBe('na');
	});
});

const SILENCE = rule(
	{ kind: 'silence', maxGapSeconds: 60, minGapSeconds: 2 },
	{ channels: ['voice'], speaker: 'any' }
);

describe('silence', () => {
	it('fails on a gap over 60 s, but not on one after a system event', () => {
		const r = check(SILENCE, [
			['agent', 0, 'Let me look.'],
			['system', 10, 'Patient placed on hold (3m 0s).'],
			['agent', 100, 'Thanks for waiting.'],
			['agent', 160.5, 'Here it is.']
		]);
		// Gaps: 10 (counted), 90 after the system turn (ignored), 60.5 (> 60).
		expect(r.outcome).toBe('fail');
		expect(r.evidence.hits).toEqual([{ turn: 3, words: [], note: '60.5 s after turn 2' }]);
	});

	it('passes at exactly 60 s; is N/A on chat and without offsets', () => {
		expect(
			check(SILENCE, [
				['agent', 0, 'a'],
				['patient', 60, 'b']
			]).outcome
		).toBe('pass');
		expect(check(SILENCE, [['agent', 0, 'a']], 'chat').evidence.detail).toBe(
			'Applies to voice only.'
		);
		expect(
			check(SILENCE, [
				['agent', null, 'a'],
				['patient', null, 'b']
			]).outcome
		).toBe('na');
	});
});

const CLOSING = rule({
	kind: 'closing',
	window: { from: 'end', seconds: null, turns: 4 },
	summary: ['to recap'],
	anythingElse: ['anything else'],
	restateWords: 3
});

describe('closing', () => {
	it('passes with a recap phrase and "anything else" in the last 4 turns', () => {
		expect(
			check(CLOSING, [
				['agent', 0, 'Your refill is ready.'],
				['agent', 5, 'To recap, the refill is ready.'],
				['agent', 9, 'Anything else?'],
				['patient', 12, 'No.'],
				['agent', 14, 'Bye.']
			]).outcome
		).toBe('pass');
	});

	it('counts a turn repeating 3 content words of an earlier turn as a recap', () => {
		const r = check(CLOSING, [
			['agent', 0, 'Your metformin refill goes out today by courier.'],
			['patient', 4, 'Thanks.'],
			['agent', 6, 'So, metformin goes out today.'],
			['agent', 9, 'Anything else?'],
			['agent', 14, 'Bye.']
		]);
		// Shared words of 4+ letters, "your" not counted: metformin, goes, today.
		expect(r.outcome).toBe('pass');
		expect(r.evidence.hits[0]).toEqual({
			turn: 2,
			words: ['metformin goes today'],
			note: 'summary'
		});
	});

	it('fails and says what is missing', () => {
		expect(
			check(CLOSING, [
				['agent', 0, 'Your refill is ready.'],
				['agent', 5, 'Okay, bye.']
			]).evidence.detail
		).toBe('The closing lacks a summary and "anything else".');
	});
});

const EMPATHY = rule({
	kind: 'empathy',
	phrases: ['sorry', 'I understand'],
	minNegative: 0.5,
	minWords: 3,
	ignore: ["that's all"],
	ignoreAfter: ['date of birth']
});

describe('empathy', () => {
	it("checks the agent's next turn after each negative patient turn", () => {
		const r = check(EMPATHY, [
			['patient', 0, 'My refill is late again!', 0.9],
			['agent', 3, "I'm sorry. Your date of birth?"],
			['patient', 6, 'May 1, 1950.', 0.7],
			['agent', 9, 'Thanks, it is ready now.'],
			['patient', 12, 'This is still ridiculous.', 0.6],
			['agent', 15, 'Anything else?'],
			['patient', 18, "No, that's all.", 0.95],
			['agent', 20, 'Bye.']
		]);
		// Turn 2 answers the date-of-birth question and turn 6 holds an ignored phrase: only turns
		// 0 (answered with "sorry") and 4 (answered without empathy) count.
		expect(r.outcome).toBe('fail');
		expect(r.evidence.detail).toBe('No empathy after 1 of 2 negative turn(s).');
		expect(r.evidence.hits.map((h) => [h.turn, h.note])).toEqual([
			[0, 'negative patient turn'],
			[1, 'empathy'],
			[4, 'negative patient turn'],
			[5, 'no empathy']
		]);
	});

	it('ignores weak and short negatives; is N/A before sentiment is scored', () => {
		expect(
			check(EMPATHY, [
				['patient', 0, 'Not great at all', 0.4],
				['patient', 1, 'No.', 0.99],
				['agent', 2, 'Okay.']
			]).outcome
		).toBe('na');
		const [unscored] = checkTranscript([EMPATHY], {
			channel: 'voice',
			turns: [{ turn: 0, speaker: 'patient', offset: 0, text: 'Awful!', sentiment: null }],
			drugNames: new Set()
		});
		expect(unscored.evidence.detail).toBe('Patient turns are not scored yet.');
	});
});

describe('prohibited and the rule set', () => {
	const PROHIBITED = rule({ kind: 'prohibited', phrases: ['calm down', 'not my job'] });

	it('lists each turn with a prohibited phrase, agent turns only', () => {
		const r = check(PROHIBITED, [
			['patient', 0, 'Calm down? You calm down!'],
			['agent', 2, 'Calm down, it is not my job.']
		]);
		expect(r.evidence.hits).toEqual([
			{ turn: 1, words: ['Calm down', 'not my job'], note: 'prohibited' }
		]);
	});

	it('skips disabled rules and keeps rule order', () => {
		const results = checkTranscript([{ ...PROHIBITED, enabled: false }, GREETING, SILENCE], {
			channel: 'chat',
			turns: turns([['agent', 0, 'Hi']]),
			drugNames: new Set()
		});
		expect(results.map((r) => [r.ruleKey, r.outcome])).toEqual([
			['greeting', 'fail'],
			['silence', 'na']
		]);
	});

	it('windows by seconds or by turns, from either end', () => {
		const t = turns([
			['agent', 0, 'a'],
			['agent', 30, 'b'],
			['agent', 90, 'c'],
			['agent', 100, 'd']
		]);
		expect(inWindow(t, { from: 'start', seconds: 30, turns: null }).map((x) => x.turn)).toEqual([
			0, 1
		]);
		// Last 15 s (from 100 back to 85) or the last turn.
		expect(inWindow(t, { from: 'end', seconds: 15, turns: 1 }).map((x) => x.turn)).toEqual([2, 3]);
	});
});
