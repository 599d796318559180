import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarchDb } from './march-fixture.test-helpers.ts';
import type { Db } from '../db/index.ts';
import { parseDrill, parseFilter } from './filters.ts';
import { listInteractions, listSurveys } from './interactions.ts';
import { DEFAULT_SETTINGS } from '../kpi/index.ts';

let db: Db;

beforeAll(async () => {
	db = await createMarchDb();
});
afterAll(async () => db.close());

const march = '?from=2026-03-01&to=2026-03-31';
async function ids(query: string) {
	const url = new URL(`http://x/interactions${march}${query}`);
	const res = await listInteractions(db, {
		filter: parseFilter(url, '2026-03-31'),
		drill: parseDrill(url),
		settings: DEFAULT_SETTINGS
	});
	return res.rows.map((r) => r.interactionId);
}
async function surveyIds(query: string) {
	const url = new URL(`http://x/interactions${march}&view=surveys${query}`);
	const res = await listSurveys(db, {
		filter: parseFilter(url, '2026-03-31'),
		drill: parseDrill(url),
		settings: DEFAULT_SETTINGS
	});
	return res.rows.map((r) => r.surveyId);
}

describe('listInteractions', () => {
	it('lists the period newest first and counts every match', async () => {
		// i1..i4 start in March; i5 (April 1) does not.
		expect(await ids('')).toEqual(['i4', 'i3', 'i2', 'i1']);
	});

	it('applies group and disposition filters', async () => {
		expect(await ids('&team=north')).toEqual(['i3', 'i1']);
		expect(await ids('&direction=inbound&disposition=handled')).toEqual(['i3', 'i2', 'i1']);
		expect(await ids('&disposition=abandoned')).toEqual(['i4']);
	});

	it('splits the FCR denominator into resolved-without-repeat and the rest', async () => {
		// Denominator: handled inbound with a patient = i1, i2, i3.
		// i1 is repeated by i2 (23 h later, same patient and reason) → not FCR.
		// i2's next contact i5 is 29 days later → FCR. i3 is unresolved → not FCR.
		expect(await ids('&kpi=fcr')).toEqual(['i3', 'i2', 'i1']);
		expect(await ids('&kpi=fcr&part=num')).toEqual(['i2']);
		expect(await ids('&kpi=fcr&part=rest')).toEqual(['i3', 'i1']);
	});

	it('searches comments and transcripts case-insensitively', async () => {
		expect(await ids('&q=terrible')).toEqual(['i1']);
		expect(await ids('&q=CHARGED')).toEqual(['i3']);
		expect(await ids('&q=50%25')).toEqual([]);
	});

	it("matches every word of a search, in any order, across a contact's texts", async () => {
		// i3's transcript says "My card was charged twice": the phrase "charged twice" is in it,
		// and so are "twice" and "charged" in the other order and "card … twice" with a word between.
		expect(await ids('&q=charged+twice')).toEqual(['i3']);
		expect(await ids('&q=twice+charged')).toEqual(['i3']);
		expect(await ids('&q=card+twice')).toEqual(['i3']);
		// every word must appear: "charged" does, "refund" does not
		expect(await ids('&q=charged+refund')).toEqual([]);
		// words may come from different texts of one contact: i1's comment says "wait" and "terrible"
		expect(await ids('&q=terrible+wait')).toEqual(['i1']);
	});

	it('filters by linked surveys and sorts by a whitelisted column', async () => {
		expect(await ids('&surveyed=1')).toEqual(['i3', 'i1']);
		// handle = talk + hold + wrap, nulls as 0: i1 150, i2 60, i3 210, i4 0.
		expect(await ids('&sort=handle_seconds&dir=asc')).toEqual(['i4', 'i2', 'i1', 'i3']);
		expect(await ids('&sort=drop_table&dir=asc')).toEqual(['i1', 'i2', 'i3', 'i4']);
	});
});

describe('listSurveys', () => {
	it('lists surveys by submitted_at, unlinked ones included unless a group filter applies', async () => {
		expect(await surveyIds('&kpi=csat')).toEqual(['s2', 's3', 's1']);
		expect(await surveyIds('&kpi=csat&part=rest')).toEqual(['s1']);
		expect(await surveyIds('&kpi=csat&team=north')).toEqual(['s2', 's1']);
		expect(await surveyIds('&kpi=nps&part=detractors')).toEqual(['s1']);
	});
});

describe('settings', () => {
	it('uses the configured CSAT threshold', async () => {
		// With "satisfied from 5", s3 (csat 4) counts as low too; s1 (csat 2) stays low.
		const url = new URL(`http://x/interactions${march}&kpi=csat&part=rest`);
		const settings = { ...DEFAULT_SETTINGS, csatSatisfiedMin: 5 };
		const res = await listSurveys(db, {
			filter: parseFilter(url, '2026-03-31'),
			drill: parseDrill(url),
			settings
		});
		expect(res.rows.map((r) => r.surveyId)).toEqual(['s3', 's1']);
	});

	it('uses the configured repeat window for FCR', async () => {
		// A 12 h window: i2 comes 23 h after i1, so i1 is no longer repeated → FCR.
		const url = new URL(`http://x/interactions${march}&kpi=fcr&part=num`);
		const settings = { ...DEFAULT_SETTINGS, fcrRepeatWindowHours: 12 };
		const res = await listInteractions(db, {
			filter: parseFilter(url, '2026-03-31'),
			drill: parseDrill(url),
			settings
		});
		expect(res.rows.map((r) => r.interactionId)).toEqual(['i2', 'i1']);
	});

	it('lists NPS passives between the detractor and promoter thresholds', async () => {
		// s1 nps 3 (detractor), s2 nps 10 (promoter): no passives.
		expect(await surveyIds('&kpi=nps&part=passives')).toEqual([]);
		expect(await surveyIds('&kpi=nps&part=promoters')).toEqual(['s2']);
	});
});

describe('paging', () => {
	it('reports the total on every page and falls back to the last page past the end', async () => {
		// 4 March interactions fit on page 1 of 50; asking for page 9 shows page 1, the last one.
		const url = new URL(`http://x/interactions${march}&page=9`);
		const res = await listInteractions(db, {
			filter: parseFilter(url, '2026-03-31'),
			drill: parseDrill(url),
			settings: DEFAULT_SETTINGS,
			page: 9
		});
		expect([res.total, res.page, res.pages, res.rows.length]).toEqual([4, 1, 1, 4]);
	});

	it('counts zero matches as one empty page', async () => {
		const url = new URL(`http://x/interactions${march}&q=nothing-like-this`);
		const res = await listInteractions(db, {
			filter: parseFilter(url, '2026-03-31'),
			drill: parseDrill(url),
			settings: DEFAULT_SETTINGS
		});
		expect([res.total, res.page, res.pages, res.rows.length]).toEqual([0, 1, 1, 0]);
	});
});

describe('search patterns', () => {
	it('matches %, _ and backslashes literally', async () => {
		await db.run(
			`INSERT INTO transcripts VALUES ('i4', 0, 'system', 0, 'queue at 100% for a_b\\c', 1)`
		);
		expect(await ids('&q=100%25')).toEqual(['i4']);
		expect(await ids('&q=a_b%5Cc')).toEqual(['i4']);
		// "_" must not match any single character: "a_b" is not in "arb".
		expect(await ids('&q=r_f')).toEqual([]);
	});
});
