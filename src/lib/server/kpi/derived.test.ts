// Figures maintained at import: the stored stream gives the figures the raw one gives, a contact
// imported later flips an earlier FCR, a replaced row and a late survey move what they touch, and a
// changed repeat window rebuilds the flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/testing.ts';
import { createBench, INTERACTIONS_HEADER } from '../ingest/test-helpers.ts';
import { getSettings, updateSettings } from '../settings/index.ts';
import { computeKpis } from './contact.ts';
import { GROUP_BYS } from './contact-sql.ts';
import { derivedReady, refreshDerived } from './derived.ts';

const MARCH = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const row = (id: string, at: string, reason: string, disposition: string) =>
	`${id},${at},voice,inbound,p1,a1,east,${reason},10,100,0,0,${disposition},,`;

describe('stored facts', () => {
	it('give exactly the raw figures for every grouping', async () => {
		const db = await createTestDb();
		await db.run(
			readFileSync(new URL('../../../../tests/fixtures/kpi/contact.sql', import.meta.url), 'utf8')
		);
		const settings = await getSettings(db);
		const period = { from: new Date('2024-02-20T00:00:00Z'), to: new Date('2024-03-20T00:00:00Z') };
		expect(await derivedReady(db, settings)).toBe(false);
		const raw = await Promise.all(GROUP_BYS.map((by) => computeKpis(db, { ...period, by })));
		const refresh = await refreshDerived(db, settings);
		// the contact fixture holds 12 interactions; the first refresh writes them all
		expect(refresh).toMatchObject({ rewritten: 12, rebuilt: true });
		expect(await derivedReady(db, settings)).toBe(true);
		const stored = await Promise.all(GROUP_BYS.map((by) => computeKpis(db, { ...period, by })));
		expect(stored).toEqual(raw);
		await db.close();
	});

	it('flip an earlier FCR when a later contact arrives, move back on --replace, rebuild on a new window', async () => {
		const b = await createBench();
		const settings = await getSettings(b.db);
		// X: p1's resolved refill call on 2 March 10:00.
		await b.load(
			'interactions-1.csv',
			`${INTERACTIONS_HEADER}\n${row('X', '2026-03-02T10:00:00Z', 'refill', 'resolved')}\n`
		);
		await refreshDerived(b.db, settings);
		// eligible X, resolved, no repeat → 1 / 1
		expect((await computeKpis(b.db, MARCH)).total.fcr).toBe(100);

		// Y arrives a day later, about the same refill 72 h after X: X becomes a repeat.
		await b.load(
			'interactions-2.csv',
			`${INTERACTIONS_HEADER}\n${row('Y', '2026-03-05T10:00:00Z', 'refill', 'unresolved')}\n`
		);
		expect(await derivedReady(b.db, settings)).toBe(false);
		const late = await refreshDerived(b.db, settings);
		expect(late).toMatchObject({ rewritten: 1, rebuilt: false });
		// X repeated, Y unresolved → 0 / 2
		expect((await computeKpis(b.db, MARCH)).total).toMatchObject({
			fcr_eligible: 2,
			fcr_resolved: 0,
			fcr: 0
		});

		// Y replaced: it was about billing after all, so X is no longer repeated → 1 / 2 = 50 %
		await b.load(
			'interactions-3.csv',
			`${INTERACTIONS_HEADER}\n${row('Y', '2026-03-05T10:00:00Z', 'billing', 'unresolved')}\n`,
			{ replace: true }
		);
		await refreshDerived(b.db, settings);
		expect((await computeKpis(b.db, MARCH)).total.fcr).toBe(50);

		// back to refill, then a 48 h window: Y (72 h later) is outside it → X resolved first time
		await b.load(
			'interactions-4.csv',
			`${INTERACTIONS_HEADER}\n${row('Y', '2026-03-05T10:00:00Z', 'refill', 'unresolved')}\n`,
			{ replace: true }
		);
		await refreshDerived(b.db, settings);
		expect((await computeKpis(b.db, MARCH)).total.fcr).toBe(0);
		// saving the setting rebuilds the flags at once (the settings hook)
		const narrow = await updateSettings(b.db, { fcr_repeat_window_hours: 48 }, 'test');
		expect(await derivedReady(b.db, narrow)).toBe(true);
		expect(await refreshDerived(b.db, narrow)).toMatchObject({ rewritten: 0, rebuilt: false });
		expect((await computeKpis(b.db, MARCH)).total.fcr).toBe(50);
	});

	it('mark a contact surveyed when its survey arrives later', async () => {
		const b = await createBench();
		const settings = await getSettings(b.db);
		await b.load(
			'interactions.csv',
			`${INTERACTIONS_HEADER}\n${row('X', '2026-03-02T10:00:00Z', 'refill', 'resolved')}\n`
		);
		await refreshDerived(b.db, settings);
		expect((await computeKpis(b.db, MARCH)).total.response_rate).toBe(0);
		await b.load(
			'surveys.csv',
			'survey_id,interaction_id,submitted_at,csat\nS1,X,2026-04-03T08:00:00Z,5\n'
		);
		expect(await refreshDerived(b.db, settings)).toMatchObject({ rewritten: 0 });
		// X handled inbound with a linked survey (submitted in April, counted whenever) → 1 / 1
		expect((await computeKpis(b.db, MARCH)).total.response_rate).toBe(100);
	});
});
