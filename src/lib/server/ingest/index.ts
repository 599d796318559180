// Ingestion by the data contract (/work/shared/spec/data-contract.md): the one code path behind
// `careloop ingest` and the web Import page.
//
//   ingestPaths(db, paths, { kind?, replace?, importedBy, onProgress?, pendingWork?, signal? })
//     → { files: FileReport[] }
//     Files and folders (their files, not recursive); applied in code-point order of path. Each
//     file is read in chunks and lands in one transaction: its rows, rejects, import_log row and
//     the record of its follow-up job together or not at all (file.ts). A file of no known kind
//     is listed with `skipped: true`; a whole-file failure (not UTF-8, JSON but not an array,
//     duplicate header names, a required column missing) is listed with `error` and lands
//     nothing. Imports run one at a time per process; `signal` stops a batch between batches.
//   listRejects(db, { file?, importId?, limit?, offset? }) → Reject[] (import, then line order)
//   countRejects(db, filter) → number; rejectsToCsv(rejects) → RFC 4180 text;
//   listImports(db, limit) / getImport(db, id) → import_log rows (see rejects.ts).
//
// The work is SQL (read.ts → stage.ts → rules.ts → apply.ts); JavaScript cuts the file into
// pieces that never split a record (split.ts) and hashes it on the way (source.ts). A vendor file
// read through a preset or mapping (presets/) is mapped in JavaScript and staged the same way.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Db } from '../db/index.ts';
import type { PendingWork } from '../jobs/pending.ts';
import { ingestFile, ZERO, type FileReport } from './file.ts';
import { kindFromName, type Kind } from './spec.ts';
import { dropOrphanStaging } from './stage.ts';
import type { SourceChoice } from './presets/index.ts';
import { removeOrphanUploads, uploadRoot } from './upload.ts';

export { KINDS, isKind, type Kind, type Format } from './spec.ts';
export { listRejects, countRejects, rejectsToCsv, listImports, getImport } from './rejects.ts';
export type { Reject, ImportRow } from './rejects.ts';
export { ImportStopped, type FileReport } from './file.ts';

/** At server start: a process that died mid-import may have left uploads and staging tables. */
export async function removeImportLeftovers(db: Db): Promise<void> {
	await dropOrphanStaging(db);
	await removeOrphanUploads(uploadRoot(db.path));
}

export interface IngestProgress {
	file: string;
	fileIndex: number;
	fileCount: number;
	/** Bytes of this file read so far, and its size. */
	bytesDone: number;
	bytesTotal: number;
	/** Rows of this file read so far (its total is known only at its end). */
	rowsDone: number;
}

export interface IngestOptions {
	/** Overrides the kind taken from each file name. */
	kind?: Kind;
	/** Replace stored rows whose content changed instead of rejecting them as `duplicate id`. */
	replace?: boolean;
	/** Who imports (a user's email, or the OS user for the CLI); stored in import_log. */
	importedBy: string;
	onProgress?: (p: IngestProgress) => void;
	/** Records the work that must follow (a background job) inside each file's transaction. */
	pendingWork?: PendingWork;
	/** Aborting stops the import between batches; files already landed stay. */
	signal?: AbortSignal;
	/** Bytes read at a time (tests cross chunk boundaries with tiny ones). */
	chunkBytes?: number;
	/** Read CSV line by line in SQL even when it is plain (tests compare the two roads). */
	lineByLine?: boolean;
	/** Read a plain CSV in pieces of this many bytes even when the import is alone (tests). */
	plainPieceBytes?: number;
	/** Read vendor files through a preset or mapping; xlsx files always go through presets/. */
	source?: SourceChoice;
}

let queue: Promise<unknown> = Promise.resolve();

export function ingestPaths(
	db: Db,
	paths: string[],
	opts: IngestOptions
): Promise<{ files: FileReport[] }> {
	// The import's own reads (settings, earlier imports) are not other users' work (Db.asBackground).
	const run = queue.then(() => db.asBackground(() => ingestSerial(db, paths, opts)));
	queue = run.catch(() => undefined);
	return run;
}

async function ingestSerial(db: Db, paths: string[], opts: IngestOptions) {
	const entries = await expand(paths);
	const files: FileReport[] = [];
	for (const [index, entry] of entries.entries()) {
		const base = {
			...ZERO,
			file: entry.file,
			name: basename(entry.file),
			kind: null,
			format: null,
			importId: null
		};
		if (opts.signal?.aborted) {
			files.push({ ...base, error: STOPPED });
			continue;
		}
		if (entry.error) {
			files.push({ ...base, error: entry.error });
			continue;
		}
		const kind = opts.kind ?? kindFromName(entry.file);
		if (!kind) {
			files.push({ ...base, skipped: true });
			continue;
		}
		const report = await ingestFile(
			db,
			entry.file,
			kind,
			{
				replace: opts.replace ?? false,
				importedBy: opts.importedBy,
				pendingWork: opts.pendingWork,
				signal: opts.signal,
				chunkBytes: opts.chunkBytes,
				lineByLine: opts.lineByLine,
				plainPieceBytes: opts.plainPieceBytes,
				source: opts.source
			},
			(p) =>
				opts.onProgress?.({ file: entry.file, fileIndex: index, fileCount: entries.length, ...p })
		);
		files.push(report);
	}
	return { files };
}

const STOPPED = 'The import was stopped before this file started: nothing of it was kept.';

/** Given paths → files (a folder's regular files), in code-point order (UTF-8 byte order). */
async function expand(paths: string[]): Promise<{ file: string; error?: string }[]> {
	const out: { file: string; error?: string }[] = [];
	for (const path of paths) {
		let info;
		try {
			info = await stat(path);
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			const why =
				code === 'ENOENT' ? 'there is no such file or folder' : `it cannot be read (${code})`;
			out.push({ file: path, error: `Nothing was imported from ${path}: ${why}.` });
			continue;
		}
		if (info.isDirectory()) {
			for (const d of await readdir(path, { withFileTypes: true })) {
				// A symlink is listed like a file: it imports what it points to, or fails as that file.
				if (d.isFile() || d.isSymbolicLink()) out.push({ file: join(path, d.name) });
			}
		} else out.push({ file: path });
	}
	return out.sort((a, b) => Buffer.compare(Buffer.from(a.file), Buffer.from(b.file)));
}
