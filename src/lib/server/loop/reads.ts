// Read questions other modules ask about follow-ups (the dashboards' Overview and interaction
// page): the loop owns its tables, so the SQL over them lives here.
import type { Db } from '../db/index.ts';
import { now as clockNow, tsParam } from '../time/index.ts';

const OPEN_COMPLAINTS = `-- open complaint follow-ups and how many are past due
SELECT count(*)::INTEGER AS open, count(*) FILTER (WHERE due_at < $now)::INTEGER AS overdue
FROM follow_ups WHERE kind = 'complaint' AND status <> 'closed'`;

export interface OpenComplaints {
	open: number;
	overdue: number;
}

export async function countOpenComplaints(db: Db, now = clockNow()): Promise<OpenComplaints> {
	const row = await db.one<{ open: number; overdue: number }>(OPEN_COMPLAINTS, {
		now: tsParam(now)
	});
	return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

const FOR_INTERACTION = `-- follow-up tasks sourced from this interaction or one of its surveys
SELECT DISTINCT f.id, f.kind, f.status, f.summary, f.due_at
FROM follow_ups f JOIN follow_up_sources s ON s.follow_up_id = f.id
WHERE (s.source_kind = 'interaction' AND s.source_id = $id)
	OR (s.source_kind = 'survey' AND s.source_id IN (SELECT survey_id FROM surveys WHERE interaction_id = $id))
ORDER BY f.due_at, f.id`;

export interface FollowUpLink {
	id: number;
	kind: string;
	status: string;
	summary: string;
	dueAt: Date;
}

export async function listFollowUpsForInteraction(db: Db, id: string): Promise<FollowUpLink[]> {
	const rows = await db.all<{
		id: number;
		kind: string;
		status: string;
		summary: string;
		due_at: Date;
	}>(FOR_INTERACTION, { id });
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		status: r.status,
		summary: r.summary,
		dueAt: r.due_at
	}));
}
