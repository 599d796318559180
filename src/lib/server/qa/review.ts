// What the evaluation page shows and accepts: the interaction with its transcript (read-only),
// and the form's answers parsed from FormData (item:<key> = 0|1|1…5|na, note:<key>).
import type { Db } from '../db/index.ts';
import type { Answers } from './scoring.ts';
import type { RubricItem } from './rubrics.ts';
import { textSentiments, type NotScored, type TextSentiment } from '../sentiment/reads.ts';

export interface ReviewInteraction {
	interactionId: string;
	startedAt: Date;
	channel: string;
	direction: string;
	patientId: string | null;
	agentId: string | null;
	team: string | null;
	reason: string;
	disposition: string;
	handleSeconds: number;
	turns: {
		turn: number;
		speaker: string;
		offsetSeconds: number | null;
		text: string;
		label: string | null;
	}[];
}

const SELECT_INTERACTION = `-- the interaction under review
	SELECT interaction_id, started_at, channel, direction, patient_id, agent_id, team, reason, disposition,
		coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(wrap_seconds, 0) AS handle_seconds
	FROM interactions WHERE interaction_id = $id`;

const SELECT_TURNS = `-- its transcript in turn order
	SELECT turn, speaker, offset_seconds, text FROM transcripts WHERE interaction_id = $id ORDER BY turn`;

export async function getInteractionForReview(
	db: Db,
	id: string
): Promise<ReviewInteraction | null> {
	const row = await db.one(SELECT_INTERACTION, { id });
	if (!row) return null;
	const [turns, scores] = await Promise.all([db.all(SELECT_TURNS, { id }), textSentiments(db, id)]);
	return {
		interactionId: row.interaction_id as string,
		startedAt: row.started_at as Date,
		channel: row.channel as string,
		direction: row.direction as string,
		patientId: (row.patient_id as string | null) ?? null,
		agentId: (row.agent_id as string | null) ?? null,
		team: (row.team as string | null) ?? null,
		reason: row.reason as string,
		disposition: row.disposition as string,
		handleSeconds: row.handle_seconds as number,
		turns: turns.map((t) => ({
			turn: t.turn as number,
			speaker: t.speaker as string,
			offsetSeconds: (t.offset_seconds as number | null) ?? null,
			text: t.text as string,
			// Patient turns carry their sentiment label; the agent's are not judged.
			label: t.speaker === 'patient' ? labelOf(scores.turns.get(t.turn as number)) : null
		}))
	};
}

/** A scored turn's label; null when unscored or in a language the model does not handle. */
function labelOf(s: TextSentiment | NotScored | undefined): string | null {
	return s && !('notScored' in s) ? s.label : null;
}

/** Reads the rubric form. Missing answers are left undefined so validation names them. */
export function parseAnswerForm(
	form: FormData,
	items: RubricItem[]
): { answers: Answers; notes: Record<string, string>; missing: string[] } {
	const answers: Answers = {};
	const notes: Record<string, string> = {};
	const missing: string[] = [];
	for (const item of items) {
		const raw = form.get(`item:${item.key}`);
		const note = form.get(`note:${item.key}`);
		if (typeof note === 'string' && note.trim()) notes[item.key] = note.trim();
		if (typeof raw !== 'string' || raw === '') {
			missing.push(item.label);
			continue;
		}
		answers[item.key] = raw === 'na' ? null : /^\d$/.test(raw) ? Number(raw) : -1;
	}
	return { answers, notes, missing };
}
