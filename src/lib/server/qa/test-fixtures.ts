// Small factories for QA tests: interactions, surveys and users written with set-based SQL.
import type { Db } from '../db/index.ts';

/**
 * The seeded rubric answered well: greeting w1, verification w2 (critical), accuracy w3 (critical,
 * 1–5), escalation w2 (critical, N/A here), empathy w2 (1–5), ownership w2 (1–5), closing w1.
 */
export const PERFECT_ANSWERS = {
	greeting: 1,
	verification: 1,
	accuracy: 5,
	escalation: null,
	empathy: 5,
	ownership: 5,
	closing: 1
};

const INSERT_DAILY = `-- per agent and day, $perDay handled voice calls (+1 abandoned) from $start for $days days
	INSERT INTO interactions (interaction_id, started_at, channel, direction, patient_id, agent_id, team,
		reason, queue_seconds, talk_seconds, hold_seconds, wrap_seconds, disposition, import_id)
	SELECT $prefix || $agent || '-d' || d || '-' || k, $start::TIMESTAMP + to_days(d::INTEGER) + to_hours(9 + k::INTEGER),
		'voice', 'inbound', 'p-' || $agent || '-' || d || '-' || k, CASE WHEN k < $perDay THEN $agent END, $team,
		'refill', 10, 200, 0, 20, CASE WHEN k < $perDay THEN 'resolved' ELSE 'abandoned' END, 1
	FROM range(0, $days) t(d), range(0, $perDay + 1) u(k)`;

export async function addDailyInteractions(
	db: Db,
	o: { agent: string; team?: string; start: string; days: number; perDay: number; prefix?: string }
): Promise<void> {
	await db.run(INSERT_DAILY, {
		agent: o.agent,
		team: o.team ?? 'general',
		start: o.start,
		days: o.days,
		perDay: o.perDay,
		prefix: o.prefix ?? ''
	});
}

const UPDATE_INTERACTION = `-- tweak one fixture interaction
	UPDATE interactions SET reason = coalesce($reason, reason), talk_seconds = coalesce($talk, talk_seconds)
	WHERE interaction_id = $id`;

export async function tweakInteraction(
	db: Db,
	id: string,
	o: { reason?: string; talk?: number }
): Promise<void> {
	await db.run(UPDATE_INTERACTION, { id, reason: o.reason ?? null, talk: o.talk ?? null });
}

const INSERT_SURVEY = `-- one survey linked to an interaction
	INSERT INTO surveys (survey_id, interaction_id, submitted_at, csat, import_id)
	SELECT 's-' || $id || '-' || $csat, $id, started_at + INTERVAL 1 HOUR, $csat, 1
	FROM interactions WHERE interaction_id = $id`;

export async function addSurvey(db: Db, interactionId: string, csat: number): Promise<void> {
	await db.run(INSERT_SURVEY, { id: interactionId, csat });
}

const INSERT_USER = `-- a user account for tests (no usable password)
	INSERT INTO users (id, email, name, role, agent_id, disabled, password_hash, created_at, updated_at)
	VALUES ($id, $id || '@test.local', $name, $role, $agent, false, 'x', now(), now())`;

export async function addUser(
	db: Db,
	o: { id: string; name?: string; role: string; agentId?: string }
): Promise<void> {
	await db.run(INSERT_USER, {
		id: o.id,
		name: o.name ?? o.id,
		role: o.role,
		agent: o.agentId ?? null
	});
}

const INSERT_SURVEYS = `-- one survey per handled interaction of an agent (by id order): the first $good satisfied (5), the rest 2
	INSERT INTO surveys (survey_id, interaction_id, submitted_at, csat, import_id)
	SELECT 's-' || interaction_id, interaction_id, started_at + INTERVAL 1 HOUR,
		CASE WHEN row_number() OVER (ORDER BY interaction_id) <= $good THEN 5 ELSE 2 END, 1
	FROM interactions WHERE agent_id = $agent AND starts_with(interaction_id, $prefix)`;

export async function addSurveysFor(
	db: Db,
	agent: string,
	good: number,
	prefix = ''
): Promise<void> {
	await db.run(INSERT_SURVEYS, { agent, good, prefix: prefix + agent });
}

const INSERT_TRANSCRIPTS = `-- a two-turn transcript for every handled interaction that has none yet (something to review)
	INSERT INTO transcripts (interaction_id, turn, speaker, offset_seconds, text, import_id)
	SELECT i.interaction_id, t.turn, CASE t.turn WHEN 0 THEN 'agent' ELSE 'patient' END, t.turn * 5.0,
		CASE t.turn WHEN 0 THEN 'Good morning, how can I help?' ELSE 'I need my refill, please.' END, 1
	FROM interactions i, range(0, 2) t(turn)
	WHERE i.disposition <> 'abandoned'
		AND NOT EXISTS (SELECT 1 FROM transcripts x WHERE x.interaction_id = i.interaction_id)`;

/** Gives every handled interaction without one a short transcript, so sampling may pick it. */
export async function addTranscripts(db: Db): Promise<void> {
	await db.run(INSERT_TRANSCRIPTS);
}
