// Transcripts for a sample of handled voice and chat contacts (about 2,500 over 90 days, with
// complaints, medication errors and side effects oversampled for QA). Each is 6–24 turns; the
// patient starts calm or upset and ends relieved or still angry as the contact went. Agents vary
// with their skill: good ones greet with their name and the pharmacy, verify two identifiers
// before discussing a prescription, announce holds and thank the patient after, acknowledge an
// upset patient, recap and ask "anything else"; poor ones skip some of that, check identity late
// or with one identifier, or say things a QA lead forbids. Offsets follow speech (transcript-timing.ts).
import { logistic, Rng } from './random.ts';
import type { Patient, Reason } from './world.ts';
import type { Contact } from './story.ts';
import * as L from './script-lines.ts';
import { placeTurns, type Pause } from './transcript-timing.ts';

export interface Turn {
	interactionId: string;
	turn: number;
	speaker: 'agent' | 'patient' | 'system';
	offset: number;
	text: string;
}

const FOCUS: Reason[] = ['complaint', 'medication_error', 'side_effects'];
/** What a patient with no fills on record asks about (calls and written threads). */
export const COMMON_DRUGS = ['atorvastatin', 'lisinopril', 'metformin', 'amlodipine', 'omeprazole'];
const MAX_TURNS = 24;

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
		// Each call draws from its own stream: one script's length never shifts another call.
		const own = new Rng(seed, `transcript:${c.id}`);
		const patient = patients[c.patient as number];
		const drugs = drugsOf.get(patient.id);
		const drug = drugs?.length ? own.pick(drugs) : own.pick(COMMON_DRUGS);
		const lines = script(own, c, patient, drug);
		const offsets = placeTurns(
			own,
			lines.map(([speaker, text, pause]) => ({ speaker, text, pause })),
			c.talk ?? 60,
			c.story.skill
		);
		lines.forEach((line, i) => {
			out.push({
				interactionId: c.id,
				turn: i,
				speaker: line[0],
				offset: offsets[i],
				text: line[1]
			});
		});
	}
	return out;
}

type Line = [Turn['speaker'], string, Pause?];

function script(rng: Rng, c: Contact, patient: Patient, drug: string): Line[] {
	const st = c.story;
	const agent = c.agent?.name ?? 'Sam';
	const first = patient.name.split(' ')[0];
	const zip = String(10000 + rng.int(0, 89999));
	const fillSlots = (t: string) =>
		t
			.replaceAll('{drug}', drug)
			.replaceAll('{agent}', agent)
			.replaceAll('{first}', first)
			.replaceAll('{name}', patient.name)
			.replaceAll('{born}', patient.born)
			.replaceAll('{zip}', zip)
			.replaceAll('{team}', c.team ?? 'general');
	const poor = st.skill < -0.8;
	const voice = c.channel === 'voice';
	const lines: Line[] = [];
	const say = (speaker: Turn['speaker'], text: string, pause?: Pause) =>
		lines.push([speaker, fillSlots(text), pause]);
	// An agent who cares says so on the next thing they say.
	let sorry = '';
	const agentSays = (text: string, pause?: Pause) => {
		say('agent', sorry + text, pause);
		sorry = '';
	};

	const waited = c.queue ?? 0;
	say(
		'system',
		voice
			? `Call connected from the {team} queue after ${minSec(waited)}.`
			: `Chat started from the app.\nQueue: {team}; wait ${minSec(waited)}.`
	);
	const sloppy = rng.chance(logistic(-2.4 - 1.3 * st.skill));
	const greetings = sloppy ? L.GREETING_SLOPPY : L.GREETING;
	say('agent', st.rude ? L.RUDE_GREETING : rng.pick(voice ? greetings.voice : greetings.chat));
	const upset =
		st.longQueue ||
		st.repeat ||
		st.wrongDose ||
		st.lateDelivery ||
		c.reason === 'complaint' ||
		rng.chance(0.15);
	const opener = L.OPENERS[c.reason][upset ? 'upset' : 'calm'].map((t) =>
		voice ? t : t.replace("I'm calling", "I'm writing")
	);
	say('patient', (patient.spanish && rng.chance(0.4) ? 'Hola, sí. ' : '') + rng.pick(opener));
	const clinical = c.reason === 'medication_error' || c.reason === 'side_effects';
	const caring = logistic(0.6 + 1.5 * st.skill + (st.kind ? 1.5 : 0));
	if ((upset || clinical) && !st.rude && rng.chance(caring)) sorry = `${rng.pick(L.EMPATHY)} `;

	const work = rng.pick(L.WORK[c.reason]);
	if (st.verified) {
		const check = rng.pick(L.VERIFY_TWO);
		agentSays(check.ask);
		say('patient', check.answer);
		say('agent', 'Thank you, {first}, I have your profile.');
		say('agent', work, 'lookup');
	} else {
		const miss = rng.next();
		if (miss < 0.25) {
			agentSays(L.VERIFY_ONE.ask);
			say('patient', L.VERIFY_ONE.answer);
			say('agent', 'Thanks.');
			say('agent', work, 'lookup');
		} else {
			agentSays('Okay, let me pull that up.');
			say('agent', work, 'lookup');
			if (miss < 0.5) {
				say('agent', L.VERIFY_LATE.ask);
				say('patient', L.VERIFY_LATE.answer);
			}
		}
	}
	if ((c.hold ?? 0) > 0 && voice) holds(rng, c.hold ?? 0, poor, say);

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
		if (!st.rude && !poor && rng.chance(caring)) sorry = `${rng.pick(L.EMPATHY_AT_END)} `;
	}
	closing(rng, c, poor, agentSays, say);
	return lines.slice(0, MAX_TURNS);
}

type Say = (speaker: Turn['speaker'], text: string, pause?: Pause) => void;

/** One hold, or now and then several; each announced (or not), and thanked (or not) after. */
function holds(rng: Rng, total: number, poor: boolean, say: Say): void {
	const count = rng.chance(0.1) ? rng.int(2, 5) : 1;
	const cuts = Array.from({ length: count }, () => rng.uniform(0.5, 1.5));
	const sum = cuts.reduce((a, b) => a + b, 0);
	for (const cut of cuts) {
		const seconds = Math.max(5, Math.round((total * cut) / sum));
		if (rng.chance(poor ? 0.35 : 0.85)) say('agent', rng.pick(L.HOLD_ASK));
		say('system', `Patient placed on hold (${minSec(seconds)}).`, 'hold');
		say('agent', rng.chance(poor ? 0.25 : 0.9) ? rng.pick(L.HOLD_THANKS) : rng.pick(L.HOLD_BACK));
	}
}

/** A recap and "anything else" from most agents; the poor ones just hang up. */
function closing(
	rng: Rng,
	c: Contact,
	poor: boolean,
	agentSays: (text: string) => void,
	say: Say
): void {
	const st = c.story;
	if (!poor && !st.rude && rng.chance(logistic(0.4 + 1.6 * st.skill))) {
		const key =
			c.disposition === 'resolved'
				? c.reason
				: c.disposition === 'abandoned'
					? 'unresolved'
					: c.disposition;
		agentSays(rng.pick(L.RECAP_LEAD).replace('{recap}', L.RECAP[key]));
	}
	if (!poor && rng.chance(0.9)) {
		agentSays(rng.pick(L.ANYTHING_ELSE));
		say(
			'patient',
			c.disposition === 'resolved' || c.disposition === 'escalated'
				? "No, that's all. Thanks."
				: 'No.'
		);
	}
	agentSays(st.rude || poor ? 'Okay, bye.' : 'Thank you for contacting CareLoop, take care.');
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
