// The Import page: upload files (the CLI's code path: ingest/upload.ts → ingestPaths), see the
// report per file with its rejects, download them as CSV, and browse recent imports.
import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getDb, type Db } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { auditRejects } from '$lib/server/auth/audit-rejects.ts';
import {
	countRejects,
	getImport,
	KINDS,
	listImports,
	listRejects,
	type FileReport
} from '$lib/server/ingest/index.ts';
import { ingestUploads } from '$lib/server/ingest/upload.ts';

const SHOWN_REJECTS = 100;

const Options = v.object({
	kind: v.optional(v.picklist(['', ...KINDS], 'Choose a kind, or leave it to the file names.'), ''),
	replace: v.optional(v.literal('on'))
});
const ImportParam = v.pipe(
	v.string(),
	v.regex(/^\d{1,9}$/, 'The import id must be a number.'),
	v.transform(Number)
);

async function rejectsOf(db: Db, importId: number) {
	const [rows, total] = await Promise.all([
		listRejects(db, { importId, limit: SHOWN_REJECTS }),
		countRejects(db, { importId })
	]);
	return { importId, total, rows: rows.map(({ line, reasons, raw }) => ({ line, reasons, raw })) };
}

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const param = event.url.searchParams.get('import');
	let selected = null;
	if (param !== null) {
		const parsed = v.safeParse(ImportParam, param);
		if (!parsed.success) error(400, parsed.issues[0].message);
		const log = await getImport(db, parsed.output);
		if (!log) error(404, `There is no import ${parsed.output}.`);
		selected = { log, rejects: await rejectsOf(db, log.importId) };
		const shown = selected.rejects.rows.map((r) => ({ file: log.file, line: r.line }));
		const by = { actor: user.email, ip: event.getClientAddress() };
		if (shown.length > 0) await auditRejects(db, by, 'view', shown, { importId: log.importId });
	}
	return {
		kinds: KINDS,
		imports: await listImports(db, 20),
		selected,
		shownRejects: SHOWN_REJECTS
	};
}) satisfies PageServerLoad;

/** The report fields the page shows (no server paths). */
function publicReport(f: FileReport) {
	const {
		file,
		kind,
		format,
		read,
		accepted,
		inserted,
		updated,
		unchanged,
		rejected,
		importId,
		error,
		skipped
	} = f;
	return {
		file,
		kind,
		format,
		read,
		accepted,
		inserted,
		updated,
		unchanged,
		rejected,
		importId,
		error: error ?? null,
		skipped: skipped ?? false
	};
}

/** Scoring and the loop's rules after an import; a failure is reported, the import stays. */
async function postImport(db: Db): Promise<string | null> {
	try {
		const { runPostImport } = await import('$lib/server/post-import.ts');
		await runPostImport(db);
		return null;
	} catch (err) {
		console.error(err);
		return 'The files were imported, but the follow-up work (sentiment scores, follow-up rules) failed; it runs again after the next import.';
	}
}

export const actions = {
	upload: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
		const options = v.safeParse(Options, {
			kind: form.get('kind') ?? '',
			replace: form.get('replace') ?? undefined
		});
		if (!options.success) return fail(400, { message: options.issues[0].message });
		const files = form.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
		if (files.length === 0) return fail(400, { message: 'Choose at least one file to import.' });
		const db = await getDb();
		const uploads = await Promise.all(
			files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
		);
		const report = await ingestUploads(db, uploads, {
			kind: options.output.kind === '' ? undefined : options.output.kind,
			replace: options.output.replace === 'on',
			importedBy: user.email
		});
		const warning = report.files.some((f) => f.importId !== null) ? await postImport(db) : null;
		const rejects = await Promise.all(
			report.files
				.filter((f) => f.importId !== null && f.rejected > 0)
				.map((f) => rejectsOf(db, f.importId as number))
		);
		return { files: report.files.map(publicReport), rejects, warning };
	}
} satisfies Actions;
