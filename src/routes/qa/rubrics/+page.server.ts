// Rubric editor: items with section, weight, scale (yes/no or 1–5), N/A allowed, critical, focus
// area. Saving writes a new version (evaluations keep theirs). QA settings (the registry's qa group)
// live here too.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { readFormData } from '$lib/server/http/input.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	FOCUS_AREAS,
	getRubricVersion,
	listRubrics,
	listRubricVersions,
	RubricInvalidError,
	saveRubricVersion
} from '$lib/server/qa/index.ts';
import { getCurrentRules } from '$lib/server/qa/autoqa/index.ts';
import {
	getSettings,
	readSettingsForm,
	settingsForm,
	SettingsError,
	updateSettings
} from '$lib/server/settings/index.ts';

const MAX_ROWS = 40;

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const rubrics = await listRubrics(db);
	const wanted = Number(event.url.searchParams.get('rubric'));
	const current = rubrics.find((r) => r.rubricId === wanted) ?? rubrics[0] ?? null;
	const versionParam = Number(event.url.searchParams.get('version'));
	const versions = current ? await listRubricVersions(db, current.rubricId) : [];
	const shownId =
		versions.find((v) => v.versionId === versionParam)?.versionId ?? current?.latestVersionId;
	const version = shownId ? await getRubricVersion(db, shownId) : null;
	return {
		rubrics,
		current,
		versions,
		version,
		focusAreas: [...FOCUS_AREAS],
		settings: settingsForm('qa', await getSettings(db)),
		autoQaRules: (await getCurrentRules(db)).rules.map((r) => ({ key: r.key, label: r.label }))
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const user = guard(event);
		const form = await readFormData(event.request);
		const items = [];
		for (let i = 0; i < MAX_ROWS; i++) {
			const text = (name: string) => String(form.get(`${name}:${i}`) ?? '').trim();
			if (form.get(`remove:${i}`) === '1') continue;
			if (!text('key') && !text('label')) continue;
			items.push({
				key: text('key'),
				section: text('section'),
				label: text('label'),
				guidance: text('guidance') || null,
				weight: Number(text('weight')),
				scale: text('scale') as 'yes_no' | 'one_five',
				allowNa: form.get(`allowNa:${i}`) === '1',
				critical: form.get(`critical:${i}`) === '1',
				focusArea: text('focus'),
				autoQaRule: text('autoqa') || null
			});
		}
		const rubricId = form.get('asNew') === '1' ? null : Number(form.get('rubricId'));
		const name = String(form.get('name') ?? '');
		const note = String(form.get('note') ?? '').trim() || null;
		const db = await getDb();
		let versionId: number;
		try {
			versionId = await saveRubricVersion(
				db,
				{ rubricId: Number.isInteger(rubricId) ? rubricId : null, name, note, items },
				user.name
			);
		} catch (err) {
			if (err instanceof RubricInvalidError) return fail(400, { message: err.problems.join(' ') });
			throw err;
		}
		const saved = await getRubricVersion(db, versionId);
		await audit(db, {
			actor: user.email,
			action: 'qa.rubric.save',
			subjectType: 'rubric_version',
			subjectId: String(versionId),
			ip: event.getClientAddress(),
			detail: { rubricId: saved?.rubricId, version: saved?.version, items: items.length }
		});
		return {
			ok: `Saved “${saved?.name}” version ${saved?.version}. New evaluations use it; earlier ones keep their version.`,
			rubricId: saved?.rubricId
		};
	},
	settings: async (event) => {
		const user = guard(event);
		const patch = readSettingsForm(await readFormData(event.request), 'qa');
		try {
			await updateSettings(await getDb(), patch, user.email, { ip: event.getClientAddress() });
		} catch (err) {
			if (err instanceof SettingsError)
				return fail(400, { settings: { ok: false, message: err.message } });
			throw err;
		}
		return { settings: { ok: true, message: 'QA settings saved.' } };
	}
} satisfies Actions;
