// Survey comments that tell the contact's story: templates with slots per topic, in English,
// Spanish and the odd mixed sentence. Topics come from what happened (a long hold, a wrong dose,
// a rude or kind agent, a late delivery, an insurance denial, a pharmacist who took time), so a
// comment never contradicts its scores. Some carry commas, quotes and line breaks on purpose.
import type { Rng } from './random.ts';

export type Topic =
	| 'longHold'
	| 'longQueue'
	| 'wrongDose'
	| 'rude'
	| 'kind'
	| 'lateDelivery'
	| 'denial'
	| 'pharmacist'
	| 'repeat'
	| 'quickFix'
	| 'notFixed'
	| 'neutral';

export type Lang = 'en' | 'es' | 'mix';

const T: Record<Topic, Record<Lang, string[]>> = {
	longHold: {
		en: [
			'I was on hold for {wait} minutes just to ask about my {drug}.',
			'Put on hold for {wait} minutes, twice. Way too long.',
			'The hold music, {wait} minutes of it, is not customer service.',
			'Waited on hold {wait} min while "checking with the pharmacy".'
		],
		es: [
			'Me dejaron en espera {wait} minutos solo para preguntar por mi {drug}.',
			'Estuve {wait} minutos en espera, demasiado tiempo.'
		],
		mix: ['Estuve on hold like {wait} minutes, muy largo.']
	},
	longQueue: {
		en: [
			'It took {wait} minutes before anyone even answered.',
			'Long wait to get through, {wait} minutes in the queue.',
			'Nobody picked up for ages ({wait} minutes).'
		],
		es: [
			'Tardaron {wait} minutos en contestar.',
			'La espera para hablar con alguien fue de {wait} minutos.'
		],
		mix: ['Waited {wait} minutes para que alguien contestara.']
	},
	wrongDose: {
		en: [
			'I was given the wrong dose of {drug}, {dose} instead of {dose2}. That is scary.',
			'Wrong strength of {drug} in my bag. I almost took it.',
			'My {drug} label said {dose} but my doctor prescribed {dose2}, how does that happen?'
		],
		es: [
			'Me dieron la dosis equivocada de {drug}, {dose} en vez de {dose2}. Me asusté mucho.',
			'La etiqueta de mi {drug} tenía la dosis incorrecta.'
		],
		mix: ['They gave me the wrong dose de {drug}, {dose} en vez de {dose2}!']
	},
	rude: {
		en: [
			'{staff} was rude and kept interrupting me.',
			'The agent was dismissive, basically said "not my problem".',
			'{staff} sounded annoyed that I called at all.',
			'Very rude person on the phone, I felt rushed.'
		],
		es: [
			'{staff} fue muy grosero conmigo.',
			'La persona que me atendió fue maleducada y no me escuchó.'
		],
		mix: ['The agent was muy grosero, no me dejó hablar.']
	},
	kind: {
		en: [
			'{staff} was so kind and patient with me.',
			'{staff} was wonderful, explained everything, and even called back to check.',
			'Friendly, caring agent. Thank you {staff}!',
			'{staff} made a stressful day a lot easier.'
		],
		es: ['{staff} fue muy amable y paciente conmigo.', 'Muy buena atención de {staff}, gracias.'],
		mix: ['{staff} was muy amable, thank you so much!', 'Gracias {staff}, great help.']
	},
	lateDelivery: {
		en: [
			'My {drug} delivery was {days} days late, again.',
			'The delivery never showed up on the day promised; {days} days without my {drug}.',
			'Tracking said "out for delivery" for {days} days.'
		],
		es: [
			'Mi entrega de {drug} llegó con {days} días de retraso.',
			'El pedido llegó {days} días tarde otra vez.'
		],
		mix: ['My delivery llegó {days} días tarde.']
	},
	denial: {
		en: [
			'Insurance denied my {drug} and nobody could explain why.',
			'Still waiting on the prior authorization for {drug}. Nobody seems to own it.',
			'They told me my plan does not cover {drug}, $' + '{amount} out of pocket is not an option.'
		],
		es: [
			'El seguro rechazó mi {drug} y nadie me explicó por qué.',
			'Sigo esperando la autorización para {drug}.'
		],
		mix: ['Insurance no cubre mi {drug}, and nobody explained why.']
	},
	pharmacist: {
		en: [
			'The pharmacist took the time to explain the side effects of {drug}. Very kind.',
			'Got through to a pharmacist quickly, who answered all my questions about {drug}.',
			'The pharmacist was kind and reassuring, and she followed up the next day.'
		],
		es: [
			'La farmacéutica me explicó con paciencia los efectos de {drug}.',
			'El farmacéutico fue muy amable y claro.'
		],
		mix: ['The pharmacist me explicó todo sobre {drug}, muy amable.']
	},
	repeat: {
		en: [
			'This is the second time I have called about this.',
			'Third call this week for the same problem.',
			'I had to call back because nobody fixed it the first time.'
		],
		es: [
			'Es la segunda vez que llamo por lo mismo.',
			'Tuve que llamar otra vez porque no lo resolvieron.'
		],
		mix: ['Second time calling por el mismo problema.']
	},
	quickFix: {
		en: [
			'Quick and easy, {drug} refill sorted in minutes.',
			'Problem solved on the first call. Thanks!',
			'Fast, clear, done.',
			'Easy process, my {drug} was ready the same day.',
			'{staff} sorted out my {drug} in one call, thank you.',
			'Great service as always.',
			'Really helpful, I did not expect it to be this easy.',
			'No hassle at all. The {drug} refill was ready when they said.'
		],
		es: [
			'Rápido y fácil, resolvieron todo en una llamada.',
			'Todo bien, mi {drug} estuvo listo el mismo día.'
		],
		mix: ['Muy rápido, refill done in minutes.']
	},
	notFixed: {
		en: [
			'Still not fixed. I have to call back tomorrow.',
			'Nobody could help me, and I still do not have my {drug}.',
			'They said someone would call me back, nobody did.',
			'Spent my lunch break on this and it is still not sorted.',
			'I got a different answer from every person I spoke to.'
		],
		es: ['Todavía no está resuelto.', 'Nadie pudo ayudarme y sigo sin mi {drug}.'],
		mix: ['Still no {drug}, nadie me ayudó.']
	},
	neutral: {
		en: [
			'It was ok.',
			'Fine, nothing special.',
			'Got what I needed, eventually.',
			'Average experience.',
			'Took a while, but fine in the end.'
		],
		es: ['Estuvo bien.', 'Normal, nada especial.'],
		mix: ['Ok, todo bien.']
	}
};

const DOSES = ['5 mg', '10 mg', '20 mg', '40 mg', '80 mg', '500 mg', '1000 mg'];

/** How a patient names an agent whose name they did not catch. */
const STAFF: Record<Lang, string> = { en: 'the agent', es: 'el agente', mix: 'the agent' };

export interface CommentSlots {
	drug: string;
	staff: string | null;
	waitMinutes: number;
	lateDays: number;
}

export function writeComment(rng: Rng, topics: Topic[], lang: Lang, slots: CommentSlots): string {
	const parts = topics.map((topic) => {
		const options = T[topic][lang].length > 0 ? T[topic][lang] : T[topic].en;
		const text = fill(rng, rng.pick(options), { ...slots, staff: slots.staff ?? STAFF[lang] });
		return text.charAt(0).toUpperCase() + text.slice(1);
	});
	// A few people write in paragraphs: exercises quoted newlines in CSV and escapes in JSON.
	const glue = parts.length > 1 && rng.chance(0.15) ? '\n' : ' ';
	return parts.join(glue);
}

function fill(rng: Rng, template: string, slots: CommentSlots & { staff: string }): string {
	const [dose, dose2] = pickTwo(rng, DOSES);
	return template
		.replaceAll('{drug}', slots.drug)
		.replaceAll('{staff}', slots.staff)
		.replaceAll('{wait}', String(slots.waitMinutes))
		.replaceAll('{days}', String(slots.lateDays))
		.replaceAll('{dose}', dose)
		.replaceAll('{dose2}', dose2)
		.replaceAll('{amount}', String(rng.int(6, 40) * 10));
}

function pickTwo<T>(rng: Rng, items: readonly T[]): [T, T] {
	const i = rng.int(0, items.length - 1);
	const j = (i + rng.int(1, items.length - 1)) % items.length;
	return [items[i], items[j]];
}
