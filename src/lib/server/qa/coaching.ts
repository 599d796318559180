// runCoachingRules: gathers each agent's figures over the trailing window, applies the rules in
// coaching-rules.ts, and writes tasks set-based (Appender → temp table → UPDATE/INSERT). A
// trigger whose agent already has an open task (any state but done) with the same key updates
// that task's evidence instead of opening another; it counts as triggered again only when its
// evidence names interactions the task has not shown before (re-runs and restarts add nothing).
// Then measures the effect of finished tasks. The write is short and runs again when a person's
// step on a task holds the row it refreshes.
import type { Db } from '../db/index.ts';
import { retryOnConflict } from '../db/conflict.ts';
import { kpiTrigger, qaTrigger, sentimentTrigger, type Trigger } from './coaching-rules.ts';
import { measureDueEffects } from './effect.ts';
import { listAgentLeads } from './leads.ts';
import { isoTs, listAgentQaScores } from './queries.ts';
import { getSettings } from '../settings/index.ts';
import { notSatisfiedSql } from '../semantic/decisions.ts';
import { agentTeams } from '../semantic/teams.ts';
import {
	addDays,
	addLocalDays,
	dateParam,
	localDate,
	now as clockNow,
	tsParam
} from '../time/index.ts';
import { agentNegativeShares, agentProportions, findTarget, listTargets } from './sources.ts';

const LAST_INTERACTION = `-- when the latest interaction started
	SELECT max(started_at) AS t FROM interactions`;

const AGENT_CONTEXT = `-- per agent in the window: example interactions behind CSAT and FCR
	SELECT i.agent_id,
		(list(i.interaction_id ORDER BY i.started_at DESC) FILTER (WHERE i.direction = 'inbound'
			AND i.disposition <> 'abandoned' AND i.patient_id IS NOT NULL AND i.disposition <> 'resolved'))[1:10] AS fcr_ids,
		(list(i.interaction_id ORDER BY i.started_at DESC) FILTER (WHERE EXISTS (SELECT 1 FROM surveys s
			WHERE s.interaction_id = i.interaction_id AND ${notSatisfiedSql('s.csat')})))[1:10] AS csat_ids
	FROM interactions i
	WHERE i.agent_id IS NOT NULL AND i.started_at >= $from AND i.started_at < $to
	GROUP BY i.agent_id`;

const CRITICAL_FOCUS = `-- most frequent focus area among the critical items an agent failed in the window
	SELECT e.agent_id, mode(it.focus_area) AS focus
	FROM qa_evaluations e JOIN interactions i USING (interaction_id)
	JOIN qa_answers a USING (evaluation_id)
	JOIN qa_rubric_items it ON it.version_id = e.version_id AND it.item_key = a.item_key
	WHERE e.critical_failed AND NOT e.second_opinion AND it.critical AND a.value = CASE it.scale WHEN 'yes_no' THEN 0 ELSE 1 END
		AND i.started_at >= $from AND i.started_at < $to
	GROUP BY e.agent_id`;

const CREATE_STAGE = `-- this run's triggers
	CREATE OR REPLACE TEMP TABLE coaching_stage (agent_id VARCHAR, trigger_key VARCHAR, focus_area VARCHAR,
		focus_kpi VARCHAR, title VARCHAR, evidence VARCHAR, owner_id VARCHAR, owner_name VARCHAR)`;

const EVIDENCE_IDS = `coalesce(CAST(json_extract_string(s.evidence, '$.interactions[*]') AS VARCHAR[]), [])`;

const MARK_EXISTING = `-- open tasks that this run's triggers update, with how many of the evidence's interactions are new
	CREATE OR REPLACE TEMP TABLE coaching_hits AS
	SELECT t.task_id, s.*, list_distinct(${EVIDENCE_IDS}) AS ids,
		len(list_distinct(${EVIDENCE_IDS})) - len(list_intersect(list_distinct(${EVIDENCE_IDS}), t.evidence_seen)) AS new_ids
	FROM coaching_tasks t JOIN coaching_stage s USING (agent_id, trigger_key)
	WHERE t.state <> 'done'`;

const UPDATE_EXISTING = `-- a repeated trigger refreshes the open task's figures; only new evidence counts as a new trigger
	UPDATE coaching_tasks t SET evidence = h.evidence, focus_area = h.focus_area, title = h.title,
		trigger_count = t.trigger_count + CASE WHEN h.new_ids > 0 THEN 1 ELSE 0 END,
		evidence_seen = list_distinct(list_concat(t.evidence_seen, h.ids)),
		updated_at = CASE WHEN h.new_ids > 0 THEN $now::TIMESTAMP ELSE t.updated_at END
	FROM coaching_hits h WHERE t.task_id = h.task_id`;

const HISTORY_UPDATED = `-- history: new evidence (a re-run over the same interactions leaves no line)
	INSERT INTO coaching_history (task_id, happened_at, actor_id, actor_name, from_state, to_state, note)
	SELECT h.task_id, $now::TIMESTAMP, 'system', 'Coaching rules', t.state, t.state,
		'new evidence: ' || h.new_ids || CASE WHEN h.new_ids = 1 THEN ' interaction' ELSE ' interactions' END || ' not shown before'
	FROM coaching_hits h JOIN coaching_tasks t USING (task_id) WHERE h.new_ids > 0`;

const INSERT_NEW = `-- triggers without an open task open one
	INSERT INTO coaching_tasks (task_id, agent_id, trigger_key, focus_area, focus_kpi, title, state, owner_id,
		owner_name, due_date, evidence, trigger_count, opened_at, updated_at, evidence_seen)
	SELECT nextval('coaching_task_id_seq'), s.agent_id, s.trigger_key, s.focus_area, s.focus_kpi, s.title, 'open',
		s.owner_id, s.owner_name, $due, s.evidence, 1,
		$now::TIMESTAMP, $now::TIMESTAMP, list_distinct(${EVIDENCE_IDS})
	FROM coaching_stage s
	WHERE NOT EXISTS (SELECT 1 FROM coaching_hits h WHERE h.agent_id = s.agent_id AND h.trigger_key = s.trigger_key)
	RETURNING task_id`;

const HISTORY_OPENED = `-- history: opened by the rules
	INSERT INTO coaching_history (task_id, happened_at, actor_id, actor_name, from_state, to_state, note)
	SELECT task_id, $now::TIMESTAMP, 'system', 'Coaching rules', NULL, 'open', title
	FROM coaching_tasks WHERE task_id IN (SELECT unnest($ids::INTEGER[]))`;

/**
 * Triggers for every agent over the window ending at `end` (exported for tests and the CLI): the
 * window reaches back `coachingWindowDays` local days of the site, to the same clock time.
 */
export async function evaluateTriggers(db: Db, end: Date): Promise<Trigger[]> {
	const settings = await getSettings(db);
	const from = addLocalDays(end, -settings.coachingWindowDays, settings.siteTimeZone);
	const window = { from: isoTs(from), to: isoTs(end) };
	const bound = { from: tsParam(from), to: tsParam(end) };
	const minSample = settings.minSample;
	const [targets, teams] = await Promise.all([listTargets(db), agentTeams(db, { from, to: end })]);
	const context = new Map(
		(await db.all(AGENT_CONTEXT, { ...bound, satisfied: settings.csatSatisfiedMin })).map((r) => [
			r.agent_id as string,
			{
				team: teams.get(r.agent_id as string) ?? null,
				fcr: (r.fcr_ids as string[] | null) ?? [],
				csat: (r.csat_ids as string[] | null) ?? []
			}
		])
	);
	const triggers: Trigger[] = [];
	const rates = await agentProportions(db, { from, to: end });
	for (const kpi of ['csat', 'fcr'] as const) {
		for (const r of rates[kpi]) {
			const ctx = context.get(r.agentId);
			const target = findTarget(targets, kpi, { team: ctx?.team ?? null });
			const t = kpiTrigger(
				{ agentId: r.agentId, kpi, k: r.k, n: r.n, target, minSample },
				window,
				ctx?.[kpi] ?? []
			);
			if (t) triggers.push(t);
		}
	}
	const focus = new Map(
		(await db.all(CRITICAL_FOCUS, bound)).map((r) => [r.agent_id as string, r.focus as string])
	);
	for (const q of await listAgentQaScores(db, { from, to: end })) {
		const t = qaTrigger(
			{
				agentId: q.agentId,
				score: q.score,
				n: q.n,
				sd: q.sd,
				criticalFails: q.criticalFails,
				criticalFocus: focus.get(q.agentId) ?? null,
				threshold: settings.qaThreshold,
				minEvaluations: settings.qaMinEvaluations
			},
			window,
			q.criticalIds.length > 0 ? q.criticalIds : q.interactionIds
		);
		if (t) triggers.push(t);
	}
	const shares = await agentNegativeShares(db, { from, to: end });
	for (const s of shares) {
		// The agent against the rest of their team (so the two samples are independent).
		const rest = shares.filter((o) => o.team === s.team && o.agentId !== s.agentId);
		const teamK = rest.reduce((sum, o) => sum + o.k, 0);
		const teamN = rest.reduce((sum, o) => sum + o.n, 0);
		const t = sentimentTrigger(
			{ agentId: s.agentId, team: s.team, k: s.k, n: s.n, teamK, teamN, minSample },
			window,
			s.ids
		);
		if (t) triggers.push(t);
	}
	return triggers;
}

export async function runCoachingRules(
	db: Db,
	opts: { now?: Date } = {}
): Promise<{ opened: number; updated: number; effects: number }> {
	const now = opts.now ?? clockNow();
	// Rules look back from now, or from just after the last call when the data is older.
	const last = (await db.one<{ t: Date | null }>(LAST_INTERACTION))?.t ?? null;
	const end = last && last.getTime() + 1000 < now.getTime() ? new Date(last.getTime() + 1000) : now;
	const triggers = await evaluateTriggers(db, end);
	const settings = await getSettings(db);
	// Due N local days after the day the rules ran.
	const due = dateParam(addDays(localDate(now, settings.siteTimeZone), settings.coachingDueDays));
	const leads = await listAgentLeads(db);
	const result = await retryOnConflict(() =>
		db.transaction(async (conn) => {
			await conn.run(CREATE_STAGE);
			const appender = await conn.createAppender('coaching_stage', 'main', 'temp');
			for (const t of triggers) {
				const owner = leads.get(t.agentId) ?? null;
				appender.appendVarchar(t.agentId);
				appender.appendVarchar(t.triggerKey);
				appender.appendVarchar(t.focusArea);
				appender.appendVarchar(t.focusKpi);
				appender.appendVarchar(t.title);
				appender.appendVarchar(JSON.stringify(t.evidence));
				if (owner) {
					appender.appendVarchar(owner.id);
					appender.appendVarchar(owner.name);
				} else {
					appender.appendNull();
					appender.appendNull();
				}
				appender.endRow();
			}
			appender.flushSync();
			appender.closeSync();
			const stamp = { now: tsParam(now) };
			await conn.run(MARK_EXISTING);
			const updated = Number(
				(
					await conn.runAndReadAll(
						'SELECT count(*)::INTEGER AS n FROM coaching_hits WHERE new_ids > 0'
					)
				).getRowObjectsJS()[0].n
			);
			await conn.run(UPDATE_EXISTING, stamp);
			await conn.run(HISTORY_UPDATED, stamp);
			const inserted = (await conn.runAndReadAll(INSERT_NEW, { ...stamp, due })).getRowObjectsJS();
			const ids = inserted.map((r) => Number(r.task_id));
			if (ids.length > 0) await conn.run(HISTORY_OPENED, { ...stamp, ids: `[${ids.join(',')}]` });
			await conn.run('DROP TABLE coaching_hits');
			await conn.run('DROP TABLE coaching_stage');
			return { opened: ids.length, updated };
		})
	);
	const effects = await measureDueEffects(db, now);
	return { ...result, effects };
}
