// Closing the loop, measured. Period figures cover tasks opened (their source event) in
// [from, to); backlog and overdue are "as of now". Rates are 0–100 like the contract's KPI rates;
// null when the denominator is 0.
//   SLA compliance   = 100 × closed on or before due / (closed + still open past due)
//   first contact    = median hours from the event to the first logged attempt (tasks with one)
//   reopen rate      = 100 × reopened at least once / closed at least once
//   recovery         = the patient's next CSAT after a "resolved" close vs the complaining survey's
//   repeat complaint = 100 × closed complaints whose patient complained again within 30 days
//                      (local days: the same clock time 30 days on) / closed
//   outreach conversion = 100 × reached calls followed by a fill within 7 days (from the call's
//                      local date in the site time zone, inclusive) / reached calls
import type { Db } from '../db/index.ts';
import { getSettings } from '../settings/index.ts';
import { localTsSql, now as clockNow, tsParam, utcTsSql } from '../time/index.ts';

export interface FollowUpFigures {
	from: string;
	to: string;
	now: string;
	sla: { met: number; total: number; rate: number | null };
	firstContact: { tasks: number; medianHours: number | null };
	backlog: { complaints: number; overdue: number; outreach: number; outreachOverdue: number };
	reopen: { closed: number; reopened: number; rate: number | null };
	recovery: {
		pairs: number;
		csatBefore: number | null;
		csatAfter: number | null;
		improved: number;
		rate: number | null;
	};
	repeat: { closed: number; repeated: number; rate: number | null };
	outreach: {
		tasks: number;
		attempted: number;
		reached: number;
		refillRequested: number;
		medSync: number;
		refilled: number;
		conversion: number | null;
	};
}

const REACHED = `('reached', 'refill_requested', 'med_sync_enrolled')`;

const PERIOD_TASKS = `period AS (SELECT * FROM follow_ups WHERE opened_at >= $from::TIMESTAMP AND opened_at < $to::TIMESTAMP)`;

const COMPLAINT_FIGURES = `-- SLA, first contact and reopen figures over complaint tasks opened in the period
WITH ${PERIOD_TASKS},
c AS (SELECT p.*, (SELECT min(a.attempted_at) FROM contact_attempts a WHERE a.follow_up_id = p.id) AS first_attempt
	FROM period p WHERE p.kind = 'complaint')
SELECT
	count(*) FILTER (WHERE status = 'closed' AND closed_at <= due_at)::INTEGER AS sla_met,
	count(*) FILTER (WHERE status = 'closed' OR due_at < $now::TIMESTAMP)::INTEGER AS sla_total,
	count(first_attempt)::INTEGER AS contacted,
	median(epoch(first_attempt - opened_at) / 3600.0) AS median_hours,
	count(*) FILTER (WHERE closed_count > 0)::INTEGER AS ever_closed,
	count(*) FILTER (WHERE reopen_count > 0)::INTEGER AS reopened
FROM c`;

const BACKLOG = `-- open tasks and those past due, as of now
SELECT
	count(*) FILTER (WHERE kind = 'complaint')::INTEGER AS complaints,
	count(*) FILTER (WHERE kind = 'complaint' AND due_at < $now::TIMESTAMP)::INTEGER AS overdue,
	count(*) FILTER (WHERE kind = 'outreach')::INTEGER AS outreach,
	count(*) FILTER (WHERE kind = 'outreach' AND due_at < $now::TIMESTAMP)::INTEGER AS outreach_overdue
FROM follow_ups WHERE status <> 'closed'`;

const RECOVERY = `-- the complaining survey (latest survey source with a CSAT) vs the patient's next CSAT after closing
WITH ${PERIOD_TASKS},
sv AS (SELECT s.survey_id, s.submitted_at, s.csat, coalesce(s.patient_id, i.patient_id) AS patient_id
	FROM surveys s LEFT JOIN interactions i ON i.interaction_id = s.interaction_id WHERE s.csat IS NOT NULL),
resolved AS (SELECT * FROM period WHERE kind = 'complaint' AND status = 'closed' AND resolution = 'resolved' AND patient_id IS NOT NULL),
before AS (SELECT r.id, arg_max(sv.csat, sv.submitted_at) AS csat
	FROM resolved r JOIN follow_up_sources fs ON fs.follow_up_id = r.id AND fs.source_kind = 'survey'
	JOIN sv ON sv.survey_id = fs.source_id GROUP BY r.id),
after AS (SELECT r.id, arg_min(sv.csat, sv.submitted_at) AS csat
	FROM resolved r JOIN sv ON sv.patient_id = r.patient_id AND sv.submitted_at > r.closed_at GROUP BY r.id)
SELECT count(*)::INTEGER AS pairs, avg(b.csat) AS before, avg(a.csat) AS after,
	count(*) FILTER (WHERE a.csat > b.csat)::INTEGER AS improved
FROM before b JOIN after a USING (id)`;

const REPEAT = `-- closed complaints whose patient raised a new complaint within the window after closing
WITH ${PERIOD_TASKS},
closed AS (SELECT * FROM period WHERE kind = 'complaint' AND status = 'closed' AND patient_id IS NOT NULL)
SELECT count(*)::INTEGER AS closed,
	count(*) FILTER (WHERE EXISTS (SELECT 1 FROM follow_up_sources s JOIN follow_ups o ON o.id = s.follow_up_id
		WHERE o.kind = 'complaint' AND s.patient_id = c.patient_id AND s.follow_up_id <> c.id
		AND s.event_at > c.closed_at
		AND s.event_at <= ${utcTsSql(`${localTsSql('c.closed_at')} + to_days($repeatDays::INTEGER)`)}))::INTEGER AS repeated
FROM closed c`;

const OUTREACH = `-- outreach funnel: tasks, attempted, reached (first reached-like attempt, else a reached close), refilled
WITH ${PERIOD_TASKS},
o AS (SELECT p.id, p.patient_id, p.outcome, p.closed_at,
		(SELECT count(*) FROM contact_attempts a WHERE a.follow_up_id = p.id) AS attempts,
		coalesce((SELECT min(a.attempted_at) FROM contact_attempts a WHERE a.follow_up_id = p.id AND a.outcome IN ${REACHED}),
			CASE WHEN p.outcome IN ${REACHED} THEN p.closed_at END) AS reached_at,
		(p.outcome = 'refill_requested' OR EXISTS (SELECT 1 FROM contact_attempts a WHERE a.follow_up_id = p.id AND a.outcome = 'refill_requested')) AS refill_requested,
		(p.outcome = 'med_sync_enrolled' OR EXISTS (SELECT 1 FROM contact_attempts a WHERE a.follow_up_id = p.id AND a.outcome = 'med_sync_enrolled')) AS med_sync
	FROM period p WHERE p.kind = 'outreach')
SELECT count(*)::INTEGER AS tasks,
	count(*) FILTER (WHERE attempts > 0 OR closed_at IS NOT NULL)::INTEGER AS attempted,
	count(reached_at)::INTEGER AS reached,
	count(*) FILTER (WHERE refill_requested)::INTEGER AS refill_requested,
	count(*) FILTER (WHERE med_sync)::INTEGER AS med_sync,
	count(*) FILTER (WHERE reached_at IS NOT NULL AND EXISTS (SELECT 1 FROM fills f WHERE f.patient_id = o.patient_id
		AND f.fill_date BETWEEN ${localTsSql('reached_at')}::DATE
			AND ${localTsSql('reached_at')}::DATE + $convDays::INTEGER))::INTEGER AS refilled
FROM o`;

const pct = (k: number, n: number) => (n > 0 ? (100 * k) / n : null);

export async function followUpFigures(
	db: Db,
	q: { from: Date; to: Date; now?: Date }
): Promise<FollowUpFigures> {
	const s = await getSettings(db);
	const now = q.now ?? clockNow();
	const period = { from: tsParam(q.from), to: tsParam(q.to) };
	const tz = s.siteTimeZone;
	const [c, b, r, rep, o] = await Promise.all([
		db.one(COMPLAINT_FIGURES, { ...period, now: tsParam(now) }),
		db.one(BACKLOG, { now: tsParam(now) }),
		db.one(RECOVERY, period),
		db.one(REPEAT, { ...period, repeatDays: s.repeatComplaintDays, tz }),
		db.one(OUTREACH, { ...period, convDays: s.outreachConversionDays, tz })
	]);
	const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
	const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return {
		from: q.from.toISOString(),
		to: q.to.toISOString(),
		now: now.toISOString(),
		sla: { met: n(c?.sla_met), total: n(c?.sla_total), rate: pct(n(c?.sla_met), n(c?.sla_total)) },
		firstContact: { tasks: n(c?.contacted), medianHours: orNull(c?.median_hours) },
		backlog: {
			complaints: n(b?.complaints),
			overdue: n(b?.overdue),
			outreach: n(b?.outreach),
			outreachOverdue: n(b?.outreach_overdue)
		},
		reopen: {
			closed: n(c?.ever_closed),
			reopened: n(c?.reopened),
			rate: pct(n(c?.reopened), n(c?.ever_closed))
		},
		recovery: {
			pairs: n(r?.pairs),
			csatBefore: orNull(r?.before),
			csatAfter: orNull(r?.after),
			improved: n(r?.improved),
			rate: pct(n(r?.improved), n(r?.pairs))
		},
		repeat: {
			closed: n(rep?.closed),
			repeated: n(rep?.repeated),
			rate: pct(n(rep?.repeated), n(rep?.closed))
		},
		outreach: {
			tasks: n(o?.tasks),
			attempted: n(o?.attempted),
			reached: n(o?.reached),
			refillRequested: n(o?.refill_requested),
			medSync: n(o?.med_sync),
			refilled: n(o?.refilled),
			conversion: pct(n(o?.refilled), n(o?.reached))
		}
	};
}
