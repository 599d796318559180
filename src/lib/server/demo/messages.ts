// Message threads for the demo's email, SMS and app contacts, written as transcript rows (one row
// per message; the contract's transcripts kind fits any channel), so a QA lead has something to
// judge for every handled written contact, not only for calls. A thread is 2–5 messages: the
// patient's request, the agent's answer (verifying identity first when health information
// follows, or not, as the story says), sometimes a follow-up, and a close that matches the
// disposition. Messages come minutes (SMS, app) or hours (email) apart. The agent's first message
// opens with their name and the pharmacy, as the calls' greetings do; a less skilled agent now and
// then leaves one out (the same odds as on calls), and a rude one never greets. Patient wording
// names nobody except in the identity check, so most texts repeat and score once (the sentiment
// cache keys on the text).
import { Rng, logistic } from './random.ts';
import type { Patient, Reason } from './world.ts';
import type { Contact } from './story.ts';
import { COMMON_DRUGS, type Turn } from './transcripts.ts';

const ASK: Record<Reason, string[]> = {
	refill: [
		'Hi, can you refill my {drug}? I am almost out.',
		'I need a refill of {drug} please, my last one ran out.',
		'Is my {drug} refill ready? The app still says processing.'
	],
	insurance: [
		'My insurance changed this month. Do you have the new card on file?',
		'Why does my plan say {drug} is not covered anymore?'
	],
	billing: [
		'I was charged twice for my last order. Can you check?',
		'My copay for {drug} went up a lot. Is that right?'
	],
	delivery: [
		'My delivery was supposed to come yesterday and it never arrived.',
		'Where is my package? Tracking has not moved in two days.'
	],
	side_effects: [
		'Since starting {drug} I feel dizzy in the mornings. Is that normal?',
		'I have a rash since the new {drug}. Should I stop taking it?'
	],
	prior_auth: [
		'My doctor sent the prior authorization for {drug}. Any news?',
		'Still waiting on the prior auth for {drug}, it has been a week.'
	],
	transfer_rx: [
		'I want to move my {drug} prescription to your pharmacy.',
		'Can you transfer my prescriptions from my old pharmacy?'
	],
	complaint: [
		'This is the third time my order is late. Really disappointed with the service.',
		'Nobody called me back like you promised. Very frustrating.',
		'I waited over an hour at the counter and was treated rudely.'
	],
	medication_error: [
		'The {drug} I got looks different and the label says a different strength. Wrong dose?',
		'I think I was given the wrong pills, the bottle says {drug} but these are not mine.'
	],
	general: ['What are your opening hours on Sunday?', 'Can I pick up for my mother too?'],
	other: ['Quick question about my account, who can help?', 'Can I change my email address?']
};

const VERIFY =
	'Happy to help. To protect your privacy, please confirm your full name and date of birth.';
const VERIFIED_REPLY = 'Thank you, I have found your profile.';

const ANSWER: Record<Reason, string> = {
	refill: 'Your {drug} refill is approved and will be ready for pick-up this afternoon.',
	insurance: 'I have updated your plan with the new card; the next fill will bill correctly.',
	billing: 'You are right, there was a duplicate charge. I have refunded it; allow 3 to 5 days.',
	delivery:
		'The courier missed the drop. I have resent the order with next-day delivery at no cost.',
	side_effects:
		'A pharmacist will call you today to go over this with you. Please do not stop the medicine before you talk.',
	prior_auth: 'The prior authorization was approved this morning; your {drug} is being prepared.',
	transfer_rx: 'The transfer is requested; we will text you when it is ready.',
	complaint:
		'I am sorry about this. I have escalated it to the store manager, who will call you back today.',
	medication_error:
		'Please do not take any more of it. I have passed this to the pharmacist on duty, who will call you right away.',
	general:
		'We are open 9 to 5 on Sundays. Yes, you can pick up for a family member with their date of birth.',
	other: 'Done, your contact details are updated.'
};

const RUDE_ANSWER = 'You need to call the store for that.';
const NOT_DONE = [
	'I could not finish this today; someone will get back to you tomorrow.',
	'I have passed this to another team who will reply.'
];
const FOLLOW_UP = {
	ok: ['Great, thank you!', 'Thanks for sorting that out.', 'Perfect, thanks.'],
	unhappy: [
		'That is not good enough.',
		'So I still have to wait? Unbelievable.',
		'Okay, but please hurry.'
	]
};
const CLOSE = 'Is there anything else I can help you with?';

/**
 * Openings of the agent's first message: name and pharmacy, or (sloppy) one of them missing. No
 * patient name, so a text repeats per agent and the sentiment cache still scores it once.
 */
const OPENING = {
	good: [
		'Hi, this is {agent} at CareLoop Pharmacy.',
		'Hello, {agent} here from CareLoop Pharmacy.'
	],
	sloppy: ['Hi.', 'Hi, {agent} here.', 'Thanks for contacting CareLoop Pharmacy.']
};

/** Gap before message i, in seconds: minutes apart for SMS and app, hours for email. */
function gap(rng: Rng, channel: string): number {
	return channel === 'email' ? rng.lognormal(3600, 0.8) : rng.lognormal(240, 0.9);
}

export function generateMessages(
	seed: number,
	contacts: Contact[],
	patients: Patient[],
	drugsOf: Map<string, string[]>
): Turn[] {
	const rng = new Rng(seed, 'messages');
	const out: Turn[] = [];
	for (const c of contacts) {
		if (c.direction !== 'inbound' || !c.agent || c.patient === null) continue;
		if (c.channel !== 'email' && c.channel !== 'sms' && c.channel !== 'app') continue;
		if (c.disposition === 'abandoned') continue;
		const patient = patients[c.patient];
		const drugs = drugsOf.get(patient.id) ?? [];
		// A patient with no fills on record still asks about a named drug ("my your medicine" read badly).
		const drug = drugs.length ? rng.pick(drugs) : rng.pick(COMMON_DRUGS);
		const fill = (t: string) => t.replaceAll('{drug}', drug);
		const health = !['general', 'other', 'delivery', 'billing'].includes(c.reason);
		const lines: [Turn['speaker'], string][] = [['patient', fill(rng.pick(ASK[c.reason]))]];
		if (c.story.rude) lines.push(['agent', RUDE_ANSWER]);
		else {
			const sloppy = rng.chance(logistic(-2.4 - 1.3 * c.story.skill));
			const opening = rng
				.pick(sloppy ? OPENING.sloppy : OPENING.good)
				.replaceAll('{agent}', c.agent.name);
			const firstAgent = lines.length;
			if (health && c.story.verified) {
				lines.push(['agent', VERIFY]);
				lines.push(['patient', `${patient.name}, ${patient.born}.`]);
				lines.push(['agent', VERIFIED_REPLY]);
			}
			const done = c.disposition === 'resolved' || c.disposition === 'escalated';
			lines.push(['agent', done ? fill(ANSWER[c.reason]) : rng.pick(NOT_DONE)]);
			const happy = done && !c.story.repeat && !c.story.lateDelivery;
			if (rng.chance(0.6))
				lines.push(['patient', rng.pick(happy ? FOLLOW_UP.ok : FOLLOW_UP.unhappy)]);
			if (c.story.kind || rng.chance(0.5)) lines.push(['agent', CLOSE]);
			lines[firstAgent][1] = `${opening} ${lines[firstAgent][1]}`;
		}
		let offset = 0;
		lines.forEach(([speaker, text], i) => {
			if (i > 0) offset += gap(rng, c.channel);
			out.push({ interactionId: c.id, turn: i, speaker, offset: Math.round(offset), text });
		});
	}
	return out;
}
