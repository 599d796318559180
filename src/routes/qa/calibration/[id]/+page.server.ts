// One calibration session: who has submitted (never anyone's answers), the interactions with the
// signed-in member's own progress, and the submit step that makes their scores final.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	CalibrationError,
	mayReadReport,
	memberOf,
	myScores,
	submitSession
} from '$lib/server/qa/calibration/index.ts';
import { sessionFromParam } from '$lib/server/qa/calibration/page.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const session = await sessionFromParam(db, event.params.id);
	const me = memberOf(session, user.id);
	const mine = me ? await myScores(db, session, user.id) : [];
	return {
		session,
		me,
		scored: Object.fromEntries(mine.map((s) => [s.interactionId, s.score])),
		canReadReport: mayReadReport(session, user.id)
	};
}) satisfies PageServerLoad;

export const actions = {
	submit: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const session = await sessionFromParam(db, event.params.id);
		try {
			await submitSession(db, session, { id: user.id, name: user.name });
		} catch (err) {
			if (err instanceof CalibrationError) return fail(400, { message: err.message });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'qa.calibration.submit',
			subjectType: 'calibration_session',
			subjectId: String(session.sessionId),
			ip: event.getClientAddress()
		});
		return { ok: 'Submitted: your scores are final and the report is open to you.' };
	}
} satisfies Actions;
