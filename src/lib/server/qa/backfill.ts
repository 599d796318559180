// Coaching history for a fresh installation (the demo): replays the coaching rules as of
// `daysBack` days before the end of the data, records those tasks as worked and done
// `sessionDays` later, and measures their effect — so the effectiveness view has real before/after
// figures from the imported data on day one instead of after 30 days of use. Runs once: a second
// call finds its own history rows and does nothing. Tasks it writes are ordinary done tasks
// (history actor "Coaching history (replayed)"), so present-day rules still open new tasks.
import type { Db } from '../db/index.ts';
import { evaluateTriggers } from './coaching.ts';
import { measureDueEffects } from './effect.ts';
import { listAgentLeads } from './leads.ts';
import { isoTs } from './queries.ts';
import { getSettings } from '../settings/index.ts';
import {
	addDays,
	addLocalDays,
	dateParam,
	localDate,
	now as clockNow,
	tsParam
} from '../time/index.ts';

const ACTOR = 'replay';

const ALREADY = `-- has the replay run before?
	SELECT count(*)::INTEGER AS n FROM coaching_history WHERE actor_id = '${ACTOR}'`;

const DATA_END = `-- the last interaction's start
	SELECT max(started_at) AS t FROM interactions`;

const CREATE_STAGE = `-- the replayed triggers
	CREATE OR REPLACE TEMP TABLE coaching_replay (agent_id VARCHAR, trigger_key VARCHAR, focus_area VARCHAR,
		focus_kpi VARCHAR, title VARCHAR, evidence VARCHAR, owner_id VARCHAR, owner_name VARCHAR)`;

const INSERT_DONE = `-- replayed tasks, worked through to done
	INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title, state, owner_id,
		owner_name, due_date, evidence, trigger_count, plan_notes, goal, session_notes, opened_at, updated_at, done_at)
	SELECT nextval('coaching_task_id_seq'), agent_id, trigger_key, focus_area, focus_kpi, title, 'done', owner_id,
		owner_name, $due, evidence, 1,
		'Listen to the linked calls together; agree one behaviour to change.', 'Back on target within 30 days',
		'Reviewed the evidence and role-played the calls.', $t0, $done, $done
	FROM coaching_replay RETURNING task_id`;

const INSERT_HISTORY = `-- each replayed task's workflow steps, spread over its session days
	INSERT INTO coaching_history (task_id, happened_at, actor_id, actor_name, from_state, to_state, note)
	SELECT t.task_id, $t0 + to_hours((s.frac * $hours)::BIGINT), '${ACTOR}', 'Coaching history (replayed)',
		s.from_state, s.to_state, s.note
	FROM coaching_tasks t, (VALUES (0.0, NULL, 'open', 'opened by the rules'), (0.2, 'open', 'planned', NULL),
		(0.7, 'planned', 'session_held', NULL), (0.9, 'session_held', 'acknowledged', NULL),
		(1.0, 'acknowledged', 'done', NULL)) s(frac, from_state, to_state, note)
	WHERE t.task_id IN (SELECT unnest($ids::INTEGER[]))`;

export async function backfillCoaching(
	db: Db,
	opts: { daysBack?: number; sessionDays?: number; now?: Date } = {}
): Promise<{ replayedAt: string | null; tasks: number; effects: number }> {
	if ((await db.one<{ n: number }>(ALREADY))!.n > 0)
		return { replayedAt: null, tasks: 0, effects: 0 };
	const last = (await db.one<{ t: Date | null }>(DATA_END))?.t;
	if (!last) return { replayedAt: null, tasks: 0, effects: 0 };
	const settings = await getSettings(db);
	const tz = settings.siteTimeZone;
	// The data's last call to the second, as the replay has always counted from.
	const end = new Date(Math.floor(last.getTime() / 1000) * 1000);
	const t0 = addLocalDays(end, -(opts.daysBack ?? 75), tz);
	const sessionDays = opts.sessionDays ?? 10;
	const done = addLocalDays(t0, sessionDays, tz);
	const triggers = await evaluateTriggers(db, t0);
	const leads = await listAgentLeads(db);
	const ids = await db.transaction(async (conn) => {
		await conn.run(CREATE_STAGE);
		const appender = await conn.createAppender('coaching_replay', 'main', 'temp');
		for (const t of triggers) {
			const owner = leads.get(t.agentId) ?? null;
			for (const v of [
				t.agentId,
				t.triggerKey,
				t.focusArea,
				t.focusKpi,
				t.title,
				JSON.stringify(t.evidence)
			]) {
				appender.appendVarchar(v);
			}
			if (owner) {
				appender.appendVarchar(owner.id);
				appender.appendVarchar(owner.name);
			} else {
				appender.appendNull();
				appender.appendNull();
			}
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
		const due = dateParam(addDays(localDate(t0, tz), settings.coachingDueDays));
		const params = { t0: tsParam(t0), done: tsParam(done), due };
		const rows = (await conn.runAndReadAll(INSERT_DONE, params)).getRowObjectsJS();
		const taskIds = rows.map((r) => Number(r.task_id));
		if (taskIds.length > 0) {
			await conn.run(INSERT_HISTORY, {
				t0: tsParam(t0),
				hours: (done.getTime() - t0.getTime()) / 3_600_000,
				ids: `[${taskIds.join(',')}]`
			});
		}
		await conn.run('DROP TABLE coaching_replay');
		return taskIds;
	});
	const effects = await measureDueEffects(
		db,
		opts.now ?? new Date(Math.max(clockNow().getTime(), end.getTime()))
	);
	return { replayedAt: isoTs(t0), tasks: ids.length, effects };
}
