// The upload limits' sentences, shared by the server (which enforces them) and the Import page
// (which checks before sending, so a refused upload costs no waiting).
export interface UploadLimits {
	maxFiles: number;
	maxBytes: number;
}

const megabytes = (bytes: number) =>
	`${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

export const tooManyFiles = (limits: UploadLimits) =>
	`One upload may hold at most ${limits.maxFiles} files: import them in smaller groups, or a whole folder with careloop ingest.`;

export const tooManyBytes = (limits: UploadLimits) =>
	`One upload may hold at most ${megabytes(limits.maxBytes)}: import bigger files with careloop ingest, or in smaller groups.`;
