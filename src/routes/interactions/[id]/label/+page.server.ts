// A QA lead (or an admin) corrects the sentiment label of a survey comment or a transcript turn
// shown on the interaction page. The correction is audited and feeds the next model; the page
// itself only answers a failure in one sentence (success goes straight back to the transcript).
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { correctLabel, CorrectionError } from '$lib/server/sentiment/corrections.ts';

const back = (id: string, anchor = '') => `/interactions/${encodeURIComponent(id)}${anchor}`;

export const load = ((event) => {
	guard(event);
	redirect(303, back(event.params.id));
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = guard(event);
		const id = event.params.id;
		if (id.length > 200) error(404, 'There is no interaction with this id.');
		const form = await event.request.formData();
		const label = String(form.get('label') ?? '');
		const survey = form.get('survey');
		const turnRaw = form.get('turn');
		const turn = turnRaw === null ? NaN : Number(turnRaw);
		let source;
		if (typeof survey === 'string' && survey.length > 0 && survey.length <= 200) {
			source = { kind: 'survey' as const, surveyId: survey };
		} else if (Number.isInteger(turn) && turn >= 0) {
			source = { kind: 'turn' as const, interactionId: id, turn };
		} else {
			return fail(400, { id, message: 'Say which comment or turn to correct.' });
		}
		const db = await getDb();
		try {
			await correctLabel(db, { source, label, actor: user.email, ip: event.getClientAddress() });
		} catch (err) {
			if (err instanceof CorrectionError) return fail(400, { id, message: err.message });
			throw err;
		}
		redirect(
			303,
			back(id, source.kind === 'survey' ? `#survey-${source.surveyId}` : `#turn-${turn}`)
		);
	}
} satisfies Actions;
