// What happened in one contact, beyond the columns: the facts that surveys, comments and
// transcripts must agree with. Interactions decide them; the other writers only read them.
import { patientId, type Agent, type Reason, type Team } from './world.ts';
import { formatInstant } from './format.ts';
import type { Outcome } from './fills.ts';

export type Channel = 'voice' | 'chat' | 'sms' | 'app' | 'email';
export type Disposition =
	'resolved' | 'unresolved' | 'escalated' | 'transferred' | 'callback' | 'abandoned';

export interface Story {
	/** The agent's skill on that day (latent skill plus the slow improvement trend). */
	skill: number;
	rude: boolean;
	kind: boolean;
	/** The agent checked name and date of birth before discussing health information. */
	verified: boolean;
	longHold: boolean;
	longQueue: boolean;
	/** The patient already contacted us about this in the past week. */
	repeat: boolean;
	/** Handed to a pharmacist (side effects, medication errors). */
	pharmacist: boolean;
	denial: boolean;
	lateDelivery: boolean;
	wrongDose: boolean;
}

export interface Contact {
	id: string;
	at: number;
	channel: Channel;
	direction: 'inbound' | 'outbound';
	/** Index into the patient pool, or null for an unknown caller. */
	patient: number | null;
	agent: Agent | null;
	team: Team | null;
	reason: Reason;
	queue: number | null;
	talk: number | null;
	hold: number | null;
	wrap: number | null;
	disposition: Disposition;
	campaign: string | null;
	outcome: Outcome | null;
	story: Story;
}

export const NO_STORY: Story = {
	skill: 0,
	rude: false,
	kind: false,
	verified: false,
	longHold: false,
	longQueue: false,
	repeat: false,
	pharmacist: false,
	denial: false,
	lateDelivery: false,
	wrongDose: false
};

export const INTERACTION_COLUMNS = [
	'interaction_id',
	'started_at',
	'channel',
	'direction',
	'patient_id',
	'agent_id',
	'team',
	'reason',
	'queue_seconds',
	'talk_seconds',
	'hold_seconds',
	'wrap_seconds',
	'disposition',
	'campaign',
	'outcome'
] as const;

export function interactionRecord(c: Contact) {
	return {
		interaction_id: c.id,
		started_at: formatInstant(c.at),
		channel: c.channel,
		// E-mail rows leave direction empty: the contract reads a null direction as inbound.
		direction: c.channel === 'email' && c.direction === 'inbound' ? null : c.direction,
		patient_id: c.patient === null ? null : patientId(c.patient),
		agent_id: c.agent?.id ?? null,
		team: c.team,
		reason: c.reason,
		queue_seconds: c.queue,
		talk_seconds: c.talk,
		hold_seconds: c.hold,
		wrap_seconds: c.wrap,
		disposition: c.disposition,
		campaign: c.campaign,
		outcome: c.outcome
	};
}
