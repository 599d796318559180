// Scoring one interaction of a calibration session: the transcript and the session's rubric
// version, blind — no AutoQA hints, no other grader's answers, only the member's own draft. The
// transcript is patient data, so each view is audited.
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	EvaluationError,
	getInteractionForReview,
	getRubricVersion,
	parseAnswerForm
} from '$lib/server/qa/index.ts';
import {
	CalibrationError,
	memberOf,
	myScores,
	scoreInSession
} from '$lib/server/qa/calibration/index.ts';
import { sessionFromParam } from '$lib/server/qa/calibration/page.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const session = await sessionFromParam(db, event.params.id);
	const me = memberOf(session, user.id);
	if (!me) error(403, 'You are not a grader in this session.');
	if (me.submittedAt) redirect(303, `/qa/calibration/${session.sessionId}`);
	const id = event.params.interactionId;
	if (!session.interactionIds.includes(id))
		error(404, 'This interaction is not part of the session.');
	const [interaction, rubric, mine] = await Promise.all([
		getInteractionForReview(db, id),
		getRubricVersion(db, session.versionId),
		myScores(db, session, user.id)
	]);
	if (!interaction || !rubric) error(404, 'This interaction is no longer there.');
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'interaction',
		subjectId: id,
		patientId: interaction.patientId,
		ip: event.getClientAddress(),
		detail: { page: 'qa.calibration', session: session.sessionId }
	});
	const draft = mine.find((s) => s.interactionId === id);
	const index = session.interactionIds.indexOf(id);
	return {
		session: { sessionId: session.sessionId, name: session.name },
		role: me.role,
		position: { index: index + 1, of: session.interactionIds.length },
		interaction,
		rubric,
		answers: draft
			? Object.fromEntries(Object.entries(draft.answers).map(([k, a]) => [k, a.value]))
			: {},
		notes: draft
			? Object.fromEntries(Object.entries(draft.answers).map(([k, a]) => [k, a.note]))
			: {}
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const session = await sessionFromParam(db, event.params.id);
		const rubric = await getRubricVersion(db, session.versionId);
		if (!rubric) error(404, 'The rubric of this session is missing.');
		const form = await event.request.formData();
		const { answers, notes, missing } = parseAnswerForm(form, rubric.items);
		if (missing.length > 0)
			return fail(400, { message: `Answer every item: ${missing.join('; ')}.`, answers });
		const interactionId = event.params.interactionId;
		try {
			await scoreInSession(
				db,
				session,
				{ interactionId, answers, notes },
				{ id: user.id, name: user.name }
			);
		} catch (err) {
			if (err instanceof CalibrationError || err instanceof EvaluationError)
				return fail(400, { message: err.message, answers });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.calibration.score',
			subjectType: 'calibration_session',
			subjectId: String(session.sessionId),
			ip: event.getClientAddress(),
			detail: { interactionId }
		});
		const next = session.interactionIds[session.interactionIds.indexOf(interactionId) + 1];
		redirect(
			303,
			next
				? `/qa/calibration/${session.sessionId}/score/${encodeURIComponent(next)}`
				: `/qa/calibration/${session.sessionId}`
		);
	}
} satisfies Actions;
