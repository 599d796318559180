// One coaching task: its evidence (figure, interval, target, linked interactions), the workflow
// plan → session held → agent acknowledged → done, its history and, later, its measured effect.
// QA leads, managers and admins work every step; a staff account linked to the task's agent sees
// its own task and may only acknowledge the session. Every step is audited.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { pathId, readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import type { SessionUser } from '$lib/server/auth/roles.ts';
import {
	advanceTask,
	getCoachingTask,
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
	return { task, next, canAdvance, isLead: user.role !== 'staff' };
}) satisfies PageServerLoad;

export const actions = {
	advance: async (event) => {
		const user = guard(event);
		const task = await visible(event, user);
		const form = await readFormData(event.request);
		const to = String(form.get('to') ?? '');
		if (!(TASK_STATES as readonly string[]).includes(to))
			return fail(400, { message: 'Unknown step.' });
		if (user.role === 'staff' && to !== 'acknowledged')
			return fail(403, { message: 'Only the QA lead moves this step.' });
		const text = (name: string) => String(form.get(name) ?? '').slice(0, 4000);
		const db = await getDb();
		try {
			await advanceTask(
				db,
				task.taskId,
				to as TaskState,
				{ id: user.id, name: user.name },
				{
					planNotes: text('planNotes'),
					goal: text('goal'),
					sessionNotes: text('sessionNotes'),
					note: text('note')
				}
			);
		} catch (err) {
			if (err instanceof TaskError) return fail(409, { message: err.message });
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
