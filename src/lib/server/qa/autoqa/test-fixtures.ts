// Factories for AutoQA tests: an interaction with its transcript, written row by row (tests only).
import type { Db } from '../../db/index.ts';

export type Line = [speaker: 'agent' | 'patient' | 'system', offset: number | null, text: string];

const INSERT_INTERACTION = `-- one handled inbound interaction
	INSERT INTO interactions (interaction_id, started_at, channel, direction, patient_id, agent_id, team,
		reason, talk_seconds, disposition, import_id)
	VALUES ($id, $at::TIMESTAMP, $channel, 'inbound', 'P-' || $id, $agent, 'general', 'refill', 300, 'resolved', 1)`;

const INSERT_TURN = `-- one transcript turn
	INSERT INTO transcripts (interaction_id, turn, speaker, offset_seconds, text, import_id)
	VALUES ($id, $turn, $speaker, $offset, $text, 1)`;

export async function addCall(
	db: Db,
	id: string,
	lines: Line[],
	o: { agent?: string; channel?: string; at?: string } = {}
): Promise<void> {
	await db.run(INSERT_INTERACTION, {
		id,
		at: o.at ?? '2026-03-02 10:00:00',
		channel: o.channel ?? 'voice',
		agent: o.agent ?? 'A1'
	});
	for (const [turn, [speaker, offset, text]] of lines.entries()) {
		await db.run(INSERT_TURN, { id, turn, speaker, offset, text });
	}
}

/** A call that passes greeting and identity (two identifiers before the prescription). */
export const GOOD_CALL: Line[] = [
	['agent', 0, 'Thank you for calling CareLoop Pharmacy, this is Maria.'],
	['patient', 4, 'I need my refill.'],
	['agent', 8, 'Can I have your full name and date of birth?'],
	['patient', 12, 'Ann Lee, May 1, 1950.'],
	['agent', 16, 'Your lisinopril prescription is ready. Is there anything else?'],
	['patient', 20, "No, that's all."],
	['agent', 22, 'To recap, your lisinopril is ready. Bye.']
];

/** A call that fails greeting and identity (the prescription before any identifier). */
export const POOR_CALL: Line[] = [
	['agent', 0, 'Hello, what do you need?'],
	['patient', 4, 'I need my refill.'],
	['agent', 8, 'Your lisinopril prescription is ready.'],
	['agent', 12, 'Okay, bye.']
];
