// What the Import page's status panel shows (the shape of /import/status).
export interface LiveImportView {
	id: string;
	by: string;
	phase: 'receiving' | 'waiting' | 'importing';
	received: number;
	expected: number | null;
	file: string | null;
	fileIndex: number;
	fileCount: number;
	rowsDone: number;
	bytesDone: number;
	bytesTotal: number;
}

export interface JobStatusView {
	jobId: number;
	state: 'queued' | 'running' | 'done' | 'failed';
	requestedBy: string;
	createdAt: string;
	finishedAt: string | null;
	importIds: number[];
	stepLabel: string | null;
	stepNumber: number | null;
	stepCount: number;
	done: number;
	total: number;
	message: string | null;
}

export interface ImportStatusView {
	live: LiveImportView[];
	jobs: JobStatusView[];
}

export interface FileResult {
	file: string;
	read: number;
	accepted: number;
	rejected: number;
	error: string | null;
	skipped: boolean;
}

/** How a file's import reads: the sentence and its colour class. */
export function fileOutcome(f: FileResult): {
	text: string;
	tone: 'met' | 'near' | 'missed' | 'none';
} {
	if (f.error) return { text: `Failed: ${f.error}`, tone: 'missed' };
	if (f.skipped)
		return {
			text: 'Skipped: the name does not start with a known kind; choose the kind above.',
			tone: 'none'
		};
	if (f.read === 0) return { text: 'Nothing to import: the file holds no rows.', tone: 'none' };
	if (f.rejected > 0) {
		const share = ((100 * f.rejected) / f.read).toFixed(1);
		return {
			text: `Imported with rejects: ${f.rejected.toLocaleString('en-US')} of ${f.read.toLocaleString('en-US')} rows rejected (${share} %)`,
			tone: 'near'
		};
	}
	return { text: 'Imported', tone: 'met' };
}
