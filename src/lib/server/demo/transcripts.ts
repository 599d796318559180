// Transcripts for a sample of handled voice and chat contacts (about 2,500 over 90 days, with
// complaints, medication errors and side effects oversampled for QA). Each is 6–14 turns; the
// patient starts calm or upset and ends relieved or still angry as the contact went; good agents
// verify name and date of birth and escalate medication errors and side effects to a pharmacist,
// poor agents sometimes skip the check or give unsafe advice. Offsets rise within talk time.
import { Rng } from './random.ts';
import type { Patient, Reason } from './world.ts';
import type { Contact } from './story.ts';
import * as L from './script-lines.ts';

export interface Turn {
	interactionId: string;
	turn: number;
	speaker: 'agent' | 'patient' | 'system';
	offset: number;
	text: string;
}

const FOCUS: Reason[] = ['complaint', 'medication_error', 'side_effects'];
const COMMON_DRUGS = ['atorvastatin', 'lisinopril', 'metformin', 'amlodipine', 'omeprazole'];

export function generateTranscripts(
	seed: number,
	contacts: Contact[],
	patients: Patient[],
	drugsOf: Map<string, string[]>,
	days: number
): Turn[] {
	const rng = new Rng(seed, 'transcripts');
	const eligible = contacts.filter(
		(c) =>
			c.direction === 'inbound' &&
			c.agent &&
			c.patient !== null &&
			(c.channel === 'voice' || c.channel === 'chat')
	);
	const weight = (c: Contact) => (FOCUS.includes(c.reason) ? 3 : 1);
	const target = Math.max(40, Math.round((2500 * days) / 90));
	const scale = target / eligible.reduce((s, c) => s + weight(c), 0);
	const out: Turn[] = [];
	for (const c of eligible) {
		if (!rng.chance(Math.min(1, weight(c) * scale))) continue;
		const patient = patients[c.patient as number];
		const drugs = drugsOf.get(patient.id);
		const drug = drugs?.length ? rng.pick(drugs) : rng.pick(COMMON_DRUGS);
		const lines = script(rng, c, patient, drug);
		const talk = c.talk ?? 60;
		lines.forEach((line, i) => {
			// Evenly spaced slots with jitter inside each slot keep offsets strictly increasing.
			const offset = i === 0 ? 0 : (talk * (i + rng.uniform(0, 0.8))) / lines.length;
			out.push({
				interactionId: c.id,
				turn: i,
				speaker: line[0],
				offset: Math.round(offset * 10) / 10,
				text: line[1]
			});
		});
	}
	return out;
}

type Line = [Turn['speaker'], string];

function script(rng: Rng, c: Contact, patient: Patient, drug: string): Line[] {
	const st = c.story;
	const agent = c.agent?.name ?? 'Sam';
	const first = patient.name.split(' ')[0];
	const fillSlots = (t: string) =>
		t
			.replaceAll('{drug}', drug)
			.replaceAll('{agent}', agent)
			.replaceAll('{first}', first)
			.replaceAll('{team}', c.team ?? 'general');
	const poor = st.skill < -0.8;
	const lines: Line[] = [];
	const say = (speaker: Turn['speaker'], text: string) => lines.push([speaker, fillSlots(text)]);

	const waited = c.queue ?? 0;
	say(
		'system',
		c.channel === 'voice'
			? `Call connected from the {team} queue after ${minSec(waited)}.`
			: `Chat started from the app.\nQueue: {team}; wait ${minSec(waited)}.`
	);
	say(
		'agent',
		st.rude
			? 'CareLoop Pharmacy, what do you need?'
			: c.channel === 'voice'
				? 'Thank you for calling CareLoop Pharmacy, this is {agent}. How can I help you today?'
				: "Hi, you're chatting with {agent} from CareLoop Pharmacy. How can I help?"
	);
	const upset =
		st.longQueue ||
		st.repeat ||
		st.wrongDose ||
		st.lateDelivery ||
		c.reason === 'complaint' ||
		rng.chance(0.15);
	const opener = L.OPENERS[c.reason][upset ? 'upset' : 'calm'].map((t) =>
		c.channel === 'chat' ? t.replace("I'm calling", "I'm writing") : t
	);
	say('patient', (patient.spanish && rng.chance(0.4) ? 'Hola, sí. ' : '') + rng.pick(opener));

	if (st.verified) {
		say('agent', 'I can help with that. Can I have your full name and date of birth, please?');
		say('patient', `${patient.name}, ${patient.born}.`);
		say('agent', 'Thank you, {first}, I have your profile.');
	} else {
		say('agent', 'Okay, let me pull that up.');
	}
	say('agent', rng.pick(L.WORK[c.reason]));
	if ((c.hold ?? 0) > 0 && c.channel === 'voice') {
		say('system', `Patient placed on hold (${minSec(c.hold ?? 0)}).`);
		if (!poor) say('agent', 'Thank you for holding.');
	}

	const clinical = c.reason === 'medication_error' || c.reason === 'side_effects';
	if (c.disposition === 'escalated') {
		say(
			'agent',
			"I'm going to connect you with our pharmacist now so they can review this with you."
		);
		say('system', 'Transferred to the pharmacist on duty.');
		say(
			'agent',
			c.reason === 'side_effects' ? L.PHARMACIST.side_effects : L.PHARMACIST.medication_error
		);
		say('patient', rng.pick(L.CALMER));
	} else if (c.disposition === 'resolved') {
		if (clinical && poor) say('agent', rng.pick(L.UNSAFE_ADVICE));
		else say('agent', L.RESOLVED[c.reason]);
		say('patient', rng.pick(patient.spanish && rng.chance(0.5) ? L.RELIEVED_ES : L.RELIEVED));
	} else {
		if (clinical && poor) say('agent', rng.pick(L.UNSAFE_ADVICE));
		const kind =
			c.disposition === 'callback' || c.disposition === 'transferred'
				? c.disposition
				: st.rude
					? 'rude'
					: 'unresolved';
		say('agent', rng.pick(L.NOT_RESOLVED[kind]));
		say('patient', rng.pick(L.ANGRY));
	}
	if (!poor && lines.length < 13) {
		say('agent', 'Is there anything else I can help you with today?');
		say(
			'patient',
			c.disposition === 'resolved' || c.disposition === 'escalated'
				? "No, that's all. Thanks."
				: 'No.'
		);
	}
	say('agent', st.rude || poor ? 'Okay, bye.' : 'Thank you for contacting CareLoop, take care.');
	while (lines.length < 6)
		lines.splice(lines.length - 1, 0, ['agent', 'Let me note that on your profile.']);
	return lines.slice(0, 14);
}

function minSec(seconds: number): string {
	const m = Math.floor(seconds / 60);
	const s = Math.round(seconds % 60);
	return m > 0 ? `${m}m ${s}s` : `${s}s`;
}

export const TRANSCRIPT_COLUMNS = [
	'interaction_id',
	'turn',
	'speaker',
	'offset_seconds',
	'text'
] as const;

export function turnRecord(t: Turn) {
	return {
		interaction_id: t.interactionId,
		turn: t.turn,
		speaker: t.speaker,
		offset_seconds: t.offset,
		text: t.text
	};
}
