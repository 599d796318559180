// Evaluate one interaction: the transcript (read-only) with the rubric form beside it, the
// AutoQA results with their evidence, and items linked to a rule pre-filled from it (the reviewer
// confirms or overrides). The page shows patient-identifying text, so every view is audited; so
// is every submitted evaluation.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	createEvaluation,
	EvaluationError,
	getCurrentRubricVersion,
	getInteractionForReview,
	listEvaluationsForInteraction,
	parseAnswerForm
} from '$lib/server/qa/index.ts';
import { listResultsForInteraction } from '$lib/server/qa/autoqa/index.ts';
import { evidenceLines, suggestAnswers } from '$lib/server/qa/autoqa/prefill.ts';

export const load = (async (event) => {
	const user = guard(event);
	const id = event.params.interactionId;
	if (id.length > 200) error(404, 'There is no interaction with this id.');
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
	const rubric = await getCurrentRubricVersion(db);
	const [evaluations, results] = await Promise.all([
		listEvaluationsForInteraction(db, id),
		listResultsForInteraction(db, id)
	]);
	const prefill = suggestAnswers(rubric.items, results);
	return {
		interaction,
		rubric,
		evaluations,
		autoQa: results.map((r) => ({ ...r, evidence: evidenceLines(r) })),
		prefill: { answers: prefill.answers, hints: prefill.hints }
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const form = await readFormData(event.request);
		const rubric = await getCurrentRubricVersion(db);
		const submitted = Number(form.get('versionId'));
		// Evaluate against the version the form showed; a newer version saved meanwhile is refused.
		if (Number.isInteger(submitted) && submitted !== rubric.versionId) {
			return fail(409, {
				message: 'The rubric changed while you were scoring: reload the page and score again.'
			});
		}
		const { answers, notes, missing } = parseAnswerForm(form, rubric.items);
		if (missing.length > 0)
			return fail(400, { message: `Answer every item: ${missing.join('; ')}.`, answers });
		const comment = String(form.get('comment') ?? '').slice(0, 4000);
		// Suggestions are recomputed here, never taken from the form.
		const { suggestions } = suggestAnswers(
			rubric.items,
			await listResultsForInteraction(db, event.params.interactionId)
		);
		let created;
		try {
			created = await createEvaluation(
				db,
				{
					interactionId: event.params.interactionId,
					versionId: rubric.versionId,
					answers,
					notes,
					comment,
					release: form.get('release') === '1',
					suggestions
				},
				{ id: user.id, name: user.name }
			);
		} catch (err) {
			if (err instanceof EvaluationError) return fail(400, { message: err.message, answers });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.evaluation.submit',
			subjectType: 'evaluation',
			subjectId: String(created.evaluationId),
			ip: event.getClientAddress(),
			detail: {
				interactionId: event.params.interactionId,
				score: created.score,
				criticalFailed: created.criticalFailed
			}
		});
		redirect(303, `/qa/evaluations/${created.evaluationId}`);
	}
} satisfies Actions;
