// The latest recorded change to one subject (a follow-up, a review item, an evaluation, a
// coaching task), read from the audit log with the person's name where the account exists: what
// a "changed meanwhile" message names.
import type { Db } from '../db/index.ts';

const LAST_CHANGE = `-- the latest recorded change to one subject, with the person's name where known
	SELECT a.logged_at, a.actor, a.action, u.name
	FROM audit_log a LEFT JOIN users u ON u.email = a.actor
	WHERE a.subject_type = $type AND a.subject_id = $id AND a.action <> 'patient.view'
	ORDER BY a.logged_at DESC, a.id DESC LIMIT 1`;

export interface AuditedChange {
	at: Date;
	actor: string | null;
	action: string;
	name: string | null;
}

export async function latestChange(
	db: Db,
	subject: { type: string; id: string }
): Promise<AuditedChange | null> {
	const row = await db.one<{
		logged_at: Date;
		actor: string | null;
		action: string;
		name: string | null;
	}>(LAST_CHANGE, subject);
	return row ? { at: row.logged_at, actor: row.actor, action: row.action, name: row.name } : null;
}
