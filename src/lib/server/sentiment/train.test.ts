import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLabelledCsv, type Example } from './corpora.ts';
import { loadClassifier } from './classifier.ts';
import { trainModel } from './train.ts';

const work = mkdtempSync(join(tmpdir(), 'careloop-train-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fixture(): Promise<Example[]> {
	const rows = await readLabelledCsv('tests/fixtures/sentiment/tiny.csv');
	return rows.map((r) => ({ ...r, source: 'seed' }));
}

const tiny = {
	dim: 4,
	buckets: 512,
	epochs: 30,
	learningRate: 0.5,
	minCount: 1,
	writeSplits: false
};

function sha(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('trainModel', () => {
	it('gives byte-identical weights for the same seed, different ones for another', async () => {
		const examples = await fixture();
		const a = await trainModel({ ...tiny, examples, seed: 7, out: join(work, 'a') });
		const b = await trainModel({ ...tiny, examples, seed: 7, out: join(work, 'b') });
		const c = await trainModel({ ...tiny, examples, seed: 8, out: join(work, 'c') });
		expect(a.sha256).toBe(b.sha256);
		expect(sha(join(work, 'a', 'tokenizer.json'))).toBe(sha(join(work, 'b', 'tokenizer.json')));
		expect(c.sha256).not.toBe(a.sha256);
		// 24 rows in the fixture, 8 of each label.
		expect(a.examples).toBe(24);
	});

	it('exports a folder transformers.js loads, and it has learned its training set', async () => {
		const examples = await fixture();
		const out = join(work, 'loadable');
		const result = await trainModel({ ...tiny, examples, seed: 1, out });
		const classifier = await loadClassifier(out);
		const scores = await classifier.classify([
			'great service, very helpful',
			'terrible service, very rude',
			''
		]);
		expect(scores[0].positive).toBeGreaterThan(scores[0].negative);
		expect(scores[1].negative).toBeGreaterThan(scores[1].positive);
		for (const s of scores) expect(s.negative + s.neutral + s.positive).toBeCloseTo(1, 5);
		// The TypeScript forward pass and the ONNX graph agree on the training set.
		expect(result.trainAccuracy).toBe(1);
		expect(classifier.modelVersion).toMatch(/^loadable@[0-9a-f]{12}$/);
	});
});
