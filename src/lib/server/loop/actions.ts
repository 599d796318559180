// Every change to a task: one transaction that checks the actor may act, applies the change only
// if the version the person saw is still current (optimistic concurrency), and writes an audit
// record. Appends (notes, attempts) cannot overwrite anything, so they need no version. When
// DuckDB refuses the write because another transaction holds the row (a rules run, say), the
// whole change runs again: only a newer version, that is a person's change, makes it a conflict.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../db/index.ts';
import { all, changed } from '../db/index.ts';
import { isWriteConflict, retryOnConflict } from '../db/conflict.ts';
import { audit } from '../auth/audit.ts';
import { maySee, mayAssignOthers, mayWork, type Actor } from './access.ts';
import { appendRows } from '../db/append.ts';
import { getSettings } from '../settings/index.ts';
import { now as clockNow, tsParam } from '../time/index.ts';
import { textTooLong, type TextField } from '../../text-limits.ts';
import { CHANNELS } from '../../vocabulary.ts';

export { CHANNELS };

export const CONFLICT_MESSAGE = 'Someone else changed this task — reload to see their change.';

export class TaskConflictError extends Error {
	constructor() {
		super(CONFLICT_MESSAGE);
	}
}
/** An expected refusal a person can act on (shown as the form's message). */
export class TaskRuleError extends Error {}
export class TaskForbiddenError extends Error {}
export class TaskNotFoundError extends Error {}

export const COMPLAINT_ATTEMPT_OUTCOMES = [
	'reached',
	'voicemail',
	'no_answer',
	'wrong_number'
] as const;
export const OUTREACH_OUTCOMES = [
	'reached',
	'refill_requested',
	'med_sync_enrolled',
	'declined',
	'no_answer'
] as const;
export const RESOLUTIONS = ['resolved', 'could_not_reach', 'referred'] as const;
export const ROOT_CAUSES = [
	'dispensing_error',
	'communication',
	'wait_time',
	'billing_error',
	'insurance_rule',
	'delivery_carrier',
	'stock_shortage',
	'staff_conduct',
	'policy',
	'patient_expectation',
	'other'
] as const;

interface TaskState extends Record<string, unknown> {
	id: number;
	kind: string;
	category: string;
	queue: string;
	status: string;
	assignee_id: string | null;
	patient_id: string | null;
	version: number;
}

const LOAD = `-- the task's state, read inside the write's transaction
SELECT id, kind, category, queue, status, assignee_id, patient_id, version FROM follow_ups WHERE id = $id`;

interface Ctx {
	conn: DuckDBConnection;
	task: TaskState;
	now: Date;
}

/** What may be done to a visible task one does not hold: take it (assigning covers "to me"). */
const TAKING = new Set(['claim', 'assign']);

export const notInQueues = (id: number) =>
	`Follow-up #${id} is not in your queues (someone may have taken it, or it does not exist): reload the list.`;

/** Loads, checks visibility, runs the change, audits; maps DuckDB write conflicts to ours. */
export async function change<T>(
	db: Db,
	actor: Actor,
	id: number,
	action: string,
	fn: (ctx: Ctx) => Promise<{ result: T; detail?: Record<string, unknown> }>,
	ip: string | null | undefined = null,
	seen?: number
): Promise<T> {
	const now = clockNow();
	const attempt = () =>
		db.transaction(async (conn) => {
			const task = (await all<TaskState>(conn, LOAD, { id }))[0];
			// Missing and out of reach answer alike, before any version check: the answer must not
			// tell which task numbers exist.
			if (!task || !maySee(actor, { assigneeId: task.assignee_id, queue: task.queue }))
				throw new TaskNotFoundError(notInQueues(id));
			if (seen !== undefined && task.version !== seen) throw new TaskConflictError();
			const held = { assigneeId: task.assignee_id, queue: task.queue };
			if (!TAKING.has(action) && !mayWork(actor, held))
				throw new TaskForbiddenError(
					'Take this follow-up first: only the person working it sees the patient and acts on it.'
				);
			const { result, detail } = await fn({ conn, task, now });
			await audit(
				conn,
				{
					actor: actor.email,
					action: `follow_up.${action}`,
					subjectType: 'follow_up',
					subjectId: String(id),
					patientId: task.patient_id,
					ip,
					detail
				},
				now
			);
			return result;
		});
	try {
		return await retryOnConflict(attempt);
	} catch (err) {
		// Still refused after the retries: as good as someone else's change.
		if (isWriteConflict(err)) throw new TaskConflictError();
		throw err;
	}
}

/** UPDATE … WHERE version = seen; no row changed means someone else got there first. */
export async function versioned(
	ctx: Ctx,
	seen: number,
	set: string,
	params: Record<string, string | number | boolean | null>
): Promise<number> {
	if (ctx.task.version !== seen) throw new TaskConflictError();
	const rows = await changed(
		ctx.conn,
		`-- versioned task update
		UPDATE follow_ups SET ${set ? `${set}, ` : ''}version = version + 1, updated_at = $now::TIMESTAMP
		WHERE id = $id AND version = $seen`,
		{ ...params, id: ctx.task.id, seen, now: tsParam(ctx.now) }
	);
	if (rows === 0) throw new TaskConflictError();
	return seen + 1;
}

/** Refuses text over its field's limit with the sentence a person reads (nothing is cut). */
export function requireFits(field: TextField, text: string | null | undefined) {
	const problem = textTooLong(field, text);
	if (problem) throw new TaskRuleError(problem);
}

export function requireOpen(task: TaskState) {
	if (task.status === 'closed')
		throw new TaskRuleError('This follow-up is closed: reopen it first.');
}

export async function claimTask(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	ip?: string | null
): Promise<number> {
	return change(
		db,
		actor,
		id,
		'claim',
		async (ctx) => {
			requireOpen(ctx.task);
			if (ctx.task.assignee_id && ctx.task.assignee_id !== actor.id && !mayAssignOthers(actor)) {
				throw new TaskRuleError('This follow-up is already assigned to someone else.');
			}
			const v = await versioned(
				ctx,
				version,
				`assignee_id = $uid, assignee_name = $uname, status = 'in_progress'`,
				{ uid: actor.id, uname: actor.name }
			);
			return { result: v };
		},
		ip,
		version
	);
}

export function assignTask(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	to: { id: string; name: string } | null,
	ip?: string | null
): Promise<number> {
	return change(
		db,
		actor,
		id,
		'assign',
		async (ctx) => {
			requireOpen(ctx.task);
			const self = to?.id === actor.id || (to === null && ctx.task.assignee_id === actor.id);
			if (!self && !mayAssignOthers(actor))
				throw new TaskForbiddenError('Only a manager can assign follow-ups to other people.');
			const status = to ? 'in_progress' : 'open';
			const v = await versioned(
				ctx,
				version,
				`assignee_id = $uid, assignee_name = $uname, status = $status`,
				{ uid: to?.id ?? null, uname: to?.name ?? null, status }
			);
			return { result: v, detail: { to: to?.id ?? null } };
		},
		ip,
		version
	);
}

/** Bulk claim or assign: each task keeps its own version check; reports what was skipped. */
export async function bulkAssign(
	db: Db,
	actor: Actor,
	items: { id: number; version: number }[],
	to: { id: string; name: string },
	ip?: string | null
): Promise<{ done: number; conflicts: number; refused: number }> {
	const out = { done: 0, conflicts: 0, refused: 0 };
	for (const item of items) {
		try {
			if (to.id === actor.id) await claimTask(db, actor, item.id, item.version, ip);
			else await assignTask(db, actor, item.id, item.version, to, ip);
			out.done++;
		} catch (err) {
			if (err instanceof TaskConflictError) out.conflicts++;
			else if (
				err instanceof TaskRuleError ||
				err instanceof TaskForbiddenError ||
				err instanceof TaskNotFoundError
			)
				out.refused++;
			else throw err;
		}
	}
	return out;
}

export async function addNote(
	db: Db,
	actor: Actor,
	id: number,
	body: string,
	ip?: string | null
): Promise<void> {
	const text = body.trim();
	if (!text) throw new TaskRuleError('Write something in the note first.');
	requireFits('note', text);
	return change(
		db,
		actor,
		id,
		'note',
		async (ctx) => {
			await appendRows(ctx.conn, 'follow_up_notes', [[id, actor.id, actor.name, text, ctx.now]]);
			return { result: undefined };
		},
		ip
	);
}

export async function logAttempt(
	db: Db,
	actor: Actor,
	id: number,
	a: { channel: string; outcome: string; note?: string | null },
	ip?: string | null
): Promise<void> {
	if (!(CHANNELS as readonly string[]).includes(a.channel))
		throw new TaskRuleError(`Channel must be one of ${CHANNELS.join(', ')}.`);
	requireFits('attemptNote', a.note?.trim());
	return change(
		db,
		actor,
		id,
		'attempt',
		async (ctx) => {
			requireOpen(ctx.task);
			const allowed: readonly string[] =
				ctx.task.kind === 'outreach' ? OUTREACH_OUTCOMES : COMPLAINT_ATTEMPT_OUTCOMES;
			if (!allowed.includes(a.outcome))
				throw new TaskRuleError(`Outcome must be one of ${allowed.join(', ')}.`);
			await appendRows(ctx.conn, 'contact_attempts', [
				[id, a.channel, a.outcome, a.note?.trim() || null, actor.id, actor.name, ctx.now]
			]);
			return { result: undefined, detail: { channel: a.channel, outcome: a.outcome } };
		},
		ip
	);
}

export async function saveResponse(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	text: string,
	ip?: string | null
): Promise<number> {
	const body = text.trim();
	if (!body) throw new TaskRuleError('Write the response first.');
	requireFits('response', body);
	return change(
		db,
		actor,
		id,
		'response',
		async (ctx) => {
			requireOpen(ctx.task);
			const v = await versioned(ctx, version, `response = $body, response_at = $now::TIMESTAMP`, {
				body
			});
			return { result: v };
		},
		ip,
		version
	);
}

const ATTEMPT_COUNT = `-- logged attempts on a task
SELECT count(*)::INTEGER AS n FROM contact_attempts WHERE follow_up_id = $id`;
const INCIDENT_REVIEWED = `-- is there a reviewed incident report?
SELECT count(*)::INTEGER AS n FROM incident_reports WHERE follow_up_id = $id AND reviewed_at IS NOT NULL`;

export interface Resolution {
	/** Complaints: resolved, could_not_reach, referred. Outreach: derived from the outcome. */
	resolution?: string | null;
	rootCause?: string | null;
	/** Outreach only: reached, refill_requested, med_sync_enrolled, declined, no_answer. */
	outcome?: string | null;
	/**
	 * A medication-error follow-up with no logged contact attempt closes only with the reason
	 * nobody was contacted (the prescriber handled it, the patient came in, …), kept on file.
	 */
	noContactReason?: string | null;
}

export async function resolveTask(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	r: Resolution,
	ip?: string | null
): Promise<number> {
	return change(
		db,
		actor,
		id,
		'resolve',
		async (ctx) => {
			requireOpen(ctx.task);
			let resolution: string;
			let outcome: string | null = null;
			if (ctx.task.kind === 'outreach') {
				outcome = r.outcome ?? '';
				if (!(OUTREACH_OUTCOMES as readonly string[]).includes(outcome))
					throw new TaskRuleError(`Choose an outcome: ${OUTREACH_OUTCOMES.join(', ')}.`);
				resolution = outcome === 'no_answer' ? 'could_not_reach' : 'resolved';
			} else {
				resolution = r.resolution ?? '';
				if (!(RESOLUTIONS as readonly string[]).includes(resolution))
					throw new TaskRuleError('Choose a resolution: resolved, could not reach, or referred.');
				if (!r.rootCause || !(ROOT_CAUSES as readonly string[]).includes(r.rootCause))
					throw new TaskRuleError('Choose a root cause before closing the follow-up.');
				if (resolution === 'could_not_reach') {
					const need = (await getSettings(db)).attemptsBeforeUnreachable;
					const n = (await all<{ n: number }>(ctx.conn, ATTEMPT_COUNT, { id }))[0].n;
					if (n < need)
						throw new TaskRuleError(
							`"Could not reach" needs ${need} logged contact attempts; this follow-up has ${n}.`
						);
				}
				if (ctx.task.category === 'medication_safety') {
					const ok = (await all<{ n: number }>(ctx.conn, INCIDENT_REVIEWED, { id }))[0].n > 0;
					if (!ok)
						throw new TaskRuleError(
							'A medication-error follow-up needs an incident report reviewed by a pharmacist or manager before it can close.'
						);
					const attempts = (await all<{ n: number }>(ctx.conn, ATTEMPT_COUNT, { id }))[0].n;
					const why = r.noContactReason?.trim() ?? '';
					requireFits('noContactReason', why);
					if (attempts === 0 && !why)
						throw new TaskRuleError(
							'A medication-error follow-up closes only after a logged contact attempt, or with the reason nobody was contacted: log the attempt, or write the reason.'
						);
					if (attempts === 0)
						await appendRows(ctx.conn, 'follow_up_no_contact', [
							[id, why, actor.id, actor.name, ctx.now]
						]);
				}
			}
			const v = await versioned(
				ctx,
				version,
				`status = 'closed', resolution = $resolution, outcome = $outcome, root_cause = $rootCause,
			closed_at = $now::TIMESTAMP, closed_by = $uid, closed_count = closed_count + 1`,
				{
					resolution,
					outcome,
					rootCause: ctx.task.kind === 'outreach' ? null : (r.rootCause ?? null),
					uid: actor.id
				}
			);
			return {
				result: v,
				detail: {
					resolution,
					outcome,
					rootCause: r.rootCause ?? null,
					noContactReason: r.noContactReason?.trim() ? true : undefined
				}
			};
		},
		ip,
		version
	);
}

export async function reopenTask(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	ip?: string | null
): Promise<number> {
	return change(
		db,
		actor,
		id,
		'reopen',
		async (ctx) => {
			if (ctx.task.status !== 'closed') throw new TaskRuleError('This follow-up is not closed.');
			const status = ctx.task.assignee_id ? 'in_progress' : 'open';
			const v = await versioned(
				ctx,
				version,
				`status = $status, resolution = NULL, outcome = NULL, closed_at = NULL, closed_by = NULL, reopen_count = reopen_count + 1`,
				{ status }
			);
			return { result: v };
		},
		ip,
		version
	);
}
