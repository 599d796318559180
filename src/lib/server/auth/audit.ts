// The audit log: append-only (this module only INSERTs and SELECTs; nothing in the app updates or
// deletes audit rows). Who did what, when, from where, and to which patient or record. Callers:
// sign-in/out and user admin (here in auth), imports, settings and target changes, task state
// changes, and every load of a page that shows patient-identifying data. A list or an export
// names every patient it showed (audit_patients), so a search by patient finds those views too.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { addDays, localDayStart, parseDate, tsParam } from '../time/index.ts';
import { getSettings } from '../settings/index.ts';

export interface AuditEntry {
	/** The signed-in user's e-mail (locals.user.email); "cli:<os user>" from the CLI; null if anonymous. */
	actor: string | null;
	/** Dotted verb, area first: "auth.sign_in", "user.role_change", "patient.view", "import.run". */
	action: string;
	subjectType?: string;
	subjectId?: string;
	patientId?: string | null;
	/** event.getClientAddress() for web requests. */
	ip?: string | null;
	/** Small structured facts (never passwords, tokens or free-text PHI beyond the patient id). */
	detail?: Record<string, unknown>;
	/** Every patient a list or export showed (duplicates and nulls are dropped). */
	patientIds?: readonly (string | null)[];
}

const INSERT_AUDIT = `-- append one audit record
	INSERT INTO audit_log (logged_at, actor, action, subject_type, subject_id, patient_id, ip, detail)
	VALUES ($at::TIMESTAMP, $actor, $action, $subjectType, $subjectId, $patientId, $ip, $detail)
	RETURNING id`;

/** Appends one record. Accepts a Db or a connection, so it can join the caller's transaction. */
export async function audit(
	db: Db | DuckDBConnection,
	entry: AuditEntry,
	now: Date = new Date()
): Promise<void> {
	if (!entry.action) throw new Error('audit() needs an action.');
	const params = {
		at: now.toISOString(),
		actor: entry.actor,
		action: entry.action,
		subjectType: entry.subjectType ?? null,
		subjectId: entry.subjectId ?? null,
		patientId: entry.patientId ?? null,
		ip: entry.ip ?? null,
		detail: entry.detail === undefined ? null : JSON.stringify(entry.detail)
	};
	const patients = [...new Set(entry.patientIds ?? [])].filter((p): p is string => !!p);
	if (patients.length === 0) {
		await db.run(INSERT_AUDIT, params);
		return;
	}
	const write = async (conn: DuckDBConnection) => {
		const [{ id }] = await all<{ id: number }>(conn, INSERT_AUDIT, params);
		const appender = await conn.createAppender('audit_patients');
		for (const patient of patients) {
			appender.appendBigInt(BigInt(id));
			appender.appendVarchar(patient);
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
	};
	if ('withConnection' in db) await db.transaction(write);
	else await write(db);
}

export interface AuditFilter {
	/** Case-insensitive part of the actor. */
	actor?: string | null;
	/** An action, or an area prefix: "auth" matches "auth.sign_in", "auth.sign_out", … */
	action?: string | null;
	patientId?: string | null;
	/** Inclusive UTC dates, YYYY-MM-DD. */
	from?: string | null;
	to?: string | null;
	/** 1-based. */
	page?: number;
	/** Rows per page; 0 returns every match (CSV export). */
	pageSize?: number;
}

export interface AuditRecord {
	id: number;
	at: Date;
	actor: string | null;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	patientId: string | null;
	ip: string | null;
	detail: Record<string, unknown> | null;
}

const WHERE_AUDIT = `
	WHERE ($actor IS NULL OR contains(lower(coalesce(actor, '')), lower($actor)))
	AND ($action IS NULL OR action = $action OR starts_with(action, $action || '.'))
	AND ($patient IS NULL OR patient_id = $patient
		OR id IN (SELECT audit_id FROM audit_patients WHERE patient_id = $patient))
	AND ($from IS NULL OR logged_at >= $from)
	AND ($to IS NULL OR logged_at < $to)`;

const LIST_AUDIT = `-- audit records matching the filter, newest first
	SELECT id, logged_at AS at, actor, action, subject_type, subject_id, patient_id, ip, detail
	FROM audit_log ${WHERE_AUDIT}
	ORDER BY logged_at DESC, id DESC
	LIMIT $limit OFFSET $offset`;

const COUNT_AUDIT = `-- how many audit records match the filter
	SELECT count(*)::INTEGER AS n FROM audit_log ${WHERE_AUDIT}`;

function blankToNull(value: string | null | undefined): string | null {
	const trimmed = value?.trim() ?? '';
	return trimmed === '' ? null : trimmed;
}

export async function listAudit(
	db: Db,
	filter: AuditFilter = {}
): Promise<{ rows: AuditRecord[]; total: number }> {
	for (const date of [filter.from, filter.to])
		if (blankToNull(date) !== null && parseDate(date!) === null)
			throw new Error(`Audit dates must be YYYY-MM-DD, not "${date}".`);
	// From and To are whole days of the site's calendar (the times shown are site times).
	const tz = (await getSettings(db)).siteTimeZone;
	const from = blankToNull(filter.from);
	const to = blankToNull(filter.to);
	const where = {
		actor: blankToNull(filter.actor),
		action: blankToNull(filter.action),
		patient: blankToNull(filter.patientId),
		from: from === null ? null : tsParam(localDayStart(from, tz)),
		to: to === null ? null : tsParam(localDayStart(addDays(to, 1), tz))
	};
	const pageSize = filter.pageSize ?? 50;
	const page = Math.max(1, Math.floor(filter.page ?? 1));
	// 0 = everything; a bound keeps a runaway export finite.
	const limit = pageSize > 0 ? pageSize : 5_000_000;
	const rows = await db.all<{
		id: number;
		at: Date;
		actor: string | null;
		action: string;
		subject_type: string | null;
		subject_id: string | null;
		patient_id: string | null;
		ip: string | null;
		detail: string | null;
	}>(LIST_AUDIT, { ...where, limit, offset: pageSize > 0 ? (page - 1) * pageSize : 0 });
	const total = (await db.one<{ n: number }>(COUNT_AUDIT, where))?.n ?? 0;
	return {
		total,
		rows: rows.map((r) => ({
			id: r.id,
			at: r.at,
			actor: r.actor,
			action: r.action,
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			patientId: r.patient_id,
			ip: r.ip,
			detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>)
		}))
	};
}

const CSV_COLUMNS = [
	'id',
	'at',
	'actor',
	'action',
	'subject_type',
	'subject_id',
	'patient_id',
	'ip',
	'detail'
];

/**
 * One CSV cell. Quotes when needed, and defuses spreadsheet formulas: an attempted sign-in
 * e-mail such as "=HYPERLINK(…)" is attacker-controlled text and must stay text in Excel.
 */
function csvCell(value: string | number | null): string {
	if (value === null) return '';
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV (RFC 4180, CRLF line ends, header row) of audit records, times as UTC ISO-8601. */
export function auditToCsv(rows: AuditRecord[]): string {
	const lines = [CSV_COLUMNS.join(',')];
	for (const r of rows) {
		lines.push(
			[
				r.id,
				r.at.toISOString(),
				r.actor,
				r.action,
				r.subjectType,
				r.subjectId,
				r.patientId,
				r.ip,
				r.detail === null ? null : JSON.stringify(r.detail)
			]
				.map(csvCell)
				.join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
