// Reading text from before redaction: only where the privacy_keep_originals setting kept it,
// only for a role with the view_sensitive permission, and every reading audited with the patient
// and what was shown.
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import { can, type SessionUser } from '../auth/roles.ts';

export class SensitiveAccessError extends Error {}

export interface OriginalText {
	kind: 'transcript' | 'comment';
	/** "turn 4" or "survey S0000012". */
	where: string;
	redacted: string;
	original: string;
}

const ORIGINALS = `-- originals standing behind this interaction's current (redacted) turns and comments
	SELECT 'transcript' AS kind, 'turn ' || t.turn::VARCHAR AS "where", t.turn AS ord, t.text AS redacted, o.original
	FROM transcripts t JOIN privacy_originals o ON o.kind = 'transcript'
		AND o.row_key = t.interaction_id || ':' || t.turn::VARCHAR AND o.redacted_md5 = md5(t.text)
	WHERE t.interaction_id = $id
	UNION ALL
	SELECT 'comment', 'survey ' || s.survey_id, 100000, s.comment, o.original
	FROM surveys s JOIN privacy_originals o ON o.kind = 'comment' AND o.row_key = s.survey_id
		AND o.redacted_md5 = md5(s.comment)
	WHERE s.interaction_id = $id
	ORDER BY ord, "where"`;

const PATIENT = `-- whose interaction it is
	SELECT patient_id FROM interactions WHERE interaction_id = $id`;

export async function readOriginals(
	db: Db,
	user: SessionUser,
	interactionId: string,
	ip: string | null
): Promise<OriginalText[]> {
	if (!can(user, 'view_sensitive'))
		throw new SensitiveAccessError('Reading text from before redaction needs an admin.');
	const rows = await db.all<OriginalText & { ord: number }>(ORIGINALS, { id: interactionId });
	const patient = await db.one<{ patient_id: string | null }>(PATIENT, { id: interactionId });
	// Each distinct reading, even of nothing kept, is on record.
	await audit(db, {
		actor: user.email,
		action: 'privacy.original_view',
		subjectType: 'interaction',
		subjectId: interactionId,
		patientId: patient?.patient_id ?? null,
		ip,
		detail: { texts: rows.map((r) => r.where) }
	});
	return rows.map(({ kind, where, redacted, original }) => ({ kind, where, redacted, original }));
}
