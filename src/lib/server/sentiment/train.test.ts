import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import { readLabelledCsv, type Example } from './corpora.ts';
import { loadClassifier } from './classifier.ts';
import { correctLabel } from './corrections.ts';
import { LABELS, topLabel } from './labels.ts';
import { withSpanishMarkers } from './lexicon-es.ts';
import { trainModel } from './train.ts';

const work = mkdtempSync(join(tmpdir(), 'careloop-train-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fixture(): Promise<Example[]> {
	const rows = await readLabelledCsv('tests/fixtures/sentiment/tiny.csv');
	return rows.map((r) => ({ ...r, source: 'seed' }));
}

const tiny = { bucketBits: 10, epochs: 40, learningRate: 0.5, lambda: 1e-4, minCount: 1 };

function sha(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('trainModel', () => {
	it('gives byte-identical weights for the same seed, different ones for another', async () => {
		const examples = await fixture();
		const both = { spanishModel: true };
		const a = await trainModel({ ...tiny, ...both, examples, seed: 7, out: join(work, 'a') });
		const b = await trainModel({ ...tiny, ...both, examples, seed: 7, out: join(work, 'b') });
		const c = await trainModel({ ...tiny, examples, seed: 8, out: join(work, 'c') });
		expect(a.sha256).toBe(b.sha256);
		expect(a.spanish?.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(a.spanish?.sha256).toBe(b.spanish?.sha256);
		expect(sha(join(work, 'a', 'tokenizer.json'))).toBe(sha(join(work, 'b', 'tokenizer.json')));
		expect(c.sha256).not.toBe(a.sha256);
		// 24 rows in the fixture, 8 of each label.
		expect(a.examples).toBe(24);
	});

	it.each([
		['loadable', { skip: true, trigrams: false }],
		['trigrams', { skip: false, trigrams: true }],
		['naive-bayes', { skip: true, trigrams: false, nbMix: 0.5 }],
		['negation', { skip: true, trigrams: false, nbMix: 0.5, nbShrink: 5, negationWords: 0 }]
	])(
		'exports a folder transformers.js loads (%s), and it has learned its training set',
		async (name, features) => {
			const examples = await fixture();
			const out = join(work, name);
			const result = await trainModel({ ...tiny, ...features, examples, seed: 1, out });
			const classifier = await loadClassifier(out);
			const texts = examples.map((e) => e.text);
			const scores = await classifier.classify(texts);
			// The ONNX graph run by transformers.js agrees with the TypeScript forward pass.
			expect(result.figures.trainAccuracy).toBe(1);
			scores.forEach((s, i) => expect(topLabel(s)).toBe(examples[i].label));
			for (const s of scores) expect(s.negative + s.neutral + s.positive).toBeCloseTo(1, 5);
			expect(classifier.modelVersion).toMatch(new RegExp(`^${name}@[0-9a-f]{12}$`));
			expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/Trained \d{4}-\d{2}-\d{2}/);
			// The negation scope is done by the exported tokenizer itself, as at training.
			expect(readFileSync(join(out, 'tokenizer.json'), 'utf8').includes('xneg$1')).toBe(
				name === 'negation'
			);
		}
	);

	it('sends Spanish text to its own plain model (es/), everything else to the main one', async () => {
		const examples = await fixture();
		const out = join(work, 'routed');
		const routed = { nbMix: 0.5, negationWords: 0, spanishModel: true, half: true };
		const r = await trainModel({ ...tiny, ...routed, examples, seed: 5, out });
		expect(r.spanish).toBeDefined();
		const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
		expect(config.careloop.spanish_model).toBe('es');
		expect(config.careloop.nb_mix).toBe(0.5);
		const esConfig = JSON.parse(readFileSync(join(out, 'es', 'config.json'), 'utf8'));
		expect(esConfig.careloop.nb_mix).toBeUndefined();
		expect(esConfig.careloop.negation_words).toBeUndefined();

		const classifier = await loadClassifier(out);
		const spanishOnly = await loadClassifier(join(out, 'es'));
		const es = 'no me ayudaron, pésimo servicio, muy malo';
		const en = 'not helpful at all, terrible service';
		const [esScored, enScored] = await classifier.score([es, en]);
		expect(esScored.language).toBe('es');
		expect(enScored.language).toBe('en');
		const [direct] = await spanishOnly.classify([withSpanishMarkers(es)]);
		const [mainOnEs] = await classifier.classify([withSpanishMarkers(es)]);
		const [mainOnEn] = await classifier.classify([en]);
		for (const l of LABELS) {
			expect(esScored.scores![l]).toBeCloseTo(direct[l], 6);
			expect(enScored.scores![l]).toBeCloseTo(mainOnEn[l], 6);
		}
		// The two models answer the Spanish text differently, so the route above is observable.
		expect(Math.abs(mainOnEs.negative - direct.negative)).toBeGreaterThan(1e-3);

		// Retrained without a Spanish model, the folder holds none and Spanish goes to the main one.
		await trainModel({ ...tiny, examples, seed: 5, out, spanishModel: false });
		expect(existsSync(join(out, 'es'))).toBe(false);
		const single = await loadClassifier(out);
		const [alone] = await single.score([es]);
		const [mainAlone] = await single.classify([withSpanishMarkers(es)]);
		expect(alone.scores!.negative).toBeCloseTo(mainAlone.negative, 6);
	});

	it('stores float16 weights whose answers match float32 to three decimals', async () => {
		const examples = await fixture();
		await trainModel({ ...tiny, examples, seed: 9, out: join(work, 'f32'), half: false });
		await trainModel({ ...tiny, examples, seed: 9, out: join(work, 'f16'), half: true });
		const size = (name: string) => statSync(join(work, name, 'onnx', 'model.onnx')).size;
		// 2^10 buckets + the vocabulary, 3 labels: the table is most of the graph, 4 bytes → 2.
		expect(size('f16')).toBeLessThan(size('f32') * 0.75);
		const texts = examples.map((e) => e.text);
		const a = await (await loadClassifier(join(work, 'f32'))).classify(texts);
		const b = await (await loadClassifier(join(work, 'f16'))).classify(texts);
		a.forEach((s, i) => LABELS.forEach((l) => expect(b[i][l]).toBeCloseTo(s[l], 3)));
	});

	it('learns from a QA correction: the next model answers the corrected label on that text', async () => {
		const db = await createTestDb();
		try {
			const text = 'The pickup counter moved to the back of the store.';
			await db.run(
				`INSERT INTO transcripts (interaction_id, turn, speaker, offset_seconds, text, import_id)
				 VALUES ('I1', 1, 'patient', 3, $text, 1)`,
				{ text }
			);
			const examples = await fixture();
			const before = await trainModel({ ...tiny, examples, db, seed: 3, out: join(work, 'v1') });
			const [old] = await (await loadClassifier(before.out)).classify([text]);
			// Correct to the label the first model found least likely: never what it said.
			const wanted = LABELS.reduce((a, b) => (old[b] < old[a] ? b : a));
			expect(wanted).not.toBe(topLabel(old));
			await correctLabel(db, {
				source: { kind: 'turn', interactionId: 'I1', turn: 1 },
				label: wanted,
				actor: 'qa@example.org'
			});
			const after = await trainModel({ ...tiny, examples, db, seed: 3, out: join(work, 'v2') });
			expect(after.bySource.corrections).toBe(1);
			const [now] = await (await loadClassifier(after.out)).classify([text]);
			expect(topLabel(now)).toBe(wanted);
		} finally {
			await db.close();
		}
	});
});
