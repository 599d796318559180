// Web uploads, streamed: the multipart body is parsed as it arrives (@fastify/busboy) and each
// file is written straight to a private folder under the data directory (folder 0700, files
// 0600), never held in memory. Caps on the number of files and on bytes stop an upload at the
// first part or byte over, with a sentence naming the limit. The caller removes the folder
// whatever happens (receive() hands back its remove()), and removeOrphanUploads() clears what
// a crash left behind when the server starts.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import { tooManyBytes, tooManyFiles, type UploadLimits } from '../../import-limits.ts';

export type { UploadLimits } from '../../import-limits.ts';
export { tooManyBytes, tooManyFiles };

/** Limits from the environment: CARELOOP_UPLOAD_MAX_FILES (20), CARELOOP_UPLOAD_MAX_MB (1024). */
export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
	const num = (value: string | undefined, fallback: number) => {
		const n = Number(value);
		return value && Number.isFinite(n) && n > 0 ? n : fallback;
	};
	return {
		maxFiles: Math.floor(num(env.CARELOOP_UPLOAD_MAX_FILES, 20)),
		maxBytes: Math.floor(num(env.CARELOOP_UPLOAD_MAX_MB, 1024) * 1024 * 1024)
	};
}

/** An upload refused: status 400 (not a well-formed upload) or 413 (over a limit). */
export class UploadError extends Error {
	readonly status: 400 | 413;
	constructor(status: 400 | 413, message: string) {
		super(message);
		this.status = status;
	}
}

/** The private folder for uploads of the database at dbPath (a temp folder for :memory:). */
export function uploadRoot(dbPath: string): string {
	return dbPath === ':memory:'
		? join(tmpdir(), `careloop-uploads-${process.pid}`)
		: join(dirname(dbPath), 'uploads');
}

/** At start-up: whatever is in the uploads folder belongs to a request that died with a process. */
export async function removeOrphanUploads(root: string): Promise<void> {
	await rm(root, { recursive: true, force: true });
	await mkdir(root, { recursive: true, mode: 0o700 });
	await chmod(root, 0o700);
}

/** A browser-sent name reduced to a safe base name (no folders, no control characters). */
export function safeBaseName(name: string): string {
	const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean.slice(0, 200);
}

export interface ReceivedFile {
	/** The safe base name (the kind comes from it). */
	name: string;
	path: string;
	bytes: number;
}

export interface Received {
	files: ReceivedFile[];
	fields: Map<string, string>;
	/** Removes the upload's folder (call in a finally). */
	remove(): Promise<void>;
}

/**
 * Streams a multipart/form-data request: file parts named `fileField` to disk, other fields
 * (small) into a map. Throws UploadError for a body that is not a well-formed multipart form or
 * breaks a limit; the folder is then already removed. `onBytes` reports bytes received.
 */
export async function receiveUpload(
	request: Request,
	opts: {
		root: string;
		limits: UploadLimits;
		fileField: string;
		onBytes?: (received: number, total: number | null) => void;
	}
): Promise<Received> {
	const { limits } = opts;
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data\s*;/i.test(type) || !request.body)
		throw new UploadError(
			400,
			'The upload was not a multipart form: choose files on the Import page and send them again.'
		);
	const declared = Number(request.headers.get('content-length'));
	const total = Number.isFinite(declared) && declared > 0 ? declared : null;
	if (total !== null && total > limits.maxBytes + 1024 * 1024) {
		throw new UploadError(413, tooManyBytes(limits));
	}
	await mkdir(opts.root, { recursive: true, mode: 0o700 });
	const dir = await mkdtemp(join(opts.root, 'upload-'));
	const remove = () => rm(dir, { recursive: true, force: true });
	try {
		const result = await parse(request, dir, opts, total);
		return { ...result, remove };
	} catch (err) {
		await remove();
		throw err;
	}
}

async function parse(
	request: Request,
	dir: string,
	opts: {
		limits: UploadLimits;
		fileField: string;
		onBytes?: (received: number, total: number | null) => void;
	},
	total: number | null
): Promise<Omit<Received, 'remove'>> {
	const { limits } = opts;
	let busboy: BusboyInstance;
	try {
		busboy = new Busboy({
			headers: {
				...Object.fromEntries(request.headers),
				'content-type': request.headers.get('content-type') ?? ''
			},
			limits: {
				files: limits.maxFiles,
				fileSize: limits.maxBytes,
				fields: 20,
				fieldSize: 10_000,
				parts: limits.maxFiles + 20
			}
		});
	} catch {
		throw new UploadError(
			400,
			'The upload was not a well-formed multipart form (it has no boundary).'
		);
	}
	const files: ReceivedFile[] = [];
	const fields = new Map<string, string>();
	const writes: Promise<void>[] = [];
	let refusal: UploadError | null = null;
	const refuse = (err: UploadError) => {
		refusal ??= err;
	};
	busboy.on('file', (field: string, stream: BusboyFileStream, filename: string) => {
		// A file input left empty still sends a part with no name and no bytes.
		if (field !== opts.fileField || !filename || refusal) {
			// Skipped parts are read and dropped; a body cut short fails the whole upload below.
			stream.on('error', () => undefined);
			stream.resume();
			return;
		}
		const name = safeBaseName(filename);
		const folder = join(dir, `a${String(files.length).padStart(5, '0')}`);
		const file: ReceivedFile = { name, path: join(folder, name), bytes: 0 };
		files.push(file);
		stream.on('limit', () => refuse(new UploadError(413, tooManyBytes(limits))));
		// A body cut short errors the part before its file may be open; the upload then fails as a
		// whole through the parser's own error (a 400), so this listener only keeps it handled.
		stream.on('error', () => undefined);
		// The part waits (paused, with back-pressure on the parser) until its file is open.
		const write = mkdir(folder, { mode: 0o700 }).then(async () => {
			const out = createWriteStream(file.path, { mode: 0o600, flags: 'wx' });
			await pipeline(stream, out);
			file.bytes = out.bytesWritten;
		});
		// Settled below; a body that breaks off fails the upload as a whole (a 400), not here.
		write.catch(() => undefined);
		writes.push(write);
	});
	busboy.on('field', (name: string, value: string) => fields.set(name, value));
	busboy.on('filesLimit', () => refuse(new UploadError(413, tooManyFiles(limits))));
	busboy.on('partsLimit', () => refuse(new UploadError(413, tooManyFiles(limits))));
	const finished = new Promise<void>((resolve, reject) => {
		busboy.on('finish', resolve);
		busboy.on('error', () =>
			reject(
				new UploadError(
					400,
					'The upload was not a well-formed multipart form (it ends early or a part is broken): send it again.'
				)
			)
		);
	});
	// Keep a rejection from going unhandled while the body is still being fed.
	finished.catch(() => undefined);

	const reader = (request.body as ReadableStream<Uint8Array>).getReader();
	let received = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			received += value.length;
			opts.onBytes?.(received, total);
			if (received > limits.maxBytes + 1024 * 1024)
				refuse(new UploadError(413, tooManyBytes(limits)));
			if (refusal) break;
			if (!busboy.write(value)) await Promise.race([once(busboy, 'drain'), finished]);
		}
	} catch (err) {
		// The client went away mid-upload, or adapter-node's own body limit tripped.
		if ((err as { status?: number }).status === 413)
			throw new UploadError(413, tooManyBytes(limits));
		throw new UploadError(400, 'The upload stopped before it was complete: send it again.');
	}
	if (refusal) {
		busboy.destroy();
		drain(reader);
		throw refusal;
	}
	busboy.end();
	await finished;
	const results = await Promise.allSettled(writes);
	if (refusal) throw refusal;
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
	return { files: await inNameOrder(dir, files), fields };
}

/**
 * Files arrive in the browser's order; they import in code-point order of their names, like a
 * folder's files. Each keeps its own numbered folder (two uploads may share a name), renamed so
 * that path order is name order.
 */
async function inNameOrder(dir: string, files: ReceivedFile[]): Promise<ReceivedFile[]> {
	const sorted = files
		.map((f, arrival) => ({ ...f, arrival }))
		.sort(
			(a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || a.arrival - b.arrival
		);
	const out: ReceivedFile[] = [];
	for (const [rank, f] of sorted.entries()) {
		const folder = join(dir, `n${String(rank).padStart(5, '0')}`);
		await rename(dirname(f.path), folder);
		out.push({ name: f.name, path: join(folder, f.name), bytes: f.bytes });
	}
	return out;
}

/**
 * Reads and discards the rest of a refused body in the background, so the client receives the
 * answer instead of a connection reset, and never holds a request half-read.
 */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
	const next = (): Promise<void> => reader.read().then(({ done }) => (done ? undefined : next()));
	// A client that hangs up mid-drain is the expected end of a refused upload.
	next().catch(() => undefined);
}
