import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { addFills, addSurveys } from './fixtures.test-helpers.ts';
import { followUpFigures } from './figures.ts';

// Hand-made task rows: [id, kind, patient, opened, due, status, closed, resolution, outcome, closed_count, reopen_count]
type T = [
	number,
	string,
	string,
	string,
	string,
	string,
	string | null,
	string | null,
	string | null,
	number,
	number
];
const TASKS: T[] = [
	[
		1,
		'complaint',
		'P1',
		'2026-03-02 00:00',
		'2026-03-04 00:00',
		'closed',
		'2026-03-03 00:00',
		'resolved',
		null,
		1,
		0
	],
	[
		2,
		'complaint',
		'P2',
		'2026-03-05 00:00',
		'2026-03-06 00:00',
		'closed',
		'2026-03-07 00:00',
		'resolved',
		null,
		2,
		1
	],
	[
		3,
		'complaint',
		'P3',
		'2026-03-10 00:00',
		'2026-03-12 00:00',
		'in_progress',
		null,
		null,
		null,
		0,
		0
	],
	[4, 'complaint', 'P4', '2026-03-19 00:00', '2026-03-21 00:00', 'open', null, null, null, 0, 0],
	[
		5,
		'complaint',
		'P5',
		'2026-02-20 00:00',
		'2026-02-22 00:00',
		'closed',
		'2026-02-21 00:00',
		'resolved',
		null,
		1,
		0
	],
	[6, 'complaint', 'P2', '2026-03-19 00:00', '2026-03-21 00:00', 'open', null, null, null, 0, 0],
	[
		11,
		'outreach',
		'P7',
		'2026-03-10 00:00',
		'2026-03-25 00:00',
		'in_progress',
		null,
		null,
		null,
		0,
		0
	],
	[
		12,
		'outreach',
		'P8',
		'2026-03-10 00:00',
		'2026-03-13 00:00',
		'closed',
		'2026-03-12 09:00',
		'resolved',
		'refill_requested',
		1,
		0
	],
	[
		13,
		'outreach',
		'P9',
		'2026-03-10 00:00',
		'2026-03-13 00:00',
		'in_progress',
		null,
		null,
		null,
		0,
		0
	]
];

async function seed(db: Db) {
	const params: (string | number | null)[] = [];
	const tuples = TASKS.map((t) => {
		const at = params.length;
		params.push(...t);
		const p = (i: number) => `$${at + i + 1}`;
		return `(${p(0)}, ${p(1)}, ${p(2)}, ${p(2)}, 'other', 'fixture', 'medium', 'staff', 'fixture', ${p(3)}::TIMESTAMP, ${p(4)}::TIMESTAMP, ${p(3)}::TIMESTAMP, ${p(5)}, ${p(6)}::TIMESTAMP, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(3)}::TIMESTAMP)`;
	});
	await db.run(
		`INSERT INTO follow_ups (id, kind, patient_id, group_key, category, category_reason, severity, queue, summary, opened_at, due_at, created_at, status, closed_at, resolution, outcome, closed_count, reopen_count, updated_at) VALUES ${tuples.join(', ')}`,
		params
	);
	await db.run(`INSERT INTO contact_attempts (follow_up_id, channel, outcome, author_id, author_name, attempted_at) VALUES
		(1, 'voice', 'no_answer', 'u', 'U', '2026-03-02 06:00'), (1, 'voice', 'reached', 'u', 'U', '2026-03-02 10:00'),
		(2, 'voice', 'reached', 'u', 'U', '2026-03-05 12:00'), (3, 'sms', 'no_answer', 'u', 'U', '2026-03-11 00:00'),
		(11, 'voice', 'reached', 'u', 'U', '2026-03-11 10:00'), (13, 'voice', 'no_answer', 'u', 'U', '2026-03-11 10:00')`);
	await db.run(`INSERT INTO follow_up_sources (follow_up_id, source_kind, source_id, trigger, detail, patient_id, event_at, detected_at, attached) VALUES
		(1, 'survey', 'S1', 'low_score', 'd', 'P1', '2026-03-01 23:00', '2026-03-02 00:00', false),
		(2, 'survey', 'S4', 'low_score', 'd', 'P2', '2026-03-04 00:00', '2026-03-05 00:00', false),
		(6, 'interaction', 'I9', 'complaint', 'd', 'P2', '2026-03-19 00:00', '2026-03-19 00:00', false)`);
	await addSurveys(db, [
		{ id: 'S1', at: '2026-03-01 23:00', patient: 'P1', csat: 1 },
		{ id: 'S2', at: '2026-03-10 00:00', patient: 'P1', csat: 4 },
		{ id: 'S3', at: '2026-03-15 00:00', patient: 'P1', csat: 2 },
		{ id: 'S4', at: '2026-03-04 00:00', patient: 'P2', csat: 2 },
		{ id: 'S5', at: '2026-03-08 00:00', patient: 'P2', csat: 2 }
	]);
	await addFills(db, [
		{ id: 'F1', patient: 'P7', drug: 'lisinopril', date: '2026-03-18', days: 30 },
		{ id: 'F2', patient: 'P8', drug: 'lisinopril', date: '2026-03-20', days: 30 }
	]);
}

describe('followUpFigures', () => {
	let db: Db;
	beforeAll(async () => {
		db = await createTestDb();
		await seed(db);
	});
	afterAll(() => db.close());

	it('computes each figure as defined', async () => {
		const f = await followUpFigures(db, {
			from: new Date('2026-03-01T00:00:00Z'),
			to: new Date('2026-04-01T00:00:00Z'),
			now: new Date('2026-03-20T12:00:00Z')
		});
		// SLA: closed T1 on time (met), T2 late, T3 open past due; T4 and T6 not yet due; T5 out of period.
		// 100 × 1 / 3.
		expect(f.sla).toEqual({ met: 1, total: 3, rate: 100 / 3 });
		// First contact: T1 6 h, T2 12 h, T3 24 h (T4, T6 none) → median 12.
		expect(f.firstContact).toEqual({ tasks: 3, medianHours: 12 });
		// Open now: complaints T3, T4, T6 (T3 past due); outreach 11 and 13 (13 past due on 03-13).
		expect(f.backlog).toEqual({ complaints: 3, overdue: 1, outreach: 2, outreachOverdue: 1 });
		// Closed at least once: T1, T2; reopened: T2 → 50 %.
		expect(f.reopen).toEqual({ closed: 2, reopened: 1, rate: 50 });
		// T1: S1 CSAT 1 → next after 03-03 is S2 = 4 (improved); T2: S4 2 → S5 2 (not).
		// before (1 + 2) / 2 = 1.5, after (4 + 2) / 2 = 3, improved 1 of 2.
		expect(f.recovery).toEqual({ pairs: 2, csatBefore: 1.5, csatAfter: 3, improved: 1, rate: 50 });
		// Closed T1 (P1, no new complaint) and T2 (P2: I9 on 03-19 ≤ 03-07 + 30 days) → 1 of 2.
		expect(f.repeat).toEqual({ closed: 2, repeated: 1, rate: 50 });
		// Outreach: 11 reached 03-11, fill 03-18 (= 03-11 + 7, inclusive) → refilled; 12 closed as
		// refill_requested on 03-12, fill 03-20 > 03-19 → not; 13 only no_answer. 1 of 2 reached.
		expect(f.outreach).toEqual({
			tasks: 3,
			attempted: 3,
			reached: 2,
			refillRequested: 1,
			medSync: 0,
			refilled: 1,
			conversion: 50
		});
	});

	it('gives null rates for an empty period', async () => {
		const f = await followUpFigures(db, {
			from: new Date('2025-01-01T00:00:00Z'),
			to: new Date('2025-02-01T00:00:00Z'),
			now: new Date('2026-03-20T12:00:00Z')
		});
		expect(f.sla.rate).toBeNull();
		expect(f.firstContact.medianHours).toBeNull();
		expect(f.outreach.conversion).toBeNull();
	});
});
