// The rules' measured quality on the hand-labelled set (tests/fixtures/autoqa, labelling notes in
// its README): the real import, the real sentiment model, the seeded rules. No rule may ship
// enabled below 0.9 precision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateLabelledSet, ruleFigures, type LabelledOutcome } from './eval.ts';

describe('ruleFigures', () => {
	it('counts a failure as the finding', () => {
		const rows: LabelledOutcome[] = [
			['fail', 'fail'],
			['fail', 'fail'],
			['fail', 'pass'],
			['pass', 'fail'],
			['na', 'fail'],
			['na', 'na'],
			['pass', 'pass']
		].map(([label, predicted], i) => ({
			interactionId: `I${i}`,
			rule: 'r',
			label: label as LabelledOutcome['label'],
			predicted: predicted as LabelledOutcome['predicted']
		}));
		// Flagged 4 (rows 0, 1, 3, 4), of which 2 are failures: precision 2/4 = 0.5. Failures 3
		// (rows 0–2), of which 2 flagged: recall 2/3. Exact matches: rows 0, 1, 5, 6 = 4/7.
		expect(ruleFigures({ key: 'r', label: 'R', enabled: true }, rows)).toEqual({
			rule: 'r',
			label: 'R',
			enabled: true,
			n: 7,
			truePositives: 2,
			falsePositives: 2,
			falseNegatives: 1,
			precision: 0.5,
			recall: 2 / 3,
			agreement: 4 / 7
		});
		expect(ruleFigures({ key: 'other', label: 'O', enabled: false }, rows)).toMatchObject({
			n: 0,
			precision: null,
			recall: null
		});
	});
});

describe('the labelled set', () => {
	it('holds at least 150 transcripts, each labelled against all seven rules', () => {
		const lines = readFileSync('tests/fixtures/autoqa/labels.csv', 'utf8').trim().split('\n');
		expect(lines[0]).toBe(
			'interaction_id,greeting,identity,hold,silence,closing,empathy,prohibited,note'
		);
		expect(lines.length - 1).toBeGreaterThanOrEqual(150);
	});

	it(
		'no enabled seeded rule is below 0.9 precision on the main set',
		{ timeout: 120_000 },
		async () => {
			const { figures, transcripts } = await evaluateLabelledSet('tests/fixtures/autoqa');
			expect(transcripts).toBe(160);
			expect(figures.map((f) => f.rule)).toEqual([
				'greeting',
				'identity',
				'hold',
				'silence',
				'closing',
				'empathy',
				'prohibited'
			]);
			for (const f of figures) {
				expect(f.n, f.rule).toBe(160);
				if (f.enabled) expect(f.precision ?? 0, f.rule).toBeGreaterThanOrEqual(0.9);
			}
		}
	);

	it(
		'nor on the held-out set labelled after the last rule change',
		{ timeout: 120_000 },
		async () => {
			const { figures, transcripts } = await evaluateLabelledSet('tests/fixtures/autoqa-heldout');
			expect(transcripts).toBe(40);
			const enabled = figures.filter((f) => f.enabled);
			// Closing and empathy fall below the bar here (README): they ship switched off.
			expect(enabled.map((f) => f.rule)).toEqual([
				'greeting',
				'identity',
				'hold',
				'silence',
				'prohibited'
			]);
			for (const f of enabled) expect(f.precision ?? 0, f.rule).toBeGreaterThanOrEqual(0.9);
		}
	);
});
