import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledCsv } from './corpora.ts';
import { decide, emptyConfusion, evaluateRows, metricsFromConfusion } from './evaluate.ts';

describe('metricsFromConfusion', () => {
	it('works out accuracy and macro-F1 of a 3-label matrix', () => {
		const c = emptyConfusion();
		// true negative: 4 → negative, 1 → neutral; true neutral: 1, 2, 1; true positive: 0, 1, 5.
		c.negative.negative = 4;
		c.negative.neutral = 1;
		c.neutral.negative = 1;
		c.neutral.neutral = 2;
		c.neutral.positive = 1;
		c.positive.neutral = 1;
		c.positive.positive = 5;
		const m = metricsFromConfusion(c);
		// n = 5 + 4 + 6 = 15; correct = 4 + 2 + 5 = 11; accuracy = 11/15 = 0.73333.
		expect(m.n).toBe(15);
		expect(m.accuracy).toBeCloseTo(11 / 15, 10);
		// negative: P = 4/5, R = 4/5 → F1 0.8; neutral: P = 2/4, R = 2/4 → 0.5;
		// positive: P = 5/6, R = 5/6 → 0.83333; macro = (0.8 + 0.5 + 0.83333) / 3 = 0.71111.
		expect(m.macro_f1).toBeCloseTo(0.711111, 5);
	});

	it('leaves out a label that is neither true nor predicted (binary sets)', () => {
		const c = emptyConfusion();
		c.negative.negative = 3;
		c.negative.positive = 1;
		c.positive.negative = 2;
		c.positive.positive = 4;
		const m = metricsFromConfusion(c);
		// n = 10, accuracy = 7/10. negative: P = 3/5, R = 3/4 → F1 = 0.9/1.35 = 0.66667;
		// positive: P = 4/5, R = 4/6 → F1 = 1.06667/1.46667 = 0.72727; macro = 0.69697.
		expect(m.n).toBe(10);
		expect(m.accuracy).toBeCloseTo(0.7, 10);
		expect(m.macro_f1).toBeCloseTo(0.69697, 5);
	});

	it('decides binary by p(positive) vs p(negative), ignoring neutral mass', () => {
		expect(decide({ negative: 0.2, neutral: 0.7, positive: 0.1 }, true)).toBe('negative');
		expect(decide({ negative: 0.2, neutral: 0.7, positive: 0.1 }, false)).toBe('neutral');
	});
});

describe('evaluateRows with the VADER baseline', () => {
	it('drops neutral rows in binary mode and counts the rest', async () => {
		const rows = [
			{ text: 'I love it, wonderful and great', label: 'positive' as const },
			{ text: 'horrible, awful, I hate it', label: 'negative' as const },
			{ text: 'the order number is 4821', label: 'neutral' as const }
		];
		const m = await evaluateRows(rows, { binary: true, baseline: 'vader' });
		// Two clear-cut rows kept, both right: accuracy 1, each class F1 1.
		expect(m.n).toBe(2);
		expect(m.accuracy).toBe(1);
		expect(m.macro_f1).toBe(1);
	});
});

describe('readLabelledCsv', () => {
	it('refuses a label that is not negative, neutral or positive', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'careloop-eval-'));
		try {
			const path = join(dir, 'bad.csv');
			writeFileSync(path, 'text,label\n"fine, thanks",positive\nmeh,4\n');
			await expect(readLabelledCsv(path)).rejects.toThrow(
				/row 2: label must be negative, neutral or positive, not "4"/
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
