// runFollowUpRules: detect complaint and outreach events, plan one open task per group, write the
// new tasks and their sources in one transaction. The lead calls it after every import.
// People work the queue while it runs, so the run reads and plans outside its write, and the
// write is short: it first takes the open tasks it attaches to or escalates (a task closed
// meanwhile, or a save in flight, sends the run back to plan again), and an escalation does not
// bump the version a person's save checks, so a run never turns their save into a conflict.
import type { DuckDBConnection } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { all, changed } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';
import { appendRows } from '../db/append.ts';
import type { Cell } from '../db/store.ts';
import { categorise, routeFor } from './categorize.ts';
import {
	findComplaintInteractions,
	findLowScoreSurveys,
	type ComplaintCandidate
} from './detect.ts';
import { findOutreachEvents } from './outreach.ts';
import {
	planTasks,
	type NewTask,
	type Escalation,
	type OpenTask,
	type Plan,
	type PlannedEvent,
	type SourceRow
} from './plan.ts';
import { findSentimentCandidates } from './sentiment-triggers.ts';
import { getSettings, type Settings } from '../settings/index.ts';
import { addLocalDays, now as clockNow, tsParam } from '../time/index.ts';
import { addHours, toDate } from './time.ts';

export interface RuleRunSummary {
	opened: number;
	attached: number;
	outreachOpened: number;
}

const OPEN_TASKS = `-- every task still open: new events for its group attach to it
SELECT id, kind, group_key, severity, due_at FROM follow_ups WHERE status <> 'closed'`;

const NEXT_IDS = `-- task ids for this run's new tasks
SELECT nextval('follow_up_id_seq')::INTEGER AS id FROM range($n)`;

const ESCALATE = `-- a safety event joined an open task: raise it to the pharmacists with the shorter due time
UPDATE follow_ups SET category = $category, category_reason = $categoryReason, severity = $severity,
	queue = $queue, due_at = least(due_at, $dueAt::TIMESTAMP), updated_at = $now::TIMESTAMP
WHERE id = $id`;

const TAKE_OPEN = `-- the open tasks this write attaches to or escalates, held until it commits
UPDATE follow_ups SET updated_at = updated_at
WHERE list_contains($ids::INTEGER[], id) AND status <> 'closed'`;

/** A task the plan relies on was closed after planning: plan again from fresh data. */
class StalePlanError extends Error {}

// Runs are serialised in the process: two overlapping runs (two imports at once) would each see
// the same events as new, and the tables have no key constraint to stop the second.
let queue: Promise<unknown> = Promise.resolve();

export function runFollowUpRules(db: Db, opts: { now?: Date } = {}): Promise<RuleRunSummary> {
	const run = queue.then(() => runSerial(db, opts));
	queue = run.catch(() => undefined);
	return run;
}

async function runSerial(db: Db, opts: { now?: Date }): Promise<RuleRunSummary> {
	const now = opts.now ?? clockNow();
	const settings = await getSettings(db);
	// Adherence is read through the KPI engine on its own connections, once per run.
	const outreach = await findOutreachEvents(db, now, settings);
	return retryOnConflict(
		async () => {
			const plan = await db.withConnection((conn) => planRun(conn, now, settings, outreach));
			return db.transaction((conn) => writePlan(conn, plan, now));
		},
		{ retryable: (err) => err instanceof StalePlanError, attempts: 10 }
	);
}

async function planRun(
	conn: DuckDBConnection,
	now: Date,
	settings: Settings,
	outreach: PlannedEvent[]
): Promise<Plan> {
	// "Look back N days" counts local days of the site: the same clock time N local days ago.
	const window = { since: addLocalDays(now, -settings.lookbackDays, settings.siteTimeZone), now };
	const candidates = [
		...(await findComplaintInteractions(conn, window)),
		...(await findLowScoreSurveys(conn, window, settings)),
		...(await findSentimentCandidates(conn, window, settings))
	];
	const events = [
		...mergeCandidates(candidates).map((c) => complaintEvent(c, settings)),
		...outreach
	];
	const open = (await all(conn, OPEN_TASKS)).map((r): OpenTask => ({
		id: r.id as number,
		kind: r.kind as OpenTask['kind'],
		groupKey: r.group_key as string,
		severity: r.severity as OpenTask['severity'],
		dueAt: toDate(r.due_at)
	}));
	let temp = 0;
	return planTasks(events, open, () => --temp);
}

async function writePlan(conn: DuckDBConnection, plan: Plan, now: Date): Promise<RuleRunSummary> {
	const existing = [
		...new Set([
			...plan.sources.map((s) => s.followUpId).filter((id) => id > 0),
			...plan.escalations.map((e) => e.id)
		])
	];
	if (existing.length > 0) {
		const taken = await changed(conn, TAKE_OPEN, { ids: listValue(existing) });
		if (taken < existing.length) throw new StalePlanError('A task closed meanwhile.');
	}
	const ids = (await all<{ id: number }>(conn, NEXT_IDS, { n: plan.tasks.length })).map(
		(r) => r.id
	);
	const real = new Map(plan.tasks.map((t, i) => [t.id, ids[i]]));
	const idOf = (id: number) => (id < 0 ? (real.get(id) as number) : id);
	await appendRows(
		conn,
		'follow_ups',
		plan.tasks.map((t) => taskRow({ ...t, id: idOf(t.id) }, now))
	);
	await appendRows(
		conn,
		'follow_up_sources',
		plan.sources.map((s) => sourceRow(s, idOf(s.followUpId), now))
	);
	for (const e of plan.escalations) await applyEscalation(conn, e, now);
	return {
		opened: plan.tasks.filter((t) => t.kind === 'complaint').length,
		attached: plan.sources.filter((s) => s.attached).length,
		outreachOpened: plan.tasks.filter((t) => t.kind === 'outreach').length
	};
}

/** Raises an open task to the event's category, severity, queue and (earlier) due time. */
export async function applyEscalation(
	conn: DuckDBConnection,
	e: Escalation,
	now: Date
): Promise<void> {
	await conn.run(ESCALATE, {
		id: e.id,
		category: e.event.category,
		categoryReason: e.event.categoryReason,
		severity: e.event.severity,
		queue: e.event.queue,
		dueAt: tsParam(e.event.dueAt),
		now: tsParam(now)
	});
}

/** A survey can fire both the score and the comment rule: one source, both triggers named. */
export function mergeCandidates(list: ComplaintCandidate[]): ComplaintCandidate[] {
	const byKey = new Map<string, ComplaintCandidate>();
	for (const c of list) {
		const key = `${c.sourceKind}|${c.sourceId}`;
		const prior = byKey.get(key);
		if (!prior) {
			byKey.set(key, { ...c, texts: [...c.texts] });
			continue;
		}
		prior.trigger = `${prior.trigger}+${c.trigger}`;
		prior.detail = `${prior.detail}; ${c.detail}`;
		for (const t of c.texts) if (!prior.texts.includes(t)) prior.texts.push(t);
	}
	return [...byKey.values()];
}

export function complaintEvent(c: ComplaintCandidate, s: Settings): PlannedEvent {
	const { category, reason } = categorise({ reason: c.reason, texts: c.texts });
	const route = routeFor(category, { high: s.dueHoursHigh, other: s.dueHoursOther });
	const snippet = c.texts[0]
		? `: “${c.texts[0].slice(0, 140)}${c.texts[0].length > 140 ? '…' : ''}”`
		: '';
	return {
		kind: 'complaint',
		groupKey:
			c.patientId ??
			(c.interactionId ? `interaction:${c.interactionId}` : `${c.sourceKind}:${c.sourceId}`),
		sourceKind: c.sourceKind,
		sourceId: c.sourceId,
		trigger: c.trigger,
		detail: c.detail,
		patientId: c.patientId,
		eventAt: c.eventAt,
		category,
		categoryReason: reason,
		severity: route.severity,
		queue: route.queue,
		openedAt: c.eventAt,
		dueAt: addHours(c.eventAt, route.dueHours),
		script: null,
		summary: `${c.detail[0].toUpperCase()}${c.detail.slice(1)}${snippet}`
	};
}

function taskRow(t: NewTask, now: Date): Cell[] {
	// Column order of follow_ups (migration 0005).
	return [
		t.id,
		t.kind,
		t.patientId,
		t.groupKey,
		t.category,
		t.categoryReason,
		t.severity,
		t.queue,
		t.script,
		t.summary,
		t.openedAt,
		t.dueAt,
		now,
		'open',
		null,
		null,
		null,
		null,
		null,
		null,
		null,
		null,
		null,
		0,
		0,
		1,
		now
	];
}

function sourceRow(s: SourceRow, id: number, now: Date): Cell[] {
	const e = s.event;
	return [
		id,
		e.sourceKind,
		e.sourceId,
		e.trigger,
		e.detail,
		e.patientId,
		e.eventAt,
		now,
		s.attached
	];
}
