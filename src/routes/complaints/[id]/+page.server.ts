// One follow-up beside the queue: who the patient is and how to reach them (from the optional
// patients file), their own words, the interactions that opened it (as links), the outreach
// script, their recent contacts, surveys and fills, and every move on it. Each action re-checks
// the role through guard(), acts through the loop's versioned, audited functions, and answers a
// failure with one sentence; a lost race names who changed what ("You (in another tab)" too).
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb, type Db } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { pathId } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import {
	actorFor,
	addNote,
	assignTask,
	CHANNELS,
	claimTask,
	COMPLAINT_ATTEMPT_OUTCOMES,
	getTask,
	HARM_CATEGORIES,
	listAssignees,
	logAttempt,
	mayAssignOthers,
	mayReviewIncident,
	OUTREACH_OUTCOMES,
	reopenTask,
	resolveTask,
	RESOLUTIONS,
	reviewIncident,
	ROOT_CAUSES,
	saveIncident,
	saveResponse,
	SCRIPTS,
	TaskRuleError,
	type Actor
} from '$lib/server/loop/index.ts';
import { describeFailure, formFields, intField } from '$lib/server/loop/web.ts';
import {
	outreachScript,
	patientCard,
	patientWords,
	triggeringInteractions
} from '$lib/server/loop/context.ts';
import { conflictSentence } from '$lib/server/queues/conflict.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { formatLocal } from '$lib/server/time/index.ts';

const taskId = (raw: string) => pathId(raw, 'follow-up');

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	const id = taskId(event.params.id);
	const task = await getTask(db, actor, id);
	if (!task)
		error(404, 'There is no such follow-up in your queues (it may be assigned to someone else).');
	const tz = (await getSettings(db)).siteTimeZone;
	// A task the reader may see but not work (unclaimed) shows no patient and none of their words.
	const [words, triggers, script, card] = task.locked
		? [[], [], null, null]
		: await Promise.all([
				patientWords(db, id),
				triggeringInteractions(db, id),
				outreachScript(db, task.script),
				patientCard(db, task.patientId)
			]);
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'follow_up',
		subjectId: String(id),
		patientId: task.patientId,
		ip: event.getClientAddress(),
		detail: card ? { shown: ['name', 'phone', 'date_of_birth'] } : undefined
	});
	return {
		task,
		me: actor.id,
		context: {
			words: words.map((w) => ({ ...w, atText: formatLocal(w.at, tz) })),
			triggers: triggers.map((t) => ({ ...t, startedAtText: formatLocal(t.startedAt, tz) })),
			script,
			card
		},
		may: {
			assignOthers: mayAssignOthers(actor),
			reviewIncident: mayReviewIncident(actor),
			claim: task.status !== 'closed' && task.assigneeId !== actor.id
		},
		assignees: mayAssignOthers(actor) ? await listAssignees(db) : [],
		options: {
			channels: [...CHANNELS],
			attemptOutcomes:
				task.kind === 'outreach' ? [...OUTREACH_OUTCOMES] : [...COMPLAINT_ATTEMPT_OUTCOMES],
			resolutions: [...RESOLUTIONS],
			outreachOutcomes: [...OUTREACH_OUTCOMES],
			rootCauses: [...ROOT_CAUSES],
			harm: Object.entries(HARM_CATEGORIES).map(([value, label]) => ({ value, label })),
			script: task.script ? SCRIPTS[task.script as keyof typeof SCRIPTS] : null,
			attempts: task.attemptLog.length
		}
	};
}) satisfies PageServerLoad;

type Fields = Awaited<ReturnType<typeof formFields>>;
type Handler = (ctx: {
	db: Db;
	actor: Actor;
	id: number;
	form: Fields;
	ip: string;
}) => Promise<string>;

/** Shared shape of every action: guard, parse, act, map expected failures to fail(). */
function act(name: string, handler: Handler) {
	return async (event: RequestEvent) => {
		const user = guard(event);
		const db = await getDb();
		const actor = await actorFor(db, user);
		const id = taskId(event.params.id);
		const form = await formFields(event.request);
		try {
			const ok = await handler({ db, actor, id, form, ip: event.getClientAddress() });
			return { action: name, ok };
		} catch (err) {
			const failure = describeFailure(err);
			if (!failure) throw err;
			const message =
				failure.status === 409
					? await conflictSentence(
							db,
							{ type: 'follow_up', id: String(id) },
							actor,
							'this follow-up'
						)
					: failure.message;
			// What the person typed comes back, so a refused save loses nothing.
			const typed = Object.fromEntries(
				['body', 'note', 'response', 'description', 'noContactReason'].map((k) => [k, form.get(k)])
			);
			return fail(failure.status, {
				action: name,
				message,
				conflict: failure.status === 409,
				typed
			});
		}
	};
}

const version = (form: Fields) => intField(form.get('version'), 'The task version');

export const actions = {
	claim: act('claim', async ({ db, actor, id, form, ip }) => {
		await claimTask(db, actor, id, version(form), ip);
		return 'Claimed: this follow-up is yours.';
	}),
	assign: act('assign', async ({ db, actor, id, form, ip }) => {
		const to = form.get('assignee');
		if (to === '') {
			await assignTask(db, actor, id, version(form), null, ip);
			return 'Unassigned: back in the queue.';
		}
		const person =
			to === actor.id
				? { id: actor.id, name: actor.name }
				: (await listAssignees(db)).find((a) => a.id === to);
		if (!person) throw new TaskRuleError('Choose someone to assign it to.');
		await assignTask(db, actor, id, version(form), { id: person.id, name: person.name }, ip);
		return `Assigned to ${person.name}.`;
	}),
	note: act('note', async ({ db, actor, id, form, ip }) => {
		await addNote(db, actor, id, form.get('body'), ip);
		return 'Note added.';
	}),
	attempt: act('attempt', async ({ db, actor, id, form, ip }) => {
		await logAttempt(
			db,
			actor,
			id,
			{ channel: form.get('channel'), outcome: form.get('outcome'), note: form.get('note') },
			ip
		);
		return 'Contact attempt logged.';
	}),
	response: act('response', async ({ db, actor, id, form, ip }) => {
		await saveResponse(db, actor, id, version(form), form.get('response'), ip);
		return 'Response saved.';
	}),
	resolve: act('resolve', async ({ db, actor, id, form, ip }) => {
		await resolveTask(
			db,
			actor,
			id,
			version(form),
			{
				resolution: form.get('resolution'),
				rootCause: form.get('rootCause'),
				outcome: form.get('outcome'),
				noContactReason: form.get('noContactReason')
			},
			ip
		);
		return 'Resolved: the follow-up is closed.';
	}),
	reopen: act('reopen', async ({ db, actor, id, form, ip }) => {
		await reopenTask(db, actor, id, version(form), ip);
		return 'Reopened.';
	}),
	incident: act('incident', async ({ db, actor, id, form, ip }) => {
		await saveIncident(
			db,
			actor,
			id,
			version(form),
			{
				medication: form.get('medication'),
				dosePrescribed: form.get('dosePrescribed'),
				doseDispensed: form.get('doseDispensed'),
				eventDate: form.get('eventDate'),
				staffInvolved: form.get('staffInvolved'),
				harmCategory: form.get('harmCategory'),
				description: form.get('description')
			},
			ip
		);
		return 'Incident report saved; it needs a pharmacist or manager review before the task can close.';
	}),
	review: act('review', async ({ db, actor, id, form, ip }) => {
		await reviewIncident(db, actor, id, version(form), ip);
		return 'Incident report reviewed.';
	})
} satisfies Actions;
