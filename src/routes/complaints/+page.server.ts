// The queue with no task open; the bulk claim / assign over the ticked rows (each row keeps its
// own version check, so a bulk move never overwrites someone's newer change); and, for managers,
// the loop's settings and who is in the pharmacist queue.
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import {
	actorFor,
	bulkAssign,
	listAssignees,
	listQueueMembers,
	mayAssignOthers,
	setQueueMembers
} from '$lib/server/loop/index.ts';
import {
	getSettings,
	readSettingsForm,
	settingsForm,
	SettingsError,
	updateSettings
} from '$lib/server/settings/index.ts';
import { formFields, parseSelection } from '$lib/server/loop/web.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	if (!mayAssignOthers(actor)) return { admin: null };
	const [settings, members, people] = await Promise.all([
		getSettings(db),
		listQueueMembers(db, 'pharmacist'),
		listAssignees(db)
	]);
	const inQueue = new Set(members.map((m) => m.userId));
	return {
		admin: {
			settings: settingsForm('followups', settings),
			people: people.map((p) => ({ ...p, pharmacist: inQueue.has(p.id) }))
		}
	};
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
	},
	settings: async (event) => {
		const user = guard(event);
		const db = await getDb();
		if (!mayAssignOthers(await actorFor(db, user)))
			error(403, 'Only managers change the follow-up settings.');
		const patch = readSettingsForm(await event.request.formData(), 'followups');
		try {
			await updateSettings(db, patch, user.email, { ip: event.getClientAddress() });
		} catch (err) {
			if (err instanceof SettingsError)
				return fail(400, { settings: { ok: false, message: err.message } });
			throw err;
		}
		return {
			settings: {
				ok: true,
				message: 'Follow-up settings saved; they apply from the next rules run.'
			}
		};
	},
	pharmacists: async (event) => {
		const user = guard(event);
		const db = await getDb();
		if (!mayAssignOthers(await actorFor(db, user)))
			error(403, 'Only managers change who is a pharmacist.');
		const form = await formFields(event.request);
		const chosen = new Set(form.all('pharmacist'));
		const known = new Set((await listAssignees(db)).map((p) => p.id));
		await setQueueMembers(
			db,
			'pharmacist',
			[...chosen].filter((id) => known.has(id))
		);
		await audit(db, {
			actor: user.email,
			action: 'settings.pharmacists',
			subjectType: 'queue_members',
			ip: event.getClientAddress(),
			detail: { pharmacists: [...chosen] }
		});
		return { ok: 'Pharmacist queue saved.' };
	}
} satisfies Actions;
