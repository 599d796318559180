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
	DEFAULT_LOOP_SETTINGS,
	getLoopSettings,
	listAssignees,
	listQueueMembers,
	LOOP_SETTING_LABELS,
	mayAssignOthers,
	setQueueMembers,
	updateLoopSettings,
	type LoopSettings
} from '$lib/server/loop/index.ts';
import { LoopSettingsError } from '$lib/server/loop/settings.ts';
import { formFields, parseSelection } from '$lib/server/loop/web.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	if (!mayAssignOthers(actor)) return { admin: null };
	const [settings, members, people] = await Promise.all([
		getLoopSettings(db),
		listQueueMembers(db, 'pharmacist'),
		listAssignees(db)
	]);
	const inQueue = new Set(members.map((m) => m.userId));
	return {
		admin: {
			settings: (Object.keys(DEFAULT_LOOP_SETTINGS) as (keyof LoopSettings)[]).map((key) => ({
				key,
				label: LOOP_SETTING_LABELS[key],
				value: settings[key]
			})),
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
		const form = await formFields(event.request);
		const patch: Partial<LoopSettings> = {};
		for (const key of Object.keys(DEFAULT_LOOP_SETTINGS) as (keyof LoopSettings)[]) {
			const raw = form.get(key);
			if (raw === '') continue;
			const n = Number(raw);
			if (!Number.isFinite(n))
				return fail(400, { message: `${LOOP_SETTING_LABELS[key]} must be a number.` });
			patch[key] = n;
		}
		try {
			await updateLoopSettings(db, patch);
		} catch (err) {
			if (err instanceof LoopSettingsError) return fail(400, { message: err.message });
			throw err;
		}
		await audit(db, {
			actor: user.email,
			action: 'settings.loop_change',
			subjectType: 'loop_settings',
			ip: event.getClientAddress(),
			detail: patch
		});
		return { ok: 'Follow-up settings saved; they apply from the next rules run.' };
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
