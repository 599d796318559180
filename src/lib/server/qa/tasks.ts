// Coaching tasks: the workflow open → planned (notes, goal) → session held → agent acknowledged
// → done, each step kept in coaching_history; lists for the queue, the agent and the detail page.
import { changed, type Db } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';
import { now as clockNow, tsParam } from '../time/index.ts';
import { textTooLong } from '../../text-limits.ts';
import type { Evidence } from './coaching-rules.ts';
import type { Actor } from './evaluations.ts';

export const TASK_STATES = ['open', 'planned', 'session_held', 'acknowledged', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const STATE_LABELS: Record<TaskState, string> = {
	open: 'Open',
	planned: 'Planned',
	session_held: 'Session held',
	acknowledged: 'Agent acknowledged',
	done: 'Done'
};

/** The one next state from each state (the workflow is linear). */
export const NEXT_STATE: Partial<Record<TaskState, TaskState>> = {
	open: 'planned',
	planned: 'session_held',
	session_held: 'acknowledged',
	acknowledged: 'done'
};

export interface CoachingTask {
	taskId: number;
	agentId: string;
	triggerKey: string;
	focusArea: string;
	focusKpi: string;
	title: string;
	state: TaskState;
	ownerId: string | null;
	ownerName: string | null;
	dueDate: string;
	evidence: Evidence;
	triggerCount: number;
	planNotes: string | null;
	goal: string | null;
	sessionNotes: string | null;
	openedAt: Date;
	updatedAt: Date;
	doneAt: Date | null;
	effect: {
		outcome: string;
		kpi: string;
		beforeValue: number | null;
		beforeLo: number | null;
		beforeHi: number | null;
		beforeN: number;
		afterValue: number | null;
		afterLo: number | null;
		afterHi: number | null;
		afterN: number;
		z: number | null;
	} | null;
}

export class TaskError extends Error {}
/** The task moved on meanwhile (another tab, another lead): the page says who and reloads it. */
export class CoachingConflictError extends TaskError {}

const BASE = `SELECT t.*, strftime(t.due_date, '%Y-%m-%d') AS due, e.outcome, e.kpi AS effect_kpi,
		e.before_value, e.before_lo, e.before_hi, e.before_n, e.after_value, e.after_lo, e.after_hi, e.after_n, e.z
	FROM coaching_tasks t LEFT JOIN coaching_effects e USING (task_id)`;

const LIST = `-- coaching tasks for the queue: by state and owner, soonest due first
	${BASE} WHERE (CAST($state AS VARCHAR) IS NULL OR t.state = $state)
		AND ($includeDone OR t.state <> 'done')
		AND (CAST($owner AS VARCHAR) IS NULL OR t.owner_id = $owner OR t.owner_id IS NULL)
		AND (CAST($agent AS VARCHAR) IS NULL OR t.agent_id = $agent)
	ORDER BY t.state = 'done', t.due_date, t.task_id LIMIT 500`;

const ONE = `-- one coaching task\n\t${BASE} WHERE t.task_id = $id`;

const HISTORY = `-- a task's history, oldest first
	SELECT happened_at AS at, actor_name, from_state, to_state, note FROM coaching_history
	WHERE task_id = $id ORDER BY happened_at, rowid`;

const ADVANCE = `-- move a task to its next state; only that step's own notes may change
	UPDATE coaching_tasks SET state = $to, updated_at = $now,
		plan_notes = CASE WHEN $to = 'planned' THEN coalesce($plan, plan_notes) ELSE plan_notes END,
		goal = CASE WHEN $to = 'planned' THEN coalesce($goal, goal) ELSE goal END,
		session_notes = CASE WHEN $to = 'session_held' THEN coalesce($session, session_notes) ELSE session_notes END,
		done_at = CASE WHEN $to = 'done' THEN $now ELSE done_at END
	WHERE task_id = $id AND state = $from`;

const INSERT_HISTORY = `-- one workflow step
	INSERT INTO coaching_history (task_id, happened_at, actor_id, actor_name, from_state, to_state, note)
	VALUES ($id, $now, $actor, $actorName, $from, $to, $note)`;

function toTask(r: Record<string, unknown>): CoachingTask {
	const n = (v: unknown) => (v as number | null) ?? null;
	return {
		taskId: r.task_id as number,
		agentId: r.agent_id as string,
		triggerKey: r.trigger_key as string,
		focusArea: r.focus_area as string,
		focusKpi: r.focus_kpi as string,
		title: r.title as string,
		state: r.state as TaskState,
		ownerId: (r.owner_id as string | null) ?? null,
		ownerName: (r.owner_name as string | null) ?? null,
		dueDate: r.due as string,
		evidence: JSON.parse(r.evidence as string) as Evidence,
		triggerCount: r.trigger_count as number,
		planNotes: (r.plan_notes as string | null) ?? null,
		goal: (r.goal as string | null) ?? null,
		sessionNotes: (r.session_notes as string | null) ?? null,
		openedAt: r.opened_at as Date,
		updatedAt: r.updated_at as Date,
		doneAt: (r.done_at as Date | null) ?? null,
		effect: r.outcome
			? {
					outcome: r.outcome as string,
					kpi: r.effect_kpi as string,
					beforeValue: n(r.before_value),
					beforeLo: n(r.before_lo),
					beforeHi: n(r.before_hi),
					beforeN: r.before_n as number,
					afterValue: n(r.after_value),
					afterLo: n(r.after_lo),
					afterHi: n(r.after_hi),
					afterN: r.after_n as number,
					z: n(r.z)
				}
			: null
	};
}

export async function listCoachingTasks(
	db: Db,
	opts: {
		state?: TaskState | null;
		ownerId?: string | null;
		agentId?: string | null;
		includeDone?: boolean;
	} = {}
): Promise<CoachingTask[]> {
	const rows = await db.all(LIST, {
		state: opts.state ?? null,
		owner: opts.ownerId ?? null,
		agent: opts.agentId ?? null,
		includeDone: opts.includeDone ?? opts.state === 'done'
	});
	return rows.map(toTask);
}

/** Every coaching task of one agent, done ones included (for the agent page and "my coaching"). */
export function listCoachingForAgent(db: Db, agentId: string): Promise<CoachingTask[]> {
	return listCoachingTasks(db, { agentId, includeDone: true });
}

export async function getCoachingTask(db: Db, taskId: number) {
	const row = await db.one(ONE, { id: taskId });
	if (!row) return null;
	const history = (await db.all(HISTORY, { id: taskId })).map((h) => ({
		at: h.at as Date,
		actorName: h.actor_name as string,
		fromState: (h.from_state as string | null) ?? null,
		toState: h.to_state as string,
		note: (h.note as string | null) ?? null
	}));
	return { ...toTask(row), history };
}

/** Advances a task one step. `plan` needs notes and a goal; the session step needs notes. */
export async function advanceTask(
	db: Db,
	taskId: number,
	to: TaskState,
	actor: Actor,
	input: { planNotes?: string; goal?: string; sessionNotes?: string; note?: string } = {}
): Promise<CoachingTask> {
	const task = await getCoachingTask(db, taskId);
	if (!task) throw new TaskError(`Coaching task ${taskId} does not exist.`);
	if (NEXT_STATE[task.state] !== to) {
		throw new CoachingConflictError(
			`This task is ${STATE_LABELS[task.state].toLowerCase()}; it cannot move to "${STATE_LABELS[to] ?? to}" now.`
		);
	}
	const plan = input.planNotes?.trim() || null;
	const goal = input.goal?.trim() || null;
	const session = input.sessionNotes?.trim() || null;
	const tooLong =
		textTooLong('coachingNotes', input.planNotes) ??
		textTooLong('coachingGoal', input.goal) ??
		textTooLong('coachingNotes', input.sessionNotes) ??
		textTooLong('coachingNote', input.note);
	if (tooLong) throw new TaskError(tooLong);
	if (to === 'planned' && (!plan || !goal)) throw new TaskError('A plan needs notes and a goal.');
	if (to === 'session_held' && !session) throw new TaskError('Say what the session covered.');
	const note =
		to === 'planned'
			? `goal: ${goal}`
			: to === 'session_held'
				? session
				: input.note?.trim() || null;
	// "Done" starts the coaching-effect windows: it comes from the app's one clock.
	const now = tsParam(clockNow());
	// A rules run refreshing this task's evidence holds its row for a moment: try again then.
	await retryOnConflict(() =>
		db.transaction(async (conn) => {
			const moved = await changed(conn, ADVANCE, {
				now,
				id: taskId,
				from: task.state,
				to,
				plan,
				goal,
				session
			});
			if (moved === 0)
				throw new CoachingConflictError(
					'Someone else moved this task meanwhile: reload and try again.'
				);
			await conn.run(INSERT_HISTORY, {
				now,
				id: taskId,
				actor: actor.id,
				actorName: actor.name,
				from: task.state,
				to,
				note
			});
		})
	);
	return (await getCoachingTask(db, taskId))!;
}
