// Web uploads through the same code path as the CLI: each file is saved under a temp folder with
// its original base name (the kind comes from it), imported, and deleted whatever happens.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/index.ts';
import { ingestPaths, type FileReport, type IngestOptions } from './index.ts';

/** A browser-sent name reduced to a safe base name (no folders, no control characters). */
export function safeBaseName(name: string): string {
	const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean.slice(0, 200);
}

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

/**
 * Imports uploaded files in code-point order of their names. Each file gets its own numbered
 * folder so two uploads of the same name both keep it. Reports carry the base name as `file`.
 */
export async function ingestUploads(
	db: Db,
	uploads: Upload[],
	opts: IngestOptions
): Promise<{ files: FileReport[] }> {
	const dir = await mkdtemp(join(tmpdir(), 'careloop-upload-'));
	try {
		const named = uploads
			.map((u) => ({ ...u, name: safeBaseName(u.name) }))
			.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
		const paths: string[] = [];
		for (const [i, u] of named.entries()) {
			const folder = join(dir, String(i).padStart(4, '0'));
			await mkdir(folder);
			const path = join(folder, u.name);
			await writeFile(path, u.bytes);
			paths.push(path);
		}
		const report = await ingestPaths(db, paths, opts);
		return { files: report.files.map((f) => ({ ...f, file: f.name })) };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
