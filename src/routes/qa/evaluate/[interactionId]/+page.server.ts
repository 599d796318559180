// Evaluate one interaction: what there is to judge (transcript or message thread, read-only) with
// the rubric form beside it, the AutoQA results with their evidence and items linked to a rule
// pre-filled from it (the reviewer confirms or overrides), who holds the item, and the moves:
// take it, hand it on, submit.
// Submitting takes an unheld item (or asks first when another lead holds it); a second
// evaluation of the same interaction and rubric version must be ticked on purpose. The page
// shows patient-identifying text, so every view is audited; so is every submitted evaluation.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	ClaimError,
	createEvaluation,
	currentHolder,
	EvaluationConflictError,
	EvaluationError,
	getCurrentRubricVersion,
	getInteractionForReview,
	holdBeforeActing,
	listEvaluationsForInteraction,
	listQaLeads,
	moveItem,
	parseAnswerForm
} from '$lib/server/qa/index.ts';
import { listResultsForInteraction } from '$lib/server/qa/autoqa/index.ts';
import { evidenceLines, suggestAnswers } from '$lib/server/qa/autoqa/prefill.ts';
import { queueSearch } from '$lib/server/qa/queue-view.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { formatLocal } from '$lib/server/time/index.ts';

function interactionId(event: RequestEvent): string {
	const id = event.params.interactionId;
	if (id.length > 200) error(404, 'There is no interaction with this id.');
	return id;
}

export const load = (async (event) => {
	const user = guard(event);
	const id = interactionId(event);
	const db = await getDb();
	const interaction = await getInteractionForReview(db, id);
	if (!interaction) error(404, `There is no interaction "${id}". It may not be imported yet.`);
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'interaction',
		subjectId: id,
		patientId: interaction.patientId,
		ip: event.getClientAddress(),
		detail: { page: 'qa.evaluate' }
	});
	const tz = (await getSettings(db)).siteTimeZone;
	const [rubric, evaluations, results, holder, leads] = await Promise.all([
		getCurrentRubricVersion(db),
		listEvaluationsForInteraction(db, id),
		listResultsForInteraction(db, id),
		currentHolder(db, { kind: 'review', interactionId: id }),
		listQaLeads(db)
	]);
	const prefill = suggestAnswers(rubric.items, results);
	return {
		interaction: { ...interaction, startedAtText: formatLocal(interaction.startedAt, tz) },
		rubric,
		evaluations,
		autoQa: results.map((r) => ({ ...r, evidence: evidenceLines(r) })),
		prefill: { answers: prefill.answers, hints: prefill.hints },
		/** Null when the interaction is not a review-queue item (opened from elsewhere). */
		holder: holder && {
			id: holder.ownerId,
			name: holder.ownerName,
			mine: holder.ownerId === user.id
		},
		leads
	};
}) satisfies PageServerLoad;

const who = (event: RequestEvent) => {
	const user = guard(event);
	return { user, actor: { id: user.id, name: user.name, email: user.email } };
};

/** Take the item, or hand it to another lead; `seen` is the holder the page showed. */
async function move(event: RequestEvent, to: 'me' | 'chosen') {
	const { actor } = who(event);
	const id = interactionId(event);
	const form = await event.request.formData();
	const seen = String(form.get('seen') ?? '') || null;
	const target = to === 'me' ? actor.id : String(form.get('assignee') ?? '') || null;
	try {
		await moveItem(
			await getDb(),
			{ kind: 'review', interactionId: id },
			seen,
			target,
			actor,
			event.getClientAddress()
		);
	} catch (err) {
		if (err instanceof ClaimError) return fail(err.status, { message: err.message });
		throw err;
	}
	return {
		ok: target === actor.id ? 'This item is yours.' : target ? 'Handed over.' : 'Back in the queue.'
	};
}

export const actions = {
	claim: (event) => move(event, 'me'),
	assign: (event) => move(event, 'chosen'),
	submit: async (event) => {
		const { user, actor } = who(event);
		const id = interactionId(event);
		const db = await getDb();
		const form = await readFormData(event.request);
		const rubric = await getCurrentRubricVersion(db);
		const submitted = Number(form.get('versionId'));
		const comment = String(form.get('comment') ?? '');
		const { answers, notes, missing } = parseAnswerForm(form, rubric.items);
		const kept = { answers, notes, comment };
		// Evaluate against the version the form showed; a newer version saved meanwhile is refused.
		if (Number.isInteger(submitted) && submitted !== rubric.versionId) {
			return fail(409, {
				message: 'The rubric changed while you were scoring: reload the page and score again.',
				...kept
			});
		}
		if (missing.length > 0)
			return fail(400, { message: `Answer every item: ${missing.join('; ')}.`, ...kept });
		// Suggestions are recomputed here, never taken from the form.
		const { suggestions } = suggestAnswers(rubric.items, await listResultsForInteraction(db, id));
		let created;
		try {
			await holdBeforeActing(db, { kind: 'review', interactionId: id }, actor, {
				takeOver: form.get('takeOver') === '1',
				ip: event.getClientAddress()
			});
			created = await createEvaluation(
				db,
				{
					interactionId: id,
					versionId: rubric.versionId,
					answers,
					notes,
					comment,
					release: form.get('release') === '1',
					suggestions,
					secondOpinion: form.get('second') === '1'
				},
				{ id: user.id, name: user.name }
			);
		} catch (err) {
			if (err instanceof ClaimError) return fail(err.status, { message: err.message, ...kept });
			if (err instanceof EvaluationError)
				return fail(err instanceof EvaluationConflictError ? 409 : 400, {
					message: err.message,
					...kept
				});
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.evaluation.submit',
			subjectType: 'evaluation',
			subjectId: String(created.evaluationId),
			ip: event.getClientAddress(),
			detail: {
				interactionId: id,
				score: created.score,
				criticalFailed: created.criticalFailed,
				released: form.get('release') === '1',
				secondOpinion: form.get('second') === '1'
			}
		});
		redirect(303, `/qa/evaluations/${created.evaluationId}${queueSearch(event.url)}`);
	}
} satisfies Actions;
