// KPI settings (every window, threshold and grace period of the definitions, the minimum sample,
// the "near" band and the site time zone) and the drug → class table behind PDC. Changes go
// through the settings registry, which validates them and writes the audit log.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { parseForm, text } from '$lib/server/auth/forms.ts';
import * as v from 'valibot';
import {
	DRUG_CLASSES,
	DrugClassError,
	listDrugClasses,
	removeDrugClass,
	setDrugClass
} from '$lib/server/kpi/index.ts';
import {
	getSettings,
	readSettingsForm,
	settingsForm,
	SettingsError,
	updateSettings
} from '$lib/server/settings/index.ts';

const Drug = v.object({
	drug: text('Drug name', 100),
	drugClass: v.picklist(DRUG_CLASSES, 'Choose a class.')
});
const DrugName = v.object({ drug: text('Drug name', 100) });

type Result = { ok: boolean; message: string; section: 'settings' | 'drugs' };

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const [settings, drugs] = await Promise.all([getSettings(db), listDrugClasses(db)]);
	return {
		settings: settingsForm('kpi', settings),
		drugs,
		classes: DRUG_CLASSES
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const user = guard(event);
		const patch = readSettingsForm(await event.request.formData(), 'kpi');
		try {
			await updateSettings(await getDb(), patch, user.email, { ip: event.getClientAddress() });
		} catch (err) {
			if (err instanceof SettingsError)
				return fail(400, { ok: false, message: err.message, section: 'settings' } satisfies Result);
			throw err;
		}
		return {
			ok: true,
			message: 'KPI settings saved: every page and export now uses them.',
			section: 'settings'
		} satisfies Result;
	},
	setDrug: async (event) => {
		const user = guard(event);
		const form = await parseForm(event.request, Drug);
		if (!form.ok)
			return fail(400, { ok: false, message: form.message, section: 'drugs' } satisfies Result);
		try {
			await setDrugClass(await getDb(), form.data.drug, form.data.drugClass, user.email);
		} catch (err) {
			if (err instanceof DrugClassError)
				return fail(400, { ok: false, message: err.message, section: 'drugs' } satisfies Result);
			throw err;
		}
		return {
			ok: true,
			message: `${form.data.drug.toLowerCase()} is now ${form.data.drugClass}.`,
			section: 'drugs'
		} satisfies Result;
	},
	removeDrug: async (event) => {
		const user = guard(event);
		const form = await parseForm(event.request, DrugName);
		if (!form.ok)
			return fail(400, { ok: false, message: form.message, section: 'drugs' } satisfies Result);
		await removeDrugClass(await getDb(), form.data.drug, user.email);
		return {
			ok: true,
			message: `${form.data.drug.toLowerCase()} removed: it now counts as other.`,
			section: 'drugs'
		} satisfies Result;
	}
} satisfies Actions;
