// The complete UCI Drugs.com training file, when a site saves it in the corpus folder: read in
// its own format instead of the subset (never both), cleaned as the subset was, labelled by rating.
// Every row here is written by the team for this test; none comes from a corpus.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cleanDrugsComReview,
	DRUGSCOM_FULL_FILE,
	loadCorpora,
	type Corpora
} from '../../src/lib/server/sentiment/corpora.ts';

let dir: string;
const teamDir = 'data/sentiment';

/** Every drugscom row of every split. */
const drugsCom = (c: Corpora) =>
	[...c.train, ...c.validation, ...c.test]
		.filter((e) => e.source === 'drugscom')
		.map((e) => [e.text, e.label])
		.sort();

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'careloop-corpus-'));
	const files: Record<string, string> = {
		'sst2-train.tsv': '1\ta warm film\n0\ta dull film\n',
		'sst2-glue-phrases.csv': 'text,label\na warm film,positive\n',
		'imdb-aclimdb.csv': 'text,label\nI liked every minute.,positive\n',
		'amazon-multidomain.csv': 'text,label\nStopped working in a week.,negative\n',
		'drugscom-subset.csv':
			'text,label,rating\nA subset review the full file replaces.,positive,9\n',
		'druglib-train.tsv':
			'num\tDrugName\trating\teffectiveness\tsideEffects\tcondition\tbenefitsReview\tsideEffectsReview\tcommentsReview\n' +
			'1\tdrugx\t8\tHighly Effective\tNo Side Effects\tpain\tHelped a lot.\tNone.\tWould take again.\n'
	};
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Drugs.com corpus', () => {
	it('reads the subset when the complete file is absent', async () => {
		const c = await loadCorpora({ corpusDir: dir, teamDir });
		expect(drugsCom(c)).toEqual([['A subset review the full file replaces.', 'positive']]);
	});

	it('reads the complete file instead, cleaned, deduplicated and labelled ≥ 7 / 5–6 / ≤ 4', async () => {
		// The UCI layout: an unnamed id column; reviews quoted, wrapped in their own quotes, with
		// HTML entities; ratings written 9.0; the same review under a brand and a generic name.
		writeFileSync(
			join(dir, DRUGSCOM_FULL_FILE),
			'\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n' +
				'1\tBrandA\tPain\t"""It didn&#039;t   help &amp; made me dizzy."""\t2.0\tMay 1, 2015\t3\n' +
				'2\tgenerica\tPain\t"""It didn&#039;t   help &amp; made me dizzy."""\t2.0\tMay 1, 2015\t3\n' +
				'3\tDrugB\tAcne\t"""Cleared my skin,\nno side effects."""\t9.0\tJune 2, 2016\t10\n' +
				'4\tDrugC\tCold\t"""It was okay."""\t6.0\tJuly 3, 2017\t0\n' +
				'5\tDrugD\tCold\t"""Rated out of range."""\t11.0\tJuly 3, 2017\t0\n'
		);
		const c = await loadCorpora({ corpusDir: dir, teamDir });
		expect(drugsCom(c)).toEqual(
			[
				["It didn't help & made me dizzy.", 'negative'],
				['Cleared my skin, no side effects.', 'positive'],
				['It was okay.', 'neutral']
			].sort()
		);
		rmSync(join(dir, DRUGSCOM_FULL_FILE));
	});

	it('cleans a review as the subset was cleaned', () => {
		expect(cleanDrugsComReview('"I&#039;m fine &quot;now&quot; &#x263A; &bogus;"')).toBe(
			'I\'m fine "now" ☺ &bogus;'
		);
		expect(cleanDrugsComReview('  no quotes\there  ')).toBe('no quotes here');
	});
});
