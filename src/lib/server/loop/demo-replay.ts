// A fresh demo's follow-up history, so the loop's figures on first sight are a believable mix and
// not "SLA compliance 0.0 % · 0 of 48": the follow-up rules run as they would have every few days
// over the last weeks of the demo, then a seeded team works those tasks as a real one would —
// most closed on time after a contact attempt and a response, some late, some still open past
// due, the newest mostly untouched. Medication errors close only with a reviewed incident report,
// as the gate demands. Work is done by named demo colleagues ("Demo · …") who have no account;
// tasks still open stay unassigned, so real staff find them in their queue. Demo setup only.
import type { Db } from '../db/index.ts';
import { appendRows } from '../db/append.ts';
import type { Cell } from '../db/store.ts';
import { audit } from '../auth/audit.ts';
import { Rng } from '../demo/random.ts';
import { getSettings } from '../settings/index.ts';
import { addLocalDays, now as clockNow } from '../time/index.ts';
import { runFollowUpRules } from './rules.ts';
import { toDate } from './time.ts';

const WORKERS = [
	['demo-alex', 'Demo · Alex Rivera'],
	['demo-priya', 'Demo · Priya Shah'],
	['demo-tom', 'Demo · Tom Berg'],
	['demo-mei', 'Demo · Mei Chen']
] as const;
const PHARMACIST = ['demo-ruth', 'Demo · Ruth Okafor (pharmacist)'] as const;

const ROOT_CAUSE: Record<string, string[]> = {
	medication_safety: ['dispensing_error'],
	service_wait: ['wait_time', 'communication', 'staff_conduct'],
	billing_insurance: ['billing_error', 'insurance_rule'],
	delivery: ['delivery_carrier', 'stock_shortage'],
	other: ['communication', 'policy', 'patient_expectation', 'other']
};
const RESPONSE = [
	'Called the patient, apologised and explained what went wrong and what we changed.',
	'Spoke with the patient; the issue is fixed and they are happy with the outcome.',
	'Reached the patient, sorted it out on the call and confirmed by text.'
];

/** Medication errors the replay leaves open for the pharmacist, newest first. */
export const KEEP_OPEN_ERRORS = 3;

const TASKS = `-- tasks the replay may work: every one opened before now
	SELECT id, kind, category, opened_at, due_at FROM follow_ups WHERE status <> 'closed' ORDER BY id`;

const ALREADY = `-- has the replay worked tasks before? (its work commits whole, so any attempt means done)
	SELECT count(*)::INTEGER AS n FROM contact_attempts WHERE starts_with(author_id, 'demo-')`;

const CLOSE = `-- the replay's outcome for each worked task
	UPDATE follow_ups f SET status = r.status, assignee_id = r.who, assignee_name = r.who_name,
		response = r.response, response_at = r.response_at, resolution = r.resolution, outcome = r.outcome,
		root_cause = r.root_cause, closed_at = r.closed_at, closed_by = r.closed_by,
		closed_count = CASE WHEN r.status = 'closed' THEN 1 ELSE 0 END, version = f.version + 1,
		updated_at = coalesce(r.closed_at, r.response_at, f.updated_at)
	FROM replay_plan r WHERE f.id = r.id`;

export interface ReplaySummary {
	runs: number;
	tasks: number;
	closedOnTime: number;
	closedLate: number;
	stillOpen: number;
}

/**
 * Runs the follow-up rules every `lookback` days over the last `days` local days, then works the
 * tasks. `now` and `seed` make a run repeatable in tests. Runs once: a database it already worked
 * is left alone (runs 0).
 */
export async function replayFollowUps(
	db: Db,
	opts: { days?: number; seed?: number; now?: Date } = {}
): Promise<ReplaySummary> {
	const now = opts.now ?? clockNow();
	// A job step may run again after being cut off; a second replay would work the open rest too.
	if ((await db.one<{ n: number }>(ALREADY))!.n > 0)
		return { runs: 0, tasks: 0, closedOnTime: 0, closedLate: 0, stillOpen: 0 };
	const settings = await getSettings(db);
	const tz = settings.siteTimeZone;
	const step = settings.lookbackDays;
	const days = opts.days ?? 30;
	let runs = 0;
	for (let back = days; back > 0; back -= step) {
		await runFollowUpRules(db, { now: addLocalDays(now, -back, tz) });
		runs++;
	}
	await runFollowUpRules(db, { now });
	runs++;

	const tasks = (await db.all(TASKS)).map((r) => ({
		id: r.id as number,
		kind: r.kind as string,
		category: r.category as string,
		opened: toDate(r.opened_at).getTime(),
		due: toDate(r.due_at).getTime()
	}));
	const plan: Cell[][] = [];
	const attempts: Cell[][] = [];
	const incidents: Cell[][] = [];
	const summary = { runs, tasks: tasks.length, closedOnTime: 0, closedLate: 0, stillOpen: 0 };
	const t = now.getTime();
	const hour = 3_600_000;
	// The pharmacist's queue always holds the newest medication errors, untouched: a demo (and the
	// end-to-end tests that close one at each screen width) finds them whatever day it starts.
	const newestErrors = new Set(
		tasks
			.filter((task) => task.category === 'medication_safety')
			.sort((a, b) => b.opened - a.opened || b.id - a.id)
			.slice(0, KEEP_OPEN_ERRORS)
			.map((task) => task.id)
	);
	for (const task of tasks) {
		if (newestErrors.has(task.id)) {
			summary.stillOpen++;
			continue;
		}
		const rng = new Rng(opts.seed ?? 42, `replay:${task.id}`);
		const [who, whoName] = task.category === 'medication_safety' ? PHARMACIST : rng.pick(WORKERS);
		const span = task.due - task.opened;
		// Past due now: mostly closed in time. Not yet due: the older half of its window mostly done.
		const draw = rng.next();
		let closedAt: number | null = null;
		if (task.due < t) {
			// A team catches up: what fell due in the last two days may still be open, older work
			// rarely is.
			const open = t - task.due < 48 * hour ? 0.25 : 0.03;
			if (draw < 0.88 - open) closedAt = task.opened + span * rng.uniform(0.15, 0.95);
			else if (draw < 1 - open) closedAt = Math.min(t - hour, task.due + rng.uniform(1, 20) * hour);
		} else {
			const candidate = task.opened + span * rng.uniform(0.2, 0.9);
			if (candidate < t - hour && draw < 0.7) closedAt = candidate;
		}
		if (closedAt === null) {
			summary.stillOpen++;
			continue;
		}
		if (closedAt <= task.due) summary.closedOnTime++;
		else summary.closedLate++;
		const first = task.opened + (closedAt - task.opened) * rng.uniform(0.1, 0.6);
		const closed = new Date(closedAt);
		if (task.kind === 'outreach') {
			const outcome = rng.pick([
				'reached',
				'refill_requested',
				'refill_requested',
				'med_sync_enrolled',
				'declined',
				'no_answer'
			]);
			attempts.push([task.id, 'voice', outcome, null, who, whoName, new Date(first)]);
			plan.push([
				task.id,
				'closed',
				who,
				whoName,
				null,
				null,
				outcome === 'no_answer' ? 'could_not_reach' : 'resolved',
				outcome,
				null,
				closed,
				who
			]);
			continue;
		}
		attempts.push([task.id, 'voice', 'reached', null, who, whoName, new Date(first)]);
		const response = rng.pick(RESPONSE);
		const causes = ROOT_CAUSE[task.category] ?? ROOT_CAUSE.other;
		plan.push([
			task.id,
			'closed',
			who,
			whoName,
			response,
			new Date(first),
			rng.chance(0.9) ? 'resolved' : 'referred',
			null,
			rng.pick(causes),
			closed,
			who
		]);
		if (task.category === 'medication_safety') {
			const day = new Date(task.opened).toISOString().slice(0, 10);
			incidents.push([
				task.id,
				'Metformin 500 mg',
				'500 mg twice daily',
				'850 mg twice daily',
				day,
				'Dispensing technician',
				rng.pick(['A', 'B', 'C']),
				'Found on the patient call; label corrected and the right strength sent.',
				who,
				whoName,
				new Date(first),
				'demo-lead',
				'Demo · Sam Ortiz (manager)',
				closed
			]);
		}
	}
	await db.transaction(async (conn) => {
		// Plain tables inside the transaction (the Appender writes to the main catalog): gone at its end.
		await conn.run(`CREATE TABLE replay_plan (id INTEGER, status VARCHAR, who VARCHAR, who_name VARCHAR,
			response VARCHAR, response_at TIMESTAMP, resolution VARCHAR, outcome VARCHAR, root_cause VARCHAR,
			closed_at TIMESTAMP, closed_by VARCHAR)`);
		await conn.run(`CREATE TABLE replay_incidents (follow_up_id INTEGER, medication VARCHAR,
			dose_prescribed VARCHAR, dose_dispensed VARCHAR, event_date VARCHAR, staff_involved VARCHAR,
			harm_category VARCHAR, description VARCHAR, submitted_by VARCHAR, submitted_by_name VARCHAR,
			submitted_at TIMESTAMP, reviewed_by VARCHAR, reviewed_by_name VARCHAR, reviewed_at TIMESTAMP)`);
		await appendRows(conn, 'replay_plan', plan);
		await appendRows(conn, 'replay_incidents', incidents);
		await conn.run(CLOSE);
		await conn.run(`INSERT INTO incident_reports SELECT follow_up_id, medication, dose_prescribed,
			dose_dispensed, event_date::DATE, staff_involved, harm_category, description, submitted_by,
			submitted_by_name, submitted_at, reviewed_by, reviewed_by_name, reviewed_at FROM replay_incidents`);
		await conn.run('DROP TABLE replay_plan');
		await conn.run('DROP TABLE replay_incidents');
		await appendRows(conn, 'contact_attempts', attempts);
		await audit(
			conn,
			{
				actor: 'careloop setup',
				action: 'demo.follow_up_replay',
				subjectType: 'follow_up_queue',
				detail: { ...summary }
			},
			now
		);
	});
	return summary;
}
