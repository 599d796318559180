// Imports in progress in this server, for the Import page's progress bar: receiving the upload,
// waiting behind another import (imports run one at a time), then reading each file by bytes
// and rows. In memory only: an import that is not running has nothing to show.
import { randomUUID } from 'node:crypto';
import type { IngestProgress } from './index.ts';

export type LivePhase = 'receiving' | 'waiting' | 'importing';

export interface LiveImport {
	id: string;
	by: string;
	phase: LivePhase;
	startedAt: string;
	/** Receiving: bytes of the upload so far and in all (null when the client did not say). */
	received: number;
	expected: number | null;
	/** Importing: the file in hand, its bytes and rows so far, and the batch's bytes in all. */
	file: string | null;
	fileIndex: number;
	fileCount: number;
	bytesDone: number;
	bytesTotal: number;
	rowsDone: number;
	/** Bytes of the files before this one, for a progress bar over the whole batch. */
	batchBytesDone: number;
	batchBytesTotal: number;
}

const live = new Map<string, LiveImport>();

export interface LiveHandle {
	readonly id: string;
	receiving(received: number, expected: number | null): void;
	waiting(fileSizes: number[]): void;
	progress(p: IngestProgress): void;
	end(): void;
}

export function startLiveImport(by: string): LiveHandle {
	const id = randomUUID();
	const state: LiveImport = {
		id,
		by,
		phase: 'receiving',
		startedAt: new Date().toISOString(),
		received: 0,
		expected: null,
		file: null,
		fileIndex: 0,
		fileCount: 0,
		bytesDone: 0,
		bytesTotal: 0,
		rowsDone: 0,
		batchBytesDone: 0,
		batchBytesTotal: 0
	};
	live.set(id, state);
	let sizes: number[] = [];
	return {
		id,
		receiving(received, expected) {
			state.received = received;
			state.expected = expected;
		},
		waiting(fileSizes) {
			sizes = fileSizes;
			state.phase = 'waiting';
			state.fileCount = fileSizes.length;
			state.batchBytesTotal = fileSizes.reduce((a, b) => a + b, 0);
		},
		progress(p) {
			state.phase = 'importing';
			state.file = p.file;
			state.fileIndex = p.fileIndex;
			state.fileCount = p.fileCount;
			state.bytesDone = p.bytesDone;
			state.bytesTotal = p.bytesTotal;
			state.rowsDone = p.rowsDone;
			state.batchBytesDone = sizes.slice(0, p.fileIndex).reduce((a, b) => a + b, 0) + p.bytesDone;
		},
		end() {
			live.delete(id);
		}
	};
}

/** Every import running in this server, oldest first (copies). */
export function listLiveImports(): LiveImport[] {
	return [...live.values()].map((x) => ({ ...x }));
}
