// Calibration sessions: the list (with each member's progress) and the form a QA lead uses to
// set one up — interactions, graders (two or more) and the expert who writes the answer key.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	CalibrationError,
	createSession,
	listCandidateInteractions,
	listEligibleGraders,
	listSessions
} from '$lib/server/qa/calibration/index.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const [sessions, graders, candidates] = await Promise.all([
		listSessions(db),
		listEligibleGraders(db),
		listCandidateInteractions(db)
	]);
	return { sessions, graders, candidates, me: user.id };
}) satisfies PageServerLoad;

export const actions = {
	create: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
		const picked = form.getAll('interaction').map(String);
		const typed = String(form.get('more') ?? '')
			.split(/[\s,]+/)
			.filter(Boolean);
		const input = {
			name: String(form.get('name') ?? ''),
			interactionIds: [...picked, ...typed].map((s) => s.slice(0, 200)),
			graderIds: form.getAll('grader').map(String),
			expertId: String(form.get('expert') ?? '')
		};
		const db = await getDb();
		let sessionId: number;
		try {
			sessionId = await createSession(db, input, { id: user.id, name: user.name });
		} catch (err) {
			if (err instanceof CalibrationError) return fail(400, { message: err.message });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.calibration.create',
			subjectType: 'calibration_session',
			subjectId: String(sessionId),
			ip: event.getClientAddress(),
			detail: { interactions: input.interactionIds.length, graders: input.graderIds.length }
		});
		redirect(303, `/qa/calibration/${sessionId}`);
	}
} satisfies Actions;
