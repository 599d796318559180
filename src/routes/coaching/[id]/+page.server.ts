// One coaching task: its evidence (figure, interval, target, linked interactions), the workflow
// plan → session held → agent acknowledged → done, its history and, later, its measured effect.
// QA leads, managers and admins work every step and take or hand on the task; a lead's step takes
// an unheld task first (another lead's must be taken over on purpose). A staff account linked to
// the task's agent sees its own task and may only acknowledge the session. Every step is audited.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { pathId, readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import type { SessionUser } from '$lib/server/auth/roles.ts';
import { conflictSentence } from '$lib/server/queues/conflict.ts';
import {
	advanceTask,
	ClaimError,
	CoachingConflictError,
	getCoachingTask,
	holdBeforeActing,
	listQaLeads,
	moveItem,
	NEXT_STATE,
	TaskError,
	TASK_STATES,
	type TaskState
} from '$lib/server/qa/index.ts';

async function visible(event: RequestEvent, user: SessionUser) {
	const id = pathId(event.params.id, 'coaching task');
	const db = await getDb();
	const task = await getCoachingTask(db, id);
	if (!task) error(404, 'There is no such coaching task.');
	if (user.role === 'staff' && (user.agentId === null || user.agentId !== task.agentId)) {
		error(403, 'This coaching task is not yours to see.');
	}
	return task;
}

export const load = (async (event) => {
	const user = guard(event);
	const task = await visible(event, user);
	const next = NEXT_STATE[task.state] ?? null;
	const isAgent = user.agentId !== null && user.agentId === task.agentId;
	const canAdvance = user.role !== 'staff' || (isAgent && next === 'acknowledged');
	const isLead = user.role !== 'staff';
	return {
		task,
		next,
		canAdvance,
		isLead,
		mine: task.ownerId === user.id,
		leads: isLead ? await listQaLeads(await getDb()) : []
	};
}) satisfies PageServerLoad;

const holder = (user: SessionUser) => ({ id: user.id, name: user.name, email: user.email });

/** Take the task, or hand it to another lead; `seen` is the holder the page showed. */
async function move(event: RequestEvent, to: 'me' | 'chosen') {
	const user = guard(event);
	if (user.role === 'staff')
		return fail(403, { message: 'Only QA leads and managers hold coaching tasks.' });
	const task = await visible(event, user);
	const form = await event.request.formData();
	const seen = String(form.get('seen') ?? '') || null;
	const target = to === 'me' ? user.id : String(form.get('assignee') ?? '') || null;
	try {
		await moveItem(
			await getDb(),
			{ kind: 'coaching', taskId: task.taskId },
			seen,
			target,
			holder(user),
			event.getClientAddress()
		);
	} catch (err) {
		if (err instanceof ClaimError) return fail(err.status, { message: err.message });
		throw err;
	}
	return {
		ok: target === user.id ? 'This task is yours.' : target ? 'Handed over.' : 'Back in the queue.'
	};
}

export const actions = {
	claim: (event) => move(event, 'me'),
	assign: (event) => move(event, 'chosen'),
	advance: async (event) => {
		const user = guard(event);
		const task = await visible(event, user);
		const form = await readFormData(event.request);
		const to = String(form.get('to') ?? '');
		if (!(TASK_STATES as readonly string[]).includes(to))
			return fail(400, { message: 'Unknown step.' });
		if (user.role === 'staff' && to !== 'acknowledged')
			return fail(403, { message: 'Only the QA lead moves this step.' });
		const text = (name: string) => String(form.get(name) ?? '');
		const typed = {
			planNotes: text('planNotes'),
			goal: text('goal'),
			sessionNotes: text('sessionNotes'),
			note: text('note')
		};
		const db = await getDb();
		try {
			if (user.role !== 'staff')
				await holdBeforeActing(db, { kind: 'coaching', taskId: task.taskId }, holder(user), {
					takeOver: form.get('takeOver') === '1',
					ip: event.getClientAddress()
				});
			await advanceTask(db, task.taskId, to as TaskState, { id: user.id, name: user.name }, typed);
		} catch (err) {
			if (err instanceof ClaimError) return fail(err.status, { message: err.message, typed });
			if (err instanceof CoachingConflictError)
				return fail(409, {
					message: await conflictSentence(
						db,
						{ type: 'coaching_task', id: String(task.taskId) },
						user,
						'this task'
					),
					typed
				});
			if (err instanceof TaskError) return fail(400, { message: err.message, typed });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.coaching.state',
			subjectType: 'coaching_task',
			subjectId: String(task.taskId),
			ip: event.getClientAddress(),
			detail: { agentId: task.agentId, from: task.state, to }
		});
		return { ok: 'Saved.' };
	}
} satisfies Actions;
