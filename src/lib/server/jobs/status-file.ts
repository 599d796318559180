// While the server runs, no other process can open the database (DuckDB allows one writer and
// then no readers), so `careloop jobs` could not see the jobs. The server therefore mirrors them
// into a small file beside the database, readable only by its owner.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { JobView } from './view.ts';

export interface StatusFile {
	pid: number;
	writtenAt: string;
	jobs: JobView[];
}

export const statusPath = (dbPath: string) => `${dbPath}.jobs.json`;

export async function writeStatus(path: string, jobs: JobView[]): Promise<void> {
	const body: StatusFile = { pid: process.pid, writtenAt: new Date().toISOString(), jobs };
	// Write then rename, so a reader never sees half a file.
	const tmp = `${path}.${process.pid}.tmp`;
	await writeFile(tmp, JSON.stringify(body), { mode: 0o600 });
	await rename(tmp, path);
}

/** The mirrored status, or null when there is none (or it is unreadable). */
export async function readStatus(path: string): Promise<StatusFile | null> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
	const parsed = JSON.parse(text) as StatusFile;
	return Array.isArray(parsed.jobs) ? parsed : null;
}

/** Calls fn at most once per interval, and once more after the last call (trailing edge). */
export function throttle(fn: () => Promise<void>, ms: number): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let last = 0;
	const fire = () => {
		timer = null;
		last = Date.now();
		fn().catch((err) => console.error('Writing the job status file failed:', err));
	};
	return () => {
		if (timer) return;
		const wait = Math.max(0, last + ms - Date.now());
		timer = setTimeout(fire, wait);
	};
}
