// The Import page: upload files (streamed to disk, then the CLI's code path: ingestPaths), see
// the report per file with its rejects, follow the background job that scores and runs the
// rules, re-run a failed one, and browse recent imports. The upload answers once the rows have
// landed; the job runs after (jobs/), its progress polled from ./status.
import { error, fail } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb, type Db } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import {
	countRejects,
	getImport,
	ingestPaths,
	KINDS,
	listImports,
	listRejects,
	type FileReport
} from '$lib/server/ingest/index.ts';
import { auditImport } from '$lib/server/ingest/audit-import.ts';
import { startLiveImport } from '$lib/server/ingest/live.ts';
import {
	receiveUpload,
	uploadLimits,
	uploadRoot,
	UploadError,
	type Received
} from '$lib/server/ingest/upload.ts';
import {
	pendingWork,
	postImportStepNames,
	processJobs,
	requeueFailed
} from '$lib/server/jobs/index.ts';
import { importStatus } from './status.ts';

const SHOWN_REJECTS = 100;

const Options = v.object({
	kind: v.optional(v.picklist(['', ...KINDS], 'Choose a kind, or leave it to the file names.'), ''),
	replace: v.optional(v.literal('on'))
});
const Id = (what: string) =>
	v.pipe(v.string(), v.regex(/^\d{1,9}$/, `The ${what} id must be a number.`), v.transform(Number));

async function rejectsOf(db: Db, importId: number) {
	const [rows, total] = await Promise.all([
		listRejects(db, { importId, limit: SHOWN_REJECTS }),
		countRejects(db, { importId })
	]);
	return { importId, total, rows: rows.map(({ line, reasons, raw }) => ({ line, reasons, raw })) };
}

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const param = event.url.searchParams.get('import');
	let selected = null;
	if (param !== null) {
		const parsed = v.safeParse(Id('import'), param);
		if (!parsed.success) error(400, parsed.issues[0].message);
		const log = await getImport(db, parsed.output);
		if (!log) error(404, `There is no import ${parsed.output}.`);
		selected = { log, rejects: await rejectsOf(db, log.importId) };
	}
	const limits = uploadLimits();
	return {
		kinds: KINDS,
		imports: await listImports(db, 20),
		selected,
		shownRejects: SHOWN_REJECTS,
		limits: { maxFiles: limits.maxFiles, maxBytes: limits.maxBytes },
		status: await importStatus(db)
	};
}) satisfies PageServerLoad;

/** The report fields the page shows (no server paths). */
function publicReport(f: FileReport) {
	return {
		file: f.name,
		kind: f.kind,
		format: f.format,
		read: f.read,
		accepted: f.accepted,
		inserted: f.inserted,
		updated: f.updated,
		unchanged: f.unchanged,
		rejected: f.rejected,
		importId: f.importId,
		error: f.error ?? null,
		skipped: f.skipped ?? false
	};
}

/** Aborts when the client goes away before the answer: its import then stops. */
function clientGone(event: RequestEvent) {
	const controller = new AbortController();
	const abort = () => controller.abort();
	event.request.signal.addEventListener('abort', abort);
	// adapter-node hands over the Node request; its socket closes when the client hangs up.
	const socket = (event.platform as { req?: IncomingMessage } | undefined)?.req?.socket;
	socket?.once('close', abort);
	return {
		signal: controller.signal,
		dispose() {
			event.request.signal.removeEventListener('abort', abort);
			socket?.off('close', abort);
		}
	};
}

async function importReceived(
	event: RequestEvent,
	db: Db,
	received: Received,
	live: ReturnType<typeof startLiveImport>,
	signal: AbortSignal
) {
	const user = guard(event);
	const options = v.safeParse(Options, {
		kind: received.fields.get('kind') ?? '',
		replace: received.fields.get('replace')
	});
	if (!options.success) return fail(400, { message: options.issues[0].message });
	if (received.files.length === 0)
		return fail(400, { message: 'Choose at least one file to import.' });
	live.waiting(received.files.map((f) => f.bytes));
	const work = pendingWork(processJobs(db), {
		kind: 'import',
		steps: postImportStepNames(),
		requestedBy: user.email
	});
	let files: FileReport[];
	try {
		({ files } = await ingestPaths(
			db,
			received.files.map((f) => f.path),
			{
				kind: options.output.kind === '' ? undefined : options.output.kind,
				replace: options.output.replace === 'on',
				importedBy: user.email,
				pendingWork: work,
				signal,
				onProgress: (p) => live.progress({ ...p, file: received.files[p.fileIndex]?.name ?? '' })
			}
		));
	} finally {
		work.close();
	}
	await auditImport(db, files, {
		actor: user.email,
		ip: event.getClientAddress(),
		via: 'web',
		jobId: work.jobId,
		stopped: signal.aborted ? 'the client went away before the import finished' : undefined
	});
	const rejects = await Promise.all(
		files
			.filter((f) => f.importId !== null && f.rejected > 0)
			.map((f) => rejectsOf(db, f.importId as number))
	);
	return { files: files.map(publicReport), rejects, jobId: work.jobId };
}

export const actions = {
	upload: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const live = startLiveImport(user.email);
		const gone = clientGone(event);
		try {
			let received: Received;
			try {
				received = await receiveUpload(event.request, {
					root: uploadRoot(db.path),
					limits: uploadLimits(),
					fileField: 'files',
					onBytes: (n, total) => live.receiving(n, total)
				});
			} catch (err) {
				if (err instanceof UploadError) return fail(err.status, { message: err.message });
				throw err;
			}
			try {
				return await importReceived(event, db, received, live, gone.signal);
			} finally {
				await received.remove();
			}
		} finally {
			live.end();
			gone.dispose();
		}
	},
	rerun: async (event) => {
		const user = guard(event);
		const form = await event.request.formData();
		const id = v.safeParse(Id('job'), form.get('job') ?? '');
		if (!id.success) return fail(400, { message: id.issues[0].message });
		const db = await getDb();
		if (!(await requeueFailed(db, id.output)))
			return fail(409, {
				message: `Job ${id.output} has not failed, so there is nothing to re-run.`
			});
		await audit(db, {
			actor: user.email,
			action: 'import.job_rerun',
			subjectType: 'job',
			subjectId: String(id.output),
			ip: event.getClientAddress()
		});
		processJobs(db).kick();
		return { rerun: id.output };
	}
} satisfies Actions;
