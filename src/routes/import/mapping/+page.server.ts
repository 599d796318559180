// Import → map a vendor export: detect the preset, preview the first rows mapped onto contract
// columns with the contract's verdict per cell, edit the mapping, save it by name, import the
// file with it (the same ingestPaths as every import). The upload waits in a temp folder between
// steps, so every step is a plain form post and works without JavaScript.
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { audit } from '$lib/server/auth/audit.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	countRejects,
	ingestPaths,
	listRejects,
	type FileReport
} from '$lib/server/ingest/index.ts';
import { auditImport } from '$lib/server/ingest/audit-import.ts';
import { pendingWork, postImportStepNames, processJobs } from '$lib/server/jobs/index.ts';
import { FileError } from '$lib/server/ingest/read.ts';
import { getPreset, PRESETS, type SourceChoice } from '$lib/server/ingest/presets/index.ts';
import { parseMapping } from '$lib/server/ingest/presets/mapping.ts';
import { columnForms, mappingFromForm } from '$lib/server/ingest/presets/form.ts';
import { previewFile } from '$lib/server/ingest/presets/preview.ts';
import {
	dropUpload,
	keepUpload,
	listMappings,
	pendingUpload,
	saveMapping
} from '$lib/server/ingest/presets/saved.ts';
import { readFile } from 'node:fs/promises';

const Choice = v.object({
	token: v.optional(v.pipe(v.string(), v.regex(/^([0-9a-f]{32})?$/, 'The upload has expired.'))),
	use: v.optional(v.pipe(v.string(), v.maxLength(120)), ''),
	sheet: v.optional(v.pipe(v.string(), v.maxLength(120)), ''),
	base: v.optional(v.pipe(v.string(), v.maxLength(200_000)), '')
});

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	return {
		presets: PRESETS.map((p) => ({ name: p.name, label: p.label, kind: p.mapping.kind })),
		saved: (await listMappings(db)).map((m) => ({ name: m.name, kind: m.kind }))
	};
}) satisfies PageServerLoad;

const message = (err: unknown) =>
	err instanceof FileError || (err instanceof Error && !(err instanceof TypeError))
		? err.message
		: 'The file could not be read.';

/** The upload (a new file, or the kept one) and how to read it, from one form post. */
async function step(form: FormData, edited: boolean) {
	const parsed = v.safeParse(Choice, Object.fromEntries(form));
	if (!parsed.success) return { error: parsed.issues[0].message };
	const { use, sheet, base } = parsed.output;
	let token = parsed.output.token ?? '';
	const file = form.get('file');
	if (file instanceof File && file.name !== '') {
		if (token) await dropUpload(token);
		token = await keepUpload(
			file.name.replace(/[\\/]/g, '_').slice(0, 200),
			new Uint8Array(await file.arrayBuffer())
		);
	}
	const upload = token ? await pendingUpload(token) : null;
	if (!upload)
		return { error: 'Choose a file to preview (an earlier upload expires after an hour).' };
	let choice: SourceChoice = { sheet: sheet || undefined };
	try {
		if (edited && base) choice.mapping = mappingFromForm(parseMapping(JSON.parse(base)), form);
		else if (use.startsWith('saved:')) {
			const saved = (await listMappings(await getDb())).find((m) => m.name === use.slice(6));
			if (!saved) return { error: `There is no saved mapping "${use.slice(6)}".` };
			choice.mapping = saved.mapping;
		} else if (use) {
			if (!getPreset(use)) return { error: `There is no preset "${use}".` };
			choice = { ...choice, preset: use };
		}
	} catch (err) {
		return { error: message(err) };
	}
	return { token, upload, choice };
}

async function preview(form: FormData, edited: boolean) {
	const s = await step(form, edited);
	if ('error' in s) return fail(400, { message: s.error });
	const db = await getDb();
	try {
		const bytes = new Uint8Array(await readFile(s.upload.path));
		const p = await previewFile(db, { name: s.upload.name, bytes }, s.choice);
		return {
			token: s.token,
			file: s.upload.name,
			preview: { ...p, mapping: JSON.stringify(p.mapping), forms: columnForms(p.mapping) }
		};
	} catch (err) {
		return fail(400, { message: message(err), token: s.token, file: s.upload.name });
	}
}

export const actions = {
	preview: async (event) => {
		guard(event);
		return preview(await event.request.formData(), false);
	},
	remap: async (event) => {
		guard(event);
		return preview(await event.request.formData(), true);
	},
	save: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
		const result = await preview(form, true);
		if (!('preview' in result)) return result;
		const mapping = parseMapping(JSON.parse(result.preview.mapping));
		if (!mapping.name)
			return fail(400, { ...result, message: 'Give the mapping a name to save it under.' });
		const db = await getDb();
		await saveMapping(db, mapping, user.email);
		await audit(db, {
			actor: user.email,
			action: 'import.mapping_save',
			subjectType: 'mapping',
			subjectId: mapping.name,
			ip: event.getClientAddress()
		});
		return { ...result, saved: mapping.name };
	},
	import: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
		const s = await step(form, true);
		if ('error' in s) return fail(400, { message: s.error });
		const { mapping } = s.choice;
		if (!mapping) return fail(400, { message: 'Preview the file before importing it.' });
		const db = await getDb();
		// Like the Import page: the rows land now, the follow-up work runs as a background job.
		const work = pendingWork(processJobs(db), {
			kind: 'import',
			steps: postImportStepNames(),
			requestedBy: user.email
		});
		let files: FileReport[];
		try {
			({ files } = await ingestPaths(db, [s.upload.path], {
				kind: mapping.kind,
				source: { mapping, sheet: s.choice.sheet },
				replace: form.get('replace') === 'on',
				importedBy: user.email,
				pendingWork: work
			}));
		} finally {
			work.close();
		}
		await auditImport(db, files, {
			actor: user.email,
			ip: event.getClientAddress(),
			via: 'web',
			jobId: work.jobId
		});
		await dropUpload(s.token);
		const f = files[0];
		const rejects =
			f.importId !== null && f.rejected > 0
				? {
						total: await countRejects(db, { importId: f.importId }),
						rows: (await listRejects(db, { importId: f.importId, limit: 100 })).map(
							({ line, reasons, raw }) => ({ line, reasons, raw })
						)
					}
				: null;
		return {
			imported: {
				file: s.upload.name,
				kind: f.kind,
				importId: f.importId,
				read: f.read,
				accepted: f.accepted,
				inserted: f.inserted,
				unchanged: f.unchanged,
				rejected: f.rejected,
				merged: f.source?.merged ?? 0,
				reversed: f.source?.reversed ?? 0,
				error: f.error ?? null
			},
			rejects,
			jobId: work.jobId
		};
	}
} satisfies Actions;
