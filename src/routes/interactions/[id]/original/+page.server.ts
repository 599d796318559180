// The text of one interaction from before redaction (admins; each reading audited in
// readOriginals). Shown only where the privacy_keep_originals setting kept it.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { readOriginals, SensitiveAccessError } from '$lib/server/privacy/originals.ts';
import { getSettings } from '$lib/server/settings/index.ts';

export const load = (async (event) => {
	const user = guard(event);
	const id = event.params.id;
	if (id.length > 200) error(400, 'That is not an interaction id: use the link from the list.');
	const db = await getDb();
	try {
		const texts = await readOriginals(db, user, id, event.getClientAddress());
		return { id, texts, keeping: (await getSettings(db)).privacyKeepOriginals };
	} catch (err) {
		if (err instanceof SensitiveAccessError) error(403, err.message);
		throw err;
	}
}) satisfies PageServerLoad;
