// The queue with no task open, and the bulk claim / assign over the ticked rows (each row keeps
// its own version check, so a bulk move never overwrites someone's newer change).
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { actorFor, bulkAssign, listAssignees } from '$lib/server/loop/index.ts';
import { formFields, parseSelection } from '$lib/server/loop/web.ts';

export const load = (async (event) => {
	guard(event);
	return {};
}) satisfies PageServerLoad;

export const actions = {
	bulk: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const actor = await actorFor(db, user);
		const form = await formFields(event.request);
		const items = parseSelection(form.all('task'));
		if (items.length === 0) return fail(400, { message: 'Tick at least one follow-up first.' });
		let to = { id: actor.id, name: actor.name };
		if (form.get('to') === 'other') {
			const chosen = (await listAssignees(db)).find((a) => a.id === form.get('assignee'));
			if (!chosen) return fail(400, { message: 'Choose who to assign the follow-ups to.' });
			to = { id: chosen.id, name: chosen.name };
		}
		const r = await bulkAssign(db, actor, items, to, event.getClientAddress());
		const parts = [`${r.done} ${to.id === actor.id ? 'claimed' : `assigned to ${to.name}`}`];
		if (r.conflicts) parts.push(`${r.conflicts} changed by someone else meanwhile (reload to see)`);
		if (r.refused) parts.push(`${r.refused} not allowed`);
		return { ok: `${parts.join('; ')}.` };
	}
} satisfies Actions;
