// QA weeks and coaching dates are local to the site. New York across the spring DST change:
// clocks jump 02:00 EST → 03:00 EDT on Sunday 8 March 2026 (07:00 UTC); New York is UTC−5 before
// and UTC−4 after. Expected instants and dates are worked out by hand from that.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { updateSettings } from '../settings/index.ts';
import { runCoachingRules } from './coaching.ts';
import { listCoachingTasks } from './tasks.ts';
import { listReviewQueue } from './queue.ts';
import { buildReviewQueue, defaultWeekStart } from './sampling.ts';
import { addDailyInteractions, addSurveysFor, addTranscripts, addUser } from './test-fixtures.ts';

const NY = 'America/New_York';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
});
afterEach(() => db.close());

const CALL = `INSERT INTO interactions (interaction_id, started_at, channel, direction, patient_id, agent_id,
	team, reason, queue_seconds, talk_seconds, hold_seconds, wrap_seconds, disposition, import_id)
	VALUES ($id, $at::TIMESTAMP, 'voice', 'inbound', 'p', 'X', 'general', 'refill', 10, 200, 0, 20, 'resolved', 1)`;

describe('the QA week is the local Monday to Sunday', () => {
	// Queue week of Monday 9 March samples the week before. In New York that is 2 March 00:00 EST
	// (05:00 UTC) up to 9 March 00:00 EDT (04:00 UTC): 167 hours. In UTC: 2 March 00:00 to 9 March
	// 00:00 UTC.
	beforeEach(async () => {
		// 04:30 UTC on 2 March = 23:30 EST on Sunday 1 March: the week before in New York.
		await db.run(CALL, { id: 'sun-1-mar', at: '2026-03-02 04:30:00' });
		// 03:30 UTC on 9 March = 23:30 EDT on Sunday 8 March: this week in New York.
		await db.run(CALL, { id: 'sun-8-mar', at: '2026-03-09 03:30:00' });
		await addTranscripts(db);
		await updateSettings(db, { samplePerAgent: 5 }, 'test');
	});
	const picked = async () =>
		(await listReviewQueue(db, { weekStart: '2026-03-09' })).map((i) => i.interactionId).sort();

	it('in New York samples the call late on Sunday 8 March, not the one late on 1 March', async () => {
		await updateSettings(db, { siteTimeZone: NY }, 'test');
		await buildReviewQueue(db, { week: '2026-03-11', seed: 's' });
		expect(await picked()).toEqual(['sun-8-mar']);
	});

	it('in UTC samples by UTC days, as before', async () => {
		await buildReviewQueue(db, { week: '2026-03-11', seed: 's' });
		expect(await picked()).toEqual(['sun-1-mar']);
	});

	it('the default week follows the local calendar', async () => {
		await updateSettings(db, { siteTimeZone: NY }, 'test');
		// The last call (23:30 EDT on Sunday 8 March) is in the week of 2 March; the week after it
		// starts 9 March, earlier than this week (now = 02:00 UTC on Monday 16 March = 22:00 EDT on
		// Sunday 15 March, the week of 9 March) → 9 March either way.
		expect(await defaultWeekStart(db, new Date('2026-03-16T02:00:00Z'))).toBe('2026-03-09');
		// In UTC the last call is on Monday 9 March, so the week after the data starts 16 March,
		// and "now" is Monday 16 March too.
		await updateSettings(db, { siteTimeZone: 'UTC' }, 'test');
		expect(await defaultWeekStart(db, new Date('2026-03-16T02:00:00Z'))).toBe('2026-03-16');
	});
});

describe('coaching dates are local', () => {
	beforeEach(async () => {
		await addUser(db, { id: 'lead-1', name: 'Lee Lead', role: 'qa_lead' });
		// 40 calls from 1 March (20 days × 2 at 09:00 and 10:00 UTC), 10 of 40 satisfied:
		// 25 % CSAT, far below the 80 % target → a CSAT coaching task.
		await addDailyInteractions(db, { agent: 'LOW', start: '2026-03-01', days: 20, perDay: 2 });
		await addSurveysFor(db, 'LOW', 10);
	});

	it('a task is due 14 local days after the local day the rules ran', async () => {
		await updateSettings(db, { siteTimeZone: NY }, 'test');
		// 02:00 UTC on 1 April = 22:00 EDT on 31 March: due 31 March + 14 = 14 April (UTC: 15 April).
		await runCoachingRules(db, { now: new Date('2026-04-01T02:00:00Z') });
		const [task] = await listCoachingTasks(db);
		expect(task.triggerKey).toBe('kpi:csat');
		expect(task.dueDate).toBe('2026-04-14');
	});

	it('in UTC the same run is due 15 April', async () => {
		await runCoachingRules(db, { now: new Date('2026-04-01T02:00:00Z') });
		expect((await listCoachingTasks(db))[0].dueDate).toBe('2026-04-15');
	});

	it('the window reaches back N local days to the same clock time', async () => {
		await updateSettings(db, { siteTimeZone: NY, coachingWindowDays: 15, minSample: 10 }, 'test');
		// The last call (an abandoned one at 11:00 UTC) is on 20 March; the window ends 1 s later,
		// at 07:00:01 EDT, and reaches back 15 local days to 07:00:01 EST on 5 March = 12:00:01 UTC
		// (359 hours: 8 March had 23). Calls run at 09:00 and 10:00 UTC each day: 5 March's are
		// before the window, 6–20 March's (d5–d19) inside: 15 days × 2 = 30. The satisfied ones are
		// the first 10 by id (LOW-d0-*, d1, d10, d11, d12): in the window d10–d12 → 6 of 30 = 20 %.
		await runCoachingRules(db, { now: new Date('2026-04-01T02:00:00Z') });
		const [task] = await listCoachingTasks(db);
		expect(task.evidence.n).toBe(30);
		expect(task.evidence.figure).toBe(20);
		expect(task.evidence.window).toEqual({
			from: '2026-03-05 12:00:01.000',
			to: '2026-03-20 11:00:01.000'
		});
	});
});
