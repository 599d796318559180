// A retrained model written over the old one is a new model version: the next rescoring scores
// every text again (reporting progress), and the views switch to it only when it is done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import { readLabelledCsv } from './corpora.ts';
import { rescoreAll, scorePending } from './score.ts';
import { trainModel } from './train.ts';

const work = mkdtempSync(join(tmpdir(), 'careloop-rescore-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('rescoreAll', () => {
	it('rescores every text with a new model version written into the same folder', async () => {
		const examples = (await readLabelledCsv('tests/fixtures/sentiment/tiny.csv')).map((r) => ({
			...r,
			source: 'seed' as const
		}));
		const tiny = { bucketBits: 10, epochs: 20, minCount: 1, examples, out: join(work, 'model') };
		const db = await createTestDb();
		try {
			await db.run(`
				INSERT INTO surveys (survey_id, submitted_at, csat, comment, import_id) VALUES
					('S1', TIMESTAMP '2026-03-02 10:00:00', 5, 'great service, very helpful', 1),
					('S2', TIMESTAMP '2026-03-02 11:00:00', 1, 'terrible service, very rude', 1),
					('S3', TIMESTAMP '2026-03-02 12:00:00', 3, 'can you check my prescription', 1)`);
			await trainModel({ ...tiny, seed: 1 });
			const first = await scorePending(db, { model: tiny.out });
			expect(first).toMatchObject({ texts: 3, scored: 3 });
			await trainModel({ ...tiny, seed: 2 });
			const seen: [number, number][] = [];
			const second = await rescoreAll(db, {
				model: tiny.out,
				onProgress: (done, total) => seen.push([done, total])
			});
			expect(second.modelVersion).not.toBe(first.modelVersion);
			expect(second).toMatchObject({ texts: 3, scored: 3, cached: 0 });
			// Progress starts at 0 of 3 and ends at 3 of 3 (one chunk).
			expect(seen[0]).toEqual([0, 3]);
			expect(seen.at(-1)).toEqual([3, 3]);
			const shown = await db.all<{ v: string }>(
				`SELECT DISTINCT model_version AS v FROM survey_sentiment`
			);
			expect(shown).toEqual([{ v: second.modelVersion }]);
		} finally {
			await db.close();
		}
	});
});
