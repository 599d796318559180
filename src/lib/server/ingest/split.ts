// Cutting a file's chunks into pieces that never split a record, so each piece can be staged
// and checked on its own while line numbers and raw text stay exactly the whole file's.

/**
 * Pieces of line-based text (CSV, NDJSON). A piece ends just before an LF and the next starts
 * just after it, so a piece's physical lines are exactly its LF-split parts. For CSV the cut is
 * an LF outside quotes: where the count of quotes since the last cut is even (a quoted field may
 * hold line breaks, and an escaped quote "" counts twice, so parity is all that matters).
 */
export class LineCutter {
	#quotes: boolean;
	#carry: Buffer = Buffer.alloc(0);
	/** Quote parity of the carry, and how much of it has been counted. */
	#parity = 0;
	#scanned = 0;

	constructor(opts: { quotes: boolean }) {
		this.#quotes = opts.quotes;
	}

	/** Adds a chunk; returns the piece it completes, if any. */
	push(chunk: Buffer): Buffer | null {
		const data = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
		const cut = this.#quotes ? this.#quotedCut(data) : data.lastIndexOf(0x0a);
		if (cut < this.#scannedStart(data)) {
			// No record ends in the new bytes: keep them all for the next chunk.
			this.#carry = data;
			this.#scanned = data.length;
			return null;
		}
		// Copy the short rest so the large chunk can be freed once its piece is staged.
		const rest = Buffer.from(data.subarray(cut + 1));
		this.#parity = this.#quotes ? countQuotes(rest, 0, rest.length) % 2 : 0;
		this.#carry = rest;
		this.#scanned = rest.length;
		return data.subarray(0, cut);
	}

	/** The last piece (the text after the last cut; may be empty). */
	end(): Buffer {
		const rest = this.#carry;
		this.#carry = Buffer.alloc(0);
		return rest;
	}

	/** Cuts are looked for only in bytes not yet scanned (the carry had none). */
	#scannedStart(data: Buffer): number {
		return Math.min(this.#scanned, data.length);
	}

	/** The last LF at which the quote count from the piece's start is even; -1 if none. */
	#quotedCut(data: Buffer): number {
		const from = this.#scannedStart(data);
		const positions: number[] = [];
		for (let i = data.indexOf(0x22, from); i !== -1; i = data.indexOf(0x22, i + 1))
			positions.push(i);
		// Quotes before an index, among the new ones (binary search over the sorted positions).
		const before = (index: number) => {
			let lo = 0;
			let hi = positions.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (positions[mid] < index) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		};
		for (let lf = data.lastIndexOf(0x0a); lf >= from; lf = data.lastIndexOf(0x0a, lf - 1)) {
			if ((this.#parity + before(lf)) % 2 === 0) return lf;
			if (lf === 0) break;
		}
		this.#parity = (this.#parity + positions.length) % 2;
		return -1;
	}
}

function countQuotes(buf: Buffer, from: number, to: number): number {
	let n = 0;
	for (let i = buf.indexOf(0x22, from); i !== -1 && i < to; i = buf.indexOf(0x22, i + 1)) n++;
	return n;
}

/** A JSON text that is not one array: the caller reads it whole to say what it is. */
export class NotAnArray extends Error {}
/** Broken structure (an empty element, text after the array, a missing end). */
export class BrokenJson extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const SEPARATOR = 0x1e; // ASCII record separator: JSON never holds it raw outside a string.

/**
 * The elements of a JSON array, streamed: each push returns the elements it completed, joined
 * by \x1e (a raw control character cannot occur in valid JSON, so an element holding one is
 * invalid and fails the file anyway), each trimmed of surrounding whitespace. Only structure is
 * checked here; each element's own validity is checked by DuckDB.
 */
export class JsonArrayScanner {
	#state: 'start' | 'array' | 'done' = 'start';
	#depth = 0;
	#inString = false;
	/** The previous chunk ended inside a string on an odd run of backslashes. */
	#escaped = false;
	/** Bytes of the element in progress from earlier chunks. */
	#partial: Buffer[] = [];
	#elements = 0;
	#bomLeft = 0;

	get elements(): number {
		return this.#elements;
	}

	/** Adds a chunk; returns the elements it completed (joined) and how many there are. */
	push(chunk: Buffer): { text: Buffer; count: number } {
		const out: Buffer[] = [];
		let count = 0;
		let start = this.#state === 'array' ? 0 : -1;
		const element = (end: number) => {
			const text = trimWs(Buffer.concat([...this.#partial, chunk.subarray(start, end)]));
			this.#partial = [];
			return text;
		};
		const emit = (text: Buffer) => {
			if (text.length === 0) throw new BrokenJson('an empty array element');
			if (count > 0) out.push(Buffer.of(SEPARATOR));
			out.push(text);
			count++;
			this.#elements++;
		};
		let i = 0;
		while (i < chunk.length) {
			if (this.#inString) {
				i = this.#stringEnd(chunk, i);
				continue;
			}
			const b = chunk[i];
			if (this.#state === 'start') {
				if (!this.#skipBom(b) && !WS.has(b)) {
					if (b !== 0x5b) throw new NotAnArray();
					this.#state = 'array';
					this.#depth = 1;
					start = i + 1;
				}
			} else if (this.#state === 'done') {
				if (!WS.has(b)) throw new BrokenJson('text after the array');
			} else if (b === 0x22) this.#inString = true;
			else if (b === 0x5b || b === 0x7b) this.#depth++;
			else if (b === 0x5d || b === 0x7d) {
				if (--this.#depth === 0) {
					const last = element(i);
					// "[]" and "[ ]" hold no element; "[1, ]" is broken.
					if (last.length > 0 || this.#elements > 0) emit(last);
					this.#state = 'done';
				}
			} else if (b === 0x2c && this.#depth === 1) {
				emit(element(i));
				start = i + 1;
			}
			i++;
		}
		if (this.#state === 'array' && start < chunk.length) {
			this.#partial.push(Buffer.from(chunk.subarray(Math.max(start, 0))));
		}
		return { text: Buffer.concat(out), count };
	}

	/** Throws unless the array closed. */
	end(): void {
		if (this.#state === 'start') throw new NotAnArray();
		if (this.#state !== 'done') throw new BrokenJson('the array does not end');
	}

	/** Inside a string from i: returns the index after its closing quote, or the chunk's end. */
	#stringEnd(chunk: Buffer, i: number): number {
		if (this.#escaped) {
			this.#escaped = false;
			i++; // the escaped character itself
		}
		for (let q = chunk.indexOf(0x22, i); ; q = chunk.indexOf(0x22, q + 1)) {
			if (q === -1) {
				this.#escaped = backslashesBefore(chunk, chunk.length, i) % 2 === 1;
				return chunk.length;
			}
			if (backslashesBefore(chunk, q, i) % 2 === 0) {
				this.#inString = false;
				return q + 1;
			}
		}
	}

	/** Nothing but whitespace (and BOMs) so far. */
	get blank(): boolean {
		return this.#state === 'start';
	}

	/** The UTF-8 BOM (EF BB BF) may precede the text, possibly more than once. */
	#skipBom(b: number): boolean {
		if (this.#bomLeft > 0) {
			if (b !== (this.#bomLeft === 2 ? 0xbb : 0xbf)) throw new NotAnArray();
			this.#bomLeft--;
			return true;
		}
		if (b === 0xef) {
			this.#bomLeft = 2;
			return true;
		}
		return false;
	}
}

/** Backslashes right before index `at`, not looking before `from`. */
function backslashesBefore(buf: Buffer, at: number, from: number): number {
	let n = 0;
	while (at - n - 1 >= from && buf[at - n - 1] === 0x5c) n++;
	return n;
}

function trimWs(buf: Buffer): Buffer {
	let s = 0;
	let e = buf.length;
	while (s < e && WS.has(buf[s])) s++;
	while (e > s && WS.has(buf[e - 1])) e--;
	return buf.subarray(s, e);
}
