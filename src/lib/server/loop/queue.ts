// Reading the queue: the filtered list (sorted by due time) and one task with its sources, notes,
// attempts, incident report and the patient's recent interactions, surveys and fills. A task the
// reader may see but not work (access.ts) comes back locked: no patient, no patient's words.
import type { Db } from '../db/index.ts';
import { CATEGORY_LABELS, type Category } from './categorize.ts';
import { VISIBLE, visibilityParams, WORKABLE, type Actor } from './access.ts';
import { toDate, toDateOrNull } from './time.ts';

export const STATUSES = ['active', 'open', 'in_progress', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUSES)[number];

export interface QueueFilter {
	kind?: 'complaint' | 'outreach' | null;
	category?: string | null;
	severity?: string | null;
	/** 'me', 'unassigned', or a user id. */
	assignee?: string | null;
	status?: StatusFilter;
	limit?: number;
	/** Only tasks the reader works (the CSV export: no locked rows). */
	workableOnly?: boolean;
}

export interface TaskSummary {
	id: number;
	kind: 'complaint' | 'outreach';
	patientId: string | null;
	category: string;
	categoryReason: string;
	severity: string;
	queue: string;
	script: string | null;
	summary: string;
	openedAt: Date;
	dueAt: Date;
	status: string;
	assigneeId: string | null;
	assigneeName: string | null;
	resolution: string | null;
	outcome: string | null;
	closedAt: Date | null;
	version: number;
	attempts: number;
	/** Visible but not held: take it to see the patient and act. */
	locked: boolean;
}

const TASK_COLUMNS = `f.id, f.kind, f.patient_id, f.category, f.category_reason, f.severity, f.queue, f.script,
	f.summary, f.opened_at, f.due_at, f.status, f.assignee_id, f.assignee_name, f.resolution, f.outcome,
	f.closed_at, f.version, ${WORKABLE} AS workable,
	(SELECT count(*)::INTEGER FROM contact_attempts a WHERE a.follow_up_id = f.id) AS attempts`;

const FILTERS = `${VISIBLE}
	AND ($kind IS NULL OR f.kind = $kind)
	AND ($category IS NULL OR f.category = $category)
	AND ($severity IS NULL OR f.severity = $severity)
	AND ($assignee IS NULL OR ($assignee = 'unassigned' AND f.assignee_id IS NULL) OR f.assignee_id = $assignee)
	AND ($status = 'all' OR ($status = 'active' AND f.status <> 'closed') OR f.status = $status)
	AND (NOT $workableOnly OR ${WORKABLE})`;

const LIST_TASKS = `-- the visible, filtered queue: most urgent (earliest due) first
SELECT ${TASK_COLUMNS} FROM follow_ups f WHERE ${FILTERS}
ORDER BY f.due_at, f.id LIMIT $limit`;

const COUNT_TASKS = `-- how many tasks match the filter
SELECT count(*)::INTEGER AS n FROM follow_ups f WHERE ${FILTERS}`;

const GET_TASK = `-- one task, if the actor may see it
SELECT ${TASK_COLUMNS}, f.response, f.response_at, f.root_cause, f.closed_by, f.reopen_count, f.created_at
FROM follow_ups f WHERE f.id = $id AND ${VISIBLE}`;

function filterParams(a: Actor, f: QueueFilter) {
	const assignee = f.assignee === 'me' ? a.id : (f.assignee ?? null) || null;
	return {
		...visibilityParams(a),
		kind: f.kind ?? null,
		category: f.category || null,
		severity: f.severity || null,
		assignee,
		status: f.status ?? 'active',
		workableOnly: f.workableOnly ?? false
	};
}

/** What a locked task says instead of its summary (which quotes the patient). */
function lockedSummary(r: Record<string, unknown>): string {
	const what =
		r.kind === 'outreach'
			? `Outreach call${r.script ? ` (${String(r.script).replaceAll('_', ' ')})` : ''}`
			: (CATEGORY_LABELS[r.category as Category] ?? String(r.category));
	return `${what}: take it to see the patient and the details.`;
}

export function toSummary(r: Record<string, unknown>): TaskSummary {
	const locked = r.workable !== true;
	return {
		id: r.id as number,
		kind: r.kind as TaskSummary['kind'],
		patientId: locked ? null : (r.patient_id as string | null),
		category: r.category as string,
		categoryReason: r.category_reason as string,
		severity: r.severity as string,
		queue: r.queue as string,
		script: r.script as string | null,
		summary: locked ? lockedSummary(r) : (r.summary as string),
		openedAt: toDate(r.opened_at),
		dueAt: toDate(r.due_at),
		status: r.status as string,
		assigneeId: r.assignee_id as string | null,
		assigneeName: r.assignee_name as string | null,
		resolution: r.resolution as string | null,
		outcome: r.outcome as string | null,
		closedAt: toDateOrNull(r.closed_at),
		version: r.version as number,
		attempts: r.attempts as number,
		locked
	};
}

export async function listTasks(
	db: Db,
	actor: Actor,
	filter: QueueFilter = {}
): Promise<{ rows: TaskSummary[]; total: number }> {
	const params = filterParams(actor, filter);
	const rows = await db.all(LIST_TASKS, { ...params, limit: filter.limit ?? 500 });
	const total = (await db.one<{ n: number }>(COUNT_TASKS, params))?.n ?? 0;
	return { rows: rows.map(toSummary), total };
}

const SOURCES = `-- the events that opened or joined a task
SELECT source_kind, source_id, trigger, detail, event_at, attached FROM follow_up_sources
WHERE follow_up_id = $id ORDER BY event_at, source_kind, source_id`;
const NOTES = `-- a task's notes, oldest first
SELECT author_name, body, created_at FROM follow_up_notes WHERE follow_up_id = $id ORDER BY created_at`;
const ATTEMPTS = `-- a task's contact attempts, oldest first
SELECT channel, outcome, note, author_name, attempted_at FROM contact_attempts WHERE follow_up_id = $id ORDER BY attempted_at`;
const INCIDENT = `-- a medication-error task's incident report
SELECT medication, dose_prescribed, dose_dispensed, strftime(event_date, '%Y-%m-%d') AS event_date, staff_involved,
	harm_category, description, submitted_by_name, submitted_at, reviewed_by_name, reviewed_at
FROM incident_reports WHERE follow_up_id = $id`;
const PATIENT_INTERACTIONS = `-- the patient's most recent contacts
SELECT interaction_id, started_at, channel, direction, reason, disposition, campaign, outcome
FROM interactions WHERE patient_id = $patient ORDER BY started_at DESC LIMIT 10`;
const PATIENT_SURVEYS = `-- the patient's most recent surveys (own or through a linked contact)
SELECT s.survey_id, s.submitted_at, s.csat, s.nps, s.comment FROM surveys s
LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
WHERE coalesce(s.patient_id, i.patient_id) = $patient ORDER BY s.submitted_at DESC LIMIT 10`;
const PATIENT_FILLS = `-- the patient's most recent fills
SELECT fill_id, strftime(fill_date, '%Y-%m-%d') AS fill_date, drug_name, days_supply, store
FROM fills WHERE patient_id = $patient ORDER BY fill_date DESC, fill_id DESC LIMIT 10`;

export interface TaskDetail extends TaskSummary {
	response: string | null;
	responseAt: Date | null;
	rootCause: string | null;
	reopenCount: number;
	sources: {
		sourceKind: string;
		sourceId: string;
		trigger: string;
		detail: string;
		eventAt: Date;
		attached: boolean;
	}[];
	notes: { authorName: string; body: string; createdAt: Date }[];
	attemptLog: {
		channel: string;
		outcome: string;
		note: string | null;
		authorName: string;
		attemptedAt: Date;
	}[];
	incident: Record<string, unknown> | null;
	patient: {
		interactions: Record<string, unknown>[];
		surveys: Record<string, unknown>[];
		fills: Record<string, unknown>[];
	} | null;
}

export async function getTask(db: Db, actor: Actor, id: number): Promise<TaskDetail | null> {
	const row = await db.one(GET_TASK, { ...visibilityParams(actor), id });
	if (!row) return null;
	if (row.workable !== true) return lockedDetail(row);
	const patient = row.patient_id as string | null;
	const [sources, notes, attempts, incident] = await Promise.all([
		db.all(SOURCES, { id }),
		db.all(NOTES, { id }),
		db.all(ATTEMPTS, { id }),
		db.one(INCIDENT, { id })
	]);
	return {
		...toSummary(row),
		response: row.response as string | null,
		responseAt: toDateOrNull(row.response_at),
		rootCause: row.root_cause as string | null,
		reopenCount: row.reopen_count as number,
		sources: sources.map((s) => ({
			sourceKind: s.source_kind as string,
			sourceId: s.source_id as string,
			trigger: s.trigger as string,
			detail: s.detail as string,
			eventAt: toDate(s.event_at),
			attached: s.attached as boolean
		})),
		notes: notes.map((n) => ({
			authorName: n.author_name as string,
			body: n.body as string,
			createdAt: toDate(n.created_at)
		})),
		attemptLog: attempts.map((a) => ({
			channel: a.channel as string,
			outcome: a.outcome as string,
			note: a.note as string | null,
			authorName: a.author_name as string,
			attemptedAt: toDate(a.attempted_at)
		})),
		incident,
		patient: patient
			? {
					interactions: await db.all(PATIENT_INTERACTIONS, { patient }),
					surveys: await db.all(PATIENT_SURVEYS, { patient }),
					fills: await db.all(PATIENT_FILLS, { patient })
				}
			: null
	};
}

/** A visible task the reader does not hold: what it is and when it is due, nothing of the patient. */
function lockedDetail(row: Record<string, unknown>): TaskDetail {
	return {
		...toSummary(row),
		response: null,
		responseAt: null,
		rootCause: null,
		reopenCount: row.reopen_count as number,
		sources: [],
		notes: [],
		attemptLog: [],
		incident: null,
		patient: null
	};
}

const ASSIGNEES = `-- people a manager can assign to: active accounts
SELECT id, name, role FROM users WHERE NOT disabled ORDER BY name`;

export async function listAssignees(db: Db): Promise<{ id: string; name: string; role: string }[]> {
	return db.all<{ id: string; name: string; role: string }>(ASSIGNEES);
}
