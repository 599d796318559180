// A file read in chunks: its SHA-256 and its UTF-8 validity are worked out on the way, so no
// file is ever held whole in memory. Each chunk is a fresh buffer (readers may keep parts of it),
// unless the reader asks for one reused buffer (reuseBuffer).
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * 4 MB: splitting a chunk into lines and fields takes DuckDB memory outside its limit, about 8
 * times the chunk (a 32 MB chunk added some 300 MB to the process); per-chunk SQL overhead is
 * still small beside the rows' own work.
 */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export class ChunkedFile {
	readonly size: number;
	#handle: FileHandle;
	#hash = createHash('sha256');
	#position = 0;
	#chunkBytes: number;
	#checkUtf8: boolean;
	/** An incomplete UTF-8 sequence at the end of the last chunk (0–3 bytes). */
	#partial: Buffer = Buffer.alloc(0);
	#valid = true;
	/**
	 * On: every chunk is read into one buffer, valid until the next call (for a reader that keeps
	 * nothing of a chunk), instead of a fresh 4 MB buffer per chunk left to the garbage collector.
	 */
	reuseBuffer = false;
	#spare: Buffer | null = null;

	private constructor(handle: FileHandle, size: number, chunkBytes: number, checkUtf8: boolean) {
		this.#handle = handle;
		this.size = size;
		this.#chunkBytes = chunkBytes;
		this.#checkUtf8 = checkUtf8;
	}

	static async open(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<ChunkedFile> {
		const handle = await open(path, 'r');
		try {
			const { size } = await handle.stat();
			return new ChunkedFile(handle, size, chunkBytes, true);
		} catch (err) {
			await handle.close();
			throw err;
		}
	}

	get bytesRead(): number {
		return this.#position;
	}

	/** False once a chunk held bytes that are not UTF-8 (checked up to the end of that chunk). */
	get validUtf8(): boolean {
		return this.#valid;
	}

	/** Parquet is binary: hash it, do not check its text encoding. */
	skipUtf8Check(): void {
		this.#checkUtf8 = false;
	}

	/** The first bytes of the file without consuming them (format sniffing). */
	async peek(bytes: number): Promise<Buffer> {
		const buf = Buffer.alloc(Math.min(bytes, this.size));
		const { bytesRead } = await this.#handle.read(buf, 0, buf.length, 0);
		return buf.subarray(0, bytesRead);
	}

	/** The next chunk, or null at the end of the file. */
	async next(): Promise<Buffer | null> {
		if (this.#position >= this.size) {
			if (this.#checkUtf8 && this.#partial.length > 0) this.#valid = false;
			return null;
		}
		const size = Math.min(this.#chunkBytes, this.size - this.#position);
		const buf = this.reuseBuffer
			? (this.#spare ??= Buffer.allocUnsafe(this.#chunkBytes)).subarray(0, size)
			: Buffer.allocUnsafe(size);
		let filled = 0;
		while (filled < buf.length) {
			const { bytesRead } = await this.#handle.read(
				buf,
				filled,
				buf.length - filled,
				this.#position + filled
			);
			if (bytesRead === 0) break;
			filled += bytesRead;
		}
		const chunk = buf.subarray(0, filled);
		this.#position += filled;
		this.#hash.update(chunk);
		if (this.#checkUtf8 && this.#valid) this.#check(chunk);
		return chunk;
	}

	/** Back to the first byte, as if just opened (hash and UTF-8 check start over). */
	rewind(): void {
		this.#position = 0;
		this.#hash = createHash('sha256');
		this.#partial = Buffer.alloc(0);
		this.#valid = true;
	}

	/** The SHA-256 of everything read (call after the last chunk). */
	digest(): string {
		return this.#hash.digest('hex');
	}

	async close(): Promise<void> {
		await this.#handle.close();
	}

	#check(chunk: Buffer): void {
		let start = 0;
		if (this.#partial.length > 0) {
			// Complete the sequence the last chunk ended inside, and check it on its own.
			const need = sequenceLength(this.#partial[0]) - this.#partial.length;
			const piece = Buffer.concat([this.#partial, chunk.subarray(0, need)]);
			if (piece.length < sequenceLength(this.#partial[0])) {
				this.#partial = piece;
				return;
			}
			if (!isUtf8(piece)) this.#valid = false;
			start = need;
		}
		const end = completeEnd(chunk, start);
		if (!isUtf8(chunk.subarray(start, end))) this.#valid = false;
		this.#partial = Buffer.from(chunk.subarray(end));
	}
}

/** Bytes in the sequence a lead byte starts (1 for anything that is not a multi-byte lead). */
function sequenceLength(lead: number): number {
	if (lead >= 0xf0 && lead <= 0xf4) return 4;
	if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
	if (lead >= 0xc2) return 2;
	return 1;
}

/** Where the last complete UTF-8 sequence of chunk[start..] ends (a cut before a split one). */
function completeEnd(chunk: Buffer, start: number): number {
	for (let i = chunk.length - 1; i >= Math.max(start, chunk.length - 3); i--) {
		const b = chunk[i];
		if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
		const len = sequenceLength(b);
		return len > 1 && i + len > chunk.length ? i : chunk.length;
	}
	return chunk.length;
}
