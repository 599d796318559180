// One audit record per import batch, from the web or the CLI: who, from where, which files and
// what landed. Written after the batch (each file's own import_log row is in its transaction).
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { retryOnConflict } from '../db/conflict.ts';
import type { FileReport } from './index.ts';

export interface ImportAuditSource {
	/** The user's e-mail, or "cli:<os user>". */
	actor: string;
	/** The client address of a web import; null from the CLI. */
	ip: string | null;
	via: 'web' | 'cli' | 'setup';
	/** The background job queued for the batch, if any. */
	jobId: number | null;
	/** Set when the batch stopped early: the client went away, or a limit was hit. */
	stopped?: string;
}

export async function auditImport(
	db: Db,
	files: FileReport[],
	source: ImportAuditSource
): Promise<void> {
	const sum = (k: 'read' | 'accepted' | 'rejected') => files.reduce((n, f) => n + f[k], 0);
	await retryOnConflict(() =>
		audit(db, {
			actor: source.actor,
			action: 'import.run',
			subjectType: 'import',
			subjectId: files
				.map((f) => f.importId)
				.filter((id) => id !== null)
				.join(','),
			ip: source.ip,
			detail: {
				via: source.via,
				job: source.jobId,
				read: sum('read'),
				accepted: sum('accepted'),
				rejected: sum('rejected'),
				...(source.stopped ? { stopped: source.stopped } : {}),
				files: files.map((f) => ({
					name: f.name,
					kind: f.kind,
					import: f.importId,
					read: f.read,
					accepted: f.accepted,
					rejected: f.rejected,
					...(f.error ? { error: f.error } : {}),
					...(f.skipped ? { skipped: true } : {})
				}))
			}
		})
	);
}
