// Figures maintained at import: the stored stream gives the figures the raw one gives, a contact
// imported later flips an earlier FCR, a replaced row and a late survey move what they touch, and a
// changed repeat window rebuilds the flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
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

/** A small deterministic generator (mulberry32), so both databases get the same rows. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `n` contacts of 25 patients about 3 reasons over March 2026 (so repeats within 72 h are common),
 * and a survey for about one in four, imported as `importId`; ids start at `first`.
 */
async function addContacts(db: Db, seed: number, n: number, importId: number, first: number) {
	const r = random(seed);
	const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
	const contacts: string[] = [];
	const surveys: string[] = [];
	for (let i = first; i < first + n; i++) {
		const at = new Date(Date.UTC(2026, 2, 1) + Math.floor(r() * 30 * 24) * 3_600_000);
		const ts = at.toISOString().slice(0, 19).replace('T', ' ');
		const patient = r() < 0.05 ? 'NULL' : `'p${Math.floor(r() * 25)}'`;
		const direction = r() < 0.85 ? 'inbound' : 'outbound';
		const disposition = pick(['resolved', 'resolved', 'unresolved', 'abandoned']);
		contacts.push(
			`('c${i}', TIMESTAMP '${ts}', 'voice', '${direction}', ${patient}, 'a1', 'east',
			'${pick(['refill', 'billing', 'delivery'])}', 10, 100, 0, 0, '${disposition}', NULL, NULL, ${importId})`
		);
		if (r() < 0.25)
			surveys.push(
				`('s${i}', 'c${i}', NULL, TIMESTAMP '${ts}', 5, NULL, NULL, NULL, NULL, ${importId})`
			);
	}
	await db.run(`INSERT INTO interactions VALUES ${contacts.join(',\n')}`);
	if (surveys.length) await db.run(`INSERT INTO surveys VALUES ${surveys.join(',\n')}`);
}

/** Every stored fact, in a fixed order, for comparing two databases. */
const facts = (db: Db) => db.all(`SELECT * FROM fact_interactions ORDER BY interaction_id`);

describe('a refresh in pieces', () => {
	it('writes exactly the facts a refresh in one piece writes, stepping aside between pieces', async () => {
		const whole = await createTestDb();
		const pieces = await createTestDb();
		const settings = await getSettings(whole);
		for (const db of [whole, pieces]) {
			await addContacts(db, 7, 400, 1, 0);
			await refreshDerived(db, settings);
			// Then: 300 new contacts, 40 earlier ones replaced (another patient or reason, so
			// repeats move both ways), and late surveys of 30 earlier contacts.
			await addContacts(db, 8, 300, 2, 400);
			await db.run(`UPDATE interactions SET import_id = 2,
				reason = CASE WHEN reason = 'refill' THEN 'billing' ELSE 'refill' END,
				patient_id = CASE WHEN hash(interaction_id) % 2 = 0 THEN 'p3' ELSE patient_id END
				WHERE interaction_id IN (SELECT 'c' || range FROM range(0, 400, 10))`);
			await db.run(`INSERT INTO surveys SELECT 'late' || range, 'c' || (range + 1), NULL,
				TIMESTAMP '2026-04-02 10:00:00', 4, NULL, NULL, NULL, NULL, 2 FROM range(0, 300, 10)`);
		}
		const one = await refreshDerived(whole, settings);
		let steps = 0;
		const sliced = await refreshDerived(pieces, settings, {
			stepAside: async () => void steps++,
			slices: 4,
			alwaysSlice: true
		});
		// 300 new + 40 replaced contacts changed since the watermark
		expect(one).toMatchObject({ rewritten: 340, rebuilt: false });
		expect(sliced).toEqual(one);
		// four statements (old facts out, new facts in, repeat flags, survey flags) × 4 pieces
		expect(steps).toBe(16);
		const want = await facts(whole);
		expect(await facts(pieces)).toEqual(want);
		// the fixture exercises both flags
		expect(want.filter((f) => f.has_repeat === true).length).toBeGreaterThan(10);
		expect(want.filter((f) => f.surveyed === true).length).toBeGreaterThan(50);
		await whole.close();
		await pieces.close();
	});

	it('runs in one piece when nobody else is using the app', async () => {
		const db = await createTestDb();
		const settings = await getSettings(db);
		await addContacts(db, 7, 50, 1, 0);
		await refreshDerived(db, settings);
		await addContacts(db, 8, 50, 2, 50);
		let steps = 0;
		// below the size that pieces are for, with a step-aside given: one piece, no step aside
		await refreshDerived(db, settings, { stepAside: async () => void steps++ });
		expect(steps).toBe(0);
		await db.close();
	});
});
