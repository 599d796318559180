// One interaction with everything about it: the contact, its surveys, the transcript with each
// turn's sentiment (from the sentiment module), and what QA, coaching and follow-ups recorded.
import type { Db } from '../db/index.ts';
import {
	agentTone,
	interactionSentiment,
	textSentiments,
	type NotScored,
	type TextSentiment as TurnSentiment
} from '../sentiment/reads.ts';
import { iso } from './interactions.ts';
import { relatedFor, type Related } from './related.ts';

export interface InteractionDetail {
	interaction: {
		interactionId: string;
		startedAt: string;
		channel: string;
		direction: string;
		patientId: string | null;
		agentId: string | null;
		team: string | null;
		reason: string;
		disposition: string;
		queueSeconds: number | null;
		talkSeconds: number | null;
		holdSeconds: number | null;
		wrapSeconds: number | null;
		campaign: string | null;
		outcome: string | null;
	};
	surveys: {
		surveyId: string;
		submittedAt: string;
		csat: number | null;
		nps: number | null;
		ces: number | null;
		resolved: boolean | null;
		comment: string | null;
		sentiment: TurnSentiment | NotScored | null;
	}[];
	turns: {
		turn: number;
		speaker: string;
		offsetSeconds: number | null;
		text: string;
		sentiment: TurnSentiment | NotScored | null;
	}[];
	/** Per-interaction sentiment (overall, end of call, swing), or null when not scored. */
	summary: Record<string, unknown> | null;
	/** Mean polarity of the agent's turns, apart from the patient's arc. */
	agentTone: { tone: number; label: string; turns: number } | null;
	related: Related;
}

const INTERACTION = `-- one interaction by id
SELECT * FROM interactions WHERE interaction_id = $id LIMIT 1`;
const SURVEYS = `-- its linked surveys, oldest first
SELECT * FROM surveys WHERE interaction_id = $id ORDER BY submitted_at, survey_id`;
const TURNS = `-- its transcript in turn order
SELECT turn, speaker, offset_seconds, text FROM transcripts WHERE interaction_id = $id ORDER BY turn`;

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Null when there is no such interaction (the page answers 404). */
export async function getInteractionDetail(db: Db, id: string): Promise<InteractionDetail | null> {
	const row = await db.one(INTERACTION, { id });
	if (!row) return null;
	const [surveys, turns, summary, tone, related, scores] = await Promise.all([
		db.all(SURVEYS, { id }),
		db.all(TURNS, { id }),
		interactionSentiment(db, id),
		agentTone(db, id),
		relatedFor(db, { interactionId: id, agentId: str(row.agent_id) }),
		textSentiments(db, id)
	]);
	return {
		interaction: {
			interactionId: String(row.interaction_id),
			startedAt: iso(row.started_at),
			channel: String(row.channel),
			direction: String(row.direction ?? 'inbound'),
			patientId: str(row.patient_id),
			agentId: str(row.agent_id),
			team: str(row.team),
			reason: String(row.reason),
			disposition: String(row.disposition),
			queueSeconds: numOrNull(row.queue_seconds),
			talkSeconds: numOrNull(row.talk_seconds),
			holdSeconds: numOrNull(row.hold_seconds),
			wrapSeconds: numOrNull(row.wrap_seconds),
			campaign: str(row.campaign),
			outcome: str(row.outcome)
		},
		surveys: surveys.map((s) => ({
			surveyId: String(s.survey_id),
			submittedAt: iso(s.submitted_at),
			csat: numOrNull(s.csat),
			nps: numOrNull(s.nps),
			ces: numOrNull(s.ces),
			resolved: s.resolved === null || s.resolved === undefined ? null : Boolean(s.resolved),
			comment: str(s.comment),
			sentiment: scores.surveys.get(String(s.survey_id)) ?? null
		})),
		turns: turns.map((t) => ({
			turn: Number(t.turn),
			speaker: String(t.speaker),
			offsetSeconds: numOrNull(t.offset_seconds),
			text: String(t.text),
			sentiment: scores.turns.get(Number(t.turn)) ?? null
		})),
		summary: summary ? plain(summary) : null,
		agentTone: tone,
		related
	};
}

/** DuckDB values → JSON-safe (Dates to strings), for the page payload. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(row).map(([k, v]) => [k, v instanceof Date ? iso(v) : v])
	);
}
