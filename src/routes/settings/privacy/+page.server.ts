// Privacy: whether imports and stored text are redacted, whether originals are kept, how much
// stored text still waits for the redactor, and a button that works through it in the server.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { countPending } from '$lib/server/privacy/store.ts';
import { runRedaction, redactionState } from '$lib/server/privacy/background.ts';
import {
	getSettings,
	readSettingsForm,
	settingsForm,
	SettingsError,
	updateSettings
} from '$lib/server/settings/index.ts';

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const [settings, pending] = await Promise.all([getSettings(db), countPending(db)]);
	return { settings: settingsForm('privacy', settings), pending, run: redactionState() };
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const user = guard(event);
		const patch = readSettingsForm(await readFormData(event.request), 'privacy');
		try {
			await updateSettings(await getDb(), patch, user.email, { ip: event.getClientAddress() });
		} catch (err) {
			if (err instanceof SettingsError) return fail(400, { ok: false, message: err.message });
			throw err;
		}
		return { ok: true, message: 'Privacy settings saved; they apply to the next import.' };
	},
	redact: async (event) => {
		const user = guard(event);
		const db = await getDb();
		if (!(await getSettings(db)).privacyRedact)
			return fail(400, { ok: false, message: 'Turn redaction on first, then start it.' });
		await audit(db, {
			actor: user.email,
			action: 'privacy.redact_start',
			ip: event.getClientAddress()
		});
		const started = runRedaction(db);
		return {
			ok: true,
			message: started
				? 'Redaction of stored text started: this page shows its progress when you reload it.'
				: 'Redaction is already running.'
		};
	}
} satisfies Actions;
