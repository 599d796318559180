// Privacy: whether imports and stored text are redacted, whether originals are kept (the shared
// settings registry and form, audited there), how much stored text still waits for the redactor,
// and a button that queues that work as a background job (durable: resumed after a restart).
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { countPending } from '$lib/server/privacy/store.ts';
import { enqueueJob, listJobViews, processJobs } from '$lib/server/jobs/index.ts';
import {
	getSettings,
	readSettingsForm,
	settingsForm,
	SettingsError,
	updateSettings
} from '$lib/server/settings/index.ts';

/** The job kind and its one step (post-import.ts names the step). */
const JOB = { kind: 'privacy', steps: ['privacy'] };

async function latestRedactionJob(db: Awaited<ReturnType<typeof getDb>>) {
	const jobs = await listJobViews(db, processJobs(db), 50);
	return jobs.find((j) => j.kind === JOB.kind) ?? null;
}

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const [settings, pending, job] = await Promise.all([
		getSettings(db),
		countPending(db),
		latestRedactionJob(db)
	]);
	return { settings: settingsForm('privacy', settings), pending, job };
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
		const last = await latestRedactionJob(db);
		if (last && (last.state === 'queued' || last.state === 'running'))
			return { ok: true, message: 'Redaction of stored text is already queued or running.' };
		const jobId = await enqueueJob(db, { ...JOB, requestedBy: user.email });
		await audit(db, {
			actor: user.email,
			action: 'privacy.redact_start',
			subjectType: 'job',
			subjectId: String(jobId),
			ip: event.getClientAddress()
		});
		processJobs(db).kick();
		return {
			ok: true,
			message: `Redaction of stored text is queued as job ${jobId}: reload this page to follow it.`
		};
	}
} satisfies Actions;
