// Calibration sessions: a QA lead picks interactions, graders (at least two) and one expert whose
// answers are the key; everyone scores the same interactions with the current rubric version.
// Members score blind: until they submit, they see only their own answers; once they submit their
// scores are final and the report opens to them. People outside the session who may use QA (the
// lead who set it up, managers) follow the progress and the report at any time.
import { all, type Db } from '../../db/index.ts';
import { now, tsParam } from '../../time/index.ts';
import type { Actor } from '../evaluations.ts';
import { getCurrentRubricVersion } from '../rubrics.ts';
import { listSideEvaluations, saveSideEvaluation } from '../side-evaluations.ts';
import type { Answers } from '../scoring.ts';

export type MemberRole = 'grader' | 'expert';

export interface Member {
	userId: string;
	name: string;
	role: MemberRole;
	submittedAt: Date | null;
}

export interface Session {
	sessionId: number;
	name: string;
	versionId: number;
	createdBy: string;
	createdByName: string;
	createdAt: Date;
	interactionIds: string[];
	members: Member[];
}

export class CalibrationError extends Error {}

const ELIGIBLE = `-- people who may grade: active QA leads, managers and admins
	SELECT id, name, role FROM users WHERE NOT disabled AND role IN ('qa_lead', 'manager', 'admin')
	ORDER BY name, id`;

const KNOWN_INTERACTIONS = `-- which of the picked interactions exist
	SELECT interaction_id FROM interactions WHERE interaction_id IN (SELECT unnest(string_split($ids, chr(31))))`;

const SESSIONS = `-- sessions, newest first, with their interactions and members
	SELECT s.*,
		(SELECT list(interaction_id ORDER BY position) FROM qa_calibration_items i WHERE i.session_id = s.session_id) AS interaction_ids,
		(SELECT list({'user_id': m.user_id, 'name': m.user_name, 'role': m.role, 'submitted_at': m.submitted_at} ORDER BY m.role DESC, m.user_name)
			FROM qa_calibration_members m WHERE m.session_id = s.session_id) AS members
	FROM qa_calibration_sessions s`;

export async function listEligibleGraders(db: Db) {
	const rows = await db.all(ELIGIBLE);
	return rows.map((r) => ({ id: r.id as string, name: r.name as string, role: r.role as string }));
}

function toSession(r: Record<string, unknown>): Session {
	const members = (r.members as Record<string, unknown>[] | null) ?? [];
	return {
		sessionId: r.session_id as number,
		name: r.name as string,
		versionId: r.version_id as number,
		createdBy: r.created_by as string,
		createdByName: r.created_by_name as string,
		createdAt: r.created_at as Date,
		interactionIds: (r.interaction_ids as string[] | null) ?? [],
		members: members.map((m) => ({
			userId: m.user_id as string,
			name: m.name as string,
			role: m.role as MemberRole,
			submittedAt: (m.submitted_at as Date | null) ?? null
		}))
	};
}

export async function listSessions(db: Db): Promise<Session[]> {
	return (await db.all(`${SESSIONS} ORDER BY s.created_at DESC, s.session_id DESC`)).map(toSession);
}

export async function getSession(db: Db, sessionId: number): Promise<Session | null> {
	const [row] = await db.all(`${SESSIONS} WHERE s.session_id = $id`, { id: sessionId });
	return row ? toSession(row) : null;
}

export async function createSession(
	db: Db,
	input: { name: string; interactionIds: string[]; graderIds: string[]; expertId: string },
	by: Actor
): Promise<number> {
	const name = input.name.trim();
	const ids = [...new Set(input.interactionIds.map((i) => i.trim()).filter(Boolean))];
	const graders = [...new Set(input.graderIds)];
	const problems: string[] = [];
	if (!name) problems.push('Give the session a name.');
	if (ids.length === 0) problems.push('Pick at least one interaction.');
	if (ids.length > 20) problems.push('Pick at most 20 interactions.');
	if (graders.length < 2) problems.push('Pick at least two graders: agreement needs two.');
	if (graders.includes(input.expertId))
		problems.push('The expert writes the answer key and cannot also be a grader.');
	const eligible = new Map((await listEligibleGraders(db)).map((u) => [u.id, u.name]));
	if ([...graders, input.expertId].some((id) => !eligible.has(id)))
		problems.push('Graders and the expert must be active QA leads, managers or admins.');
	const known = new Set(
		(await db.all(KNOWN_INTERACTIONS, { ids: ids.join('\u001f') })).map(
			(r) => r.interaction_id as string
		)
	);
	const missing = ids.filter((i) => !known.has(i));
	if (missing.length > 0) problems.push(`No such interaction: ${missing.slice(0, 5).join(', ')}.`);
	if (problems.length > 0) throw new CalibrationError(problems.join(' '));
	const rubric = await getCurrentRubricVersion(db);
	return db.transaction(async (conn) => {
		const [row] = await all(
			conn,
			`INSERT INTO qa_calibration_sessions (session_id, name, version_id, created_by, created_by_name, created_at)
			VALUES (nextval('qa_calibration_id_seq'), $name, $version, $by, $byName, $at) RETURNING session_id`,
			{
				name: name.slice(0, 200),
				version: rubric.versionId,
				by: by.id,
				byName: by.name,
				at: tsParam(now())
			}
		);
		const sessionId = row.session_id as number;
		const items = await conn.createAppender('qa_calibration_items');
		for (const [i, id] of ids.entries()) {
			items.appendInteger(sessionId);
			items.appendInteger(i + 1);
			items.appendVarchar(id);
			items.endRow();
		}
		items.flushSync();
		items.closeSync();
		const members = await conn.createAppender('qa_calibration_members');
		for (const [id, role] of [
			...graders.map((g) => [g, 'grader'] as const),
			[input.expertId, 'expert'] as const
		]) {
			members.appendInteger(sessionId);
			members.appendVarchar(id);
			members.appendVarchar(eligible.get(id) as string);
			members.appendVarchar(role);
			members.appendNull();
			members.endRow();
		}
		members.flushSync();
		members.closeSync();
		return sessionId;
	});
}

export function memberOf(session: Session, userId: string): Member | null {
	return session.members.find((m) => m.userId === userId) ?? null;
}

/** Members see the report once they submitted; everyone else with QA access at any time. */
export function mayReadReport(session: Session, userId: string): boolean {
	const me = memberOf(session, userId);
	return me === null || me.submittedAt !== null;
}

/** Saves (or replaces) a member's answers for one interaction; refused once they submitted. */
export async function scoreInSession(
	db: Db,
	session: Session,
	input: {
		interactionId: string;
		answers: Answers;
		notes?: Record<string, string>;
		comment?: string;
	},
	by: Actor
) {
	const me = memberOf(session, by.id);
	if (!me) throw new CalibrationError('You are not a grader in this session.');
	if (me.submittedAt) throw new CalibrationError('You have submitted: your scores are final.');
	if (!session.interactionIds.includes(input.interactionId))
		throw new CalibrationError('This interaction is not part of the session.');
	return db.transaction((conn) =>
		saveSideEvaluation(
			conn,
			{ kind: 'calibration', sessionId: session.sessionId, versionId: session.versionId, ...input },
			by
		)
	);
}

/** A member's scores so far (their own only: blind). */
export async function myScores(db: Db, session: Session, userId: string) {
	return (await listSideEvaluations(db, { sessionId: session.sessionId })).filter(
		(s) => s.graderId === userId
	);
}

/** Makes a member's scores final; every interaction must be scored first. */
export async function submitSession(db: Db, session: Session, by: Actor): Promise<void> {
	const me = memberOf(session, by.id);
	if (!me) throw new CalibrationError('You are not a grader in this session.');
	if (me.submittedAt) throw new CalibrationError('You have already submitted.');
	const scored = new Set((await myScores(db, session, by.id)).map((s) => s.interactionId));
	const open = session.interactionIds.filter((id) => !scored.has(id));
	if (open.length > 0)
		throw new CalibrationError(`Score every interaction first: ${open.join(', ')} still open.`);
	await db.run(
		`UPDATE qa_calibration_members SET submitted_at = $at
		WHERE session_id = $session AND user_id = $user AND submitted_at IS NULL`,
		{ session: session.sessionId, user: by.id, at: tsParam(now()) }
	);
}

const CANDIDATES = `-- recent interactions with a transcript, to pick for a session
	SELECT i.interaction_id, strftime(i.started_at, '%Y-%m-%d %H:%M') AS started_at, i.agent_id, i.channel, i.reason
	FROM interactions i
	WHERE i.interaction_id IN (SELECT DISTINCT interaction_id FROM transcripts)
	ORDER BY i.started_at DESC, i.interaction_id LIMIT $limit`;

export async function listCandidateInteractions(db: Db, limit = 30) {
	const rows = await db.all(CANDIDATES, { limit });
	return rows.map((r) => ({
		interactionId: r.interaction_id as string,
		startedAt: r.started_at as string,
		agentId: (r.agent_id as string | null) ?? null,
		channel: r.channel as string,
		reason: r.reason as string
	}));
}
