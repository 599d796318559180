// Rejected rows keep each bad record's raw text — patient ids, comments — so showing or
// exporting them is a view of patient data like any other: audited with which import, which
// files and which lines, from the Import page, its rejects.csv and `careloop rejects` alike.
import type { Db } from '../db/index.ts';
import { audit } from './audit.ts';

/** Lines listed per file in one record; the count is always exact. */
const MAX_LINES = 1000;

export async function auditRejects(
	db: Db,
	by: { actor: string; ip?: string | null },
	how: 'view' | 'export',
	rejects: readonly { file: string; line: number }[],
	scope: { importId?: number | null; file?: string | null } = {}
): Promise<void> {
	const lines: Record<string, number[]> = {};
	for (const r of rejects) {
		const list = (lines[r.file] ??= []);
		if (list.length < MAX_LINES) list.push(r.line);
	}
	await audit(db, {
		actor: by.actor,
		action: how === 'view' ? 'import.rejects_view' : 'import.rejects_export',
		subjectType: 'import',
		subjectId: scope.importId == null ? undefined : String(scope.importId),
		ip: by.ip,
		detail: { rows: rejects.length, file: scope.file ?? null, lines }
	});
}
