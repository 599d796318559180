// The agent's self-review of a released evaluation's call: the transcript and the same rubric
// version the reviewer used. Only the evaluated agent (a staff account linked to the agent id)
// may open it; the page shows patient-identifying text, so each view is audited.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import type { SessionUser } from '$lib/server/auth/roles.ts';
import {
	EvaluationError,
	getEvaluation,
	getInteractionForReview,
	parseAnswerForm
} from '$lib/server/qa/index.ts';
import { getSelfReview, maySelfReview, saveSelfReview } from '$lib/server/qa/self-review.ts';

async function own(event: RequestEvent, user: SessionUser) {
	const id = Number(event.params.id);
	const db = await getDb();
	const evaluation = Number.isInteger(id) ? await getEvaluation(db, id) : null;
	if (!evaluation) error(404, 'There is no such evaluation.');
	if (!maySelfReview(user, evaluation))
		error(403, 'Only the evaluated agent can review this call, once the evaluation is released.');
	return { db, evaluation };
}

export const load = (async (event) => {
	const user = guard(event);
	const { db, evaluation } = await own(event, user);
	const interaction = await getInteractionForReview(db, evaluation.interactionId);
	if (!interaction) error(404, 'The interaction of this evaluation is no longer there.');
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'interaction',
		subjectId: interaction.interactionId,
		patientId: interaction.patientId,
		ip: event.getClientAddress(),
		detail: { page: 'qa.self_review' }
	});
	const self = await getSelfReview(db, evaluation.evaluationId);
	return {
		evaluationId: evaluation.evaluationId,
		rubric: evaluation.rubric,
		interaction,
		answers: self
			? Object.fromEntries(Object.entries(self.answers).map(([k, a]) => [k, a.value]))
			: {},
		notes: self ? Object.fromEntries(Object.entries(self.answers).map(([k, a]) => [k, a.note])) : {}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = guard(event);
		const { db, evaluation } = await own(event, user);
		const form = await event.request.formData();
		const { answers, notes, missing } = parseAnswerForm(form, evaluation.rubric.items);
		if (missing.length > 0)
			return fail(400, { message: `Answer every item: ${missing.join('; ')}.`, answers });
		let saved;
		try {
			saved = await saveSelfReview(db, evaluation, { answers, notes }, user);
		} catch (err) {
			if (err instanceof EvaluationError) return fail(400, { message: err.message, answers });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.evaluation.self_review',
			subjectType: 'evaluation',
			subjectId: String(evaluation.evaluationId),
			ip: event.getClientAddress(),
			detail: { interactionId: evaluation.interactionId, selfScore: saved.score }
		});
		redirect(303, `/qa/evaluations/${evaluation.evaluationId}`);
	}
} satisfies Actions;
