// One evaluation. QA leads (and managers, admins) see every evaluation and may release it and
// resolve disputes; a staff account linked to the evaluated agent sees it once released and may
// acknowledge or dispute it. Every action writes the evaluation's history and the audit log.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { pathId, readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import type { SessionUser } from '$lib/server/auth/roles.ts';
import { conflictSentence } from '$lib/server/queues/conflict.ts';
import {
	acknowledgeEvaluation,
	disputeEvaluation,
	EvaluationConflictError,
	EvaluationError,
	getEvaluation,
	parseAnswerForm,
	releaseEvaluation,
	resolveDispute,
	type EvaluationDetail
} from '$lib/server/qa/index.ts';
import { getSelfReview, maySelfReview, sideBySide } from '$lib/server/qa/self-review.ts';

const isLead = (u: SessionUser) => u.role !== 'staff';
const isOwnAgent = (u: SessionUser, e: EvaluationDetail) =>
	u.agentId !== null && u.agentId === e.agentId;

/** The evaluation if this user may see it: leads always, the agent once it is released. */
async function visible(event: RequestEvent, user: SessionUser): Promise<EvaluationDetail> {
	const id = pathId(event.params.id, 'evaluation');
	const db = await getDb();
	const evaluation = await getEvaluation(db, id);
	if (!evaluation) error(404, 'There is no such evaluation.');
	if (!isLead(user) && !(isOwnAgent(user, evaluation) && evaluation.status !== 'submitted')) {
		error(403, 'This evaluation is not yours to see.');
	}
	return evaluation;
}

export const load = (async (event) => {
	const user = guard(event);
	const evaluation = await visible(event, user);
	const self = await getSelfReview(await getDb(), evaluation.evaluationId);
	return {
		evaluation,
		canLead: isLead(user),
		canAnswer: isOwnAgent(user, evaluation),
		canSelfReview: maySelfReview(user, evaluation),
		self: self && {
			name: self.graderName,
			score: self.score,
			criticalFailed: self.criticalFailed,
			updatedAt: self.updatedAt,
			rows: sideBySide(evaluation, self)
		}
	};
}) satisfies PageServerLoad;

async function act(event: RequestEvent, kind: 'release' | 'acknowledge' | 'dispute' | 'resolve') {
	const user = guard(event);
	const evaluation = await visible(event, user);
	const leadStep = kind === 'release' || kind === 'resolve';
	if (leadStep ? !isLead(user) : !isOwnAgent(user, evaluation)) {
		return fail(403, {
			message: leadStep
				? 'Only a QA lead can do this.'
				: 'Only the evaluated agent can answer this evaluation.'
		});
	}
	const form = await readFormData(event.request);
	const comment = String(form.get('comment') ?? '');
	const actor = { id: user.id, name: user.name };
	const db = await getDb();
	let detail: Record<string, unknown> = {};
	try {
		if (kind === 'release') await releaseEvaluation(db, evaluation.evaluationId, actor);
		if (kind === 'acknowledge')
			await acknowledgeEvaluation(db, evaluation.evaluationId, actor, comment);
		if (kind === 'dispute') await disputeEvaluation(db, evaluation.evaluationId, actor, comment);
		if (kind === 'resolve') {
			const decision = form.get('decision');
			if (decision === 'changed') {
				const { answers, notes, missing } = parseAnswerForm(form, evaluation.rubric.items);
				if (missing.length > 0)
					return fail(400, {
						message: `To change the score, answer every item: ${missing.join('; ')}.`
					});
				const after = await resolveDispute(
					db,
					evaluation.evaluationId,
					actor,
					{ resolution: 'changed', answers, notes },
					comment
				);
				detail = { decision, oldScore: evaluation.score, newScore: after.score };
			} else if (decision === 'upheld') {
				await resolveDispute(db, evaluation.evaluationId, actor, { resolution: 'upheld' }, comment);
				detail = { decision, score: evaluation.score };
			} else {
				return fail(400, { message: 'Choose whether to uphold the score or change the answers.' });
			}
		}
	} catch (err) {
		if (err instanceof EvaluationConflictError)
			return fail(409, {
				message: await conflictSentence(
					db,
					{ type: 'evaluation', id: String(evaluation.evaluationId) },
					user,
					'this evaluation'
				),
				comment
			});
		if (err instanceof EvaluationError) return fail(400, { message: err.message, comment });
		throw err;
	}
	await audit(db, {
		actor: user.email,
		action: `qa.evaluation.${kind}`,
		subjectType: 'evaluation',
		subjectId: String(evaluation.evaluationId),
		ip: event.getClientAddress(),
		detail: { interactionId: evaluation.interactionId, ...detail }
	});
	return {
		ok: {
			release: 'Released to the agent.',
			acknowledge: 'Acknowledged.',
			dispute: 'Dispute sent to the QA lead.',
			resolve: 'Dispute resolved.'
		}[kind]
	};
}

export const actions = {
	release: (event) => act(event, 'release'),
	acknowledge: (event) => act(event, 'acknowledge'),
	dispute: (event) => act(event, 'dispute'),
	resolve: (event) => act(event, 'resolve')
} satisfies Actions;
