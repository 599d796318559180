// Neutral training text: the corpora are movie sentences and drug reviews, which are almost
// never neutral, while most contact-centre turns are ("let me check that for you", "my date of
// birth is …"). These templates, filled from small slot lists with a seeded generator, teach
// the neutral label in English and Spanish. Written by hand for this purpose; never evaluated on.
import { seededRandom } from './features.ts';

const EN = [
	'I am calling about my refill of {drug}.',
	'Can you tell me when my {drug} prescription will be ready?',
	'Let me check that for you, one moment please.',
	'My date of birth is {date}.',
	'I need to transfer my prescription to the store on {street}.',
	'Could you confirm my address for the delivery?',
	'The order number is {number}.',
	'I would like to know the copay for {drug}.',
	'Your refill is scheduled for {day}.',
	'Is this the right number for the pharmacy?',
	'I am calling on behalf of my {relative}.',
	'Please hold while I look up your account.',
	'The doctor sent the prescription on {day}.',
	'How many refills do I have left on {drug}?',
	'Can I pick it up on {day} at {time}?',
	'We will send a text message when it is ready.',
	'Okay, I see the prescription in the system.',
	'What is the phone number of my doctor on file?',
	'I take {drug} once a day in the morning.',
	'The insurance card ends in {number}.',
	'Do you need the member id as well?',
	'I have a question about the dosage of {drug}.',
	'Your total today is {number} dollars.',
	'It will be shipped by standard mail.',
	'Can you spell your last name for me?',
	'I will put a note on your account.',
	'The store opens at {time} on {day}.',
	'Is there anything else I can help you with today?',
	'The prior authorization was sent to your insurer on {day}.',
	'I usually pick up my {drug} at the store on {street}.'
];

const ES = [
	'Llamo por la receta de {drug}.',
	'¿Me puede decir cuándo estará lista mi receta de {drug}?',
	'Permítame revisar, un momento por favor.',
	'Mi fecha de nacimiento es {date}.',
	'Necesito transferir mi receta a la tienda de {street}.',
	'¿Puede confirmar mi dirección para la entrega?',
	'El número de pedido es {number}.',
	'Quisiera saber el copago de {drug}.',
	'Su resurtido está programado para el {day}.',
	'Llamo de parte de mi {relative}.',
	'El médico envió la receta el {day}.',
	'¿Cuántos resurtidos me quedan de {drug}?',
	'¿Puedo recogerla el {day} a las {time}?',
	'Le enviaremos un mensaje cuando esté lista.',
	'Tomo {drug} una vez al día por la mañana.',
	'Tengo una pregunta sobre la dosis de {drug}.',
	'¿Hay algo más en que le pueda ayudar?',
	'La tienda abre a las {time} el {day}.'
];

const SLOTS: Record<string, string[]> = {
	drug: ['metformin', 'lisinopril', 'atorvastatin', 'insulin', 'amlodipine', 'losartan', 'levothyroxine', 'omeprazole'],
	date: ['March 4, 1956', '12/07/1948', 'June 21', '3 de mayo de 1960', 'October 30'],
	street: ['Main Street', 'Oak Avenue', 'Calle Mayor', '5th Street', 'Elm Road'],
	number: ['4821', '77', '1093', '35', '250'],
	day: ['Monday', 'Tuesday', 'Friday', 'lunes', 'jueves', 'sábado', 'tomorrow'],
	time: ['9 am', '10:30', '2 pm', '8', '11'],
	relative: ['mother', 'father', 'husband', 'wife', 'mamá', 'papá', 'esposo', 'hija']
};

export function neutralTemplates(count: number, seed: number): string[] {
	const random = seededRandom(seed ^ 0x5eed);
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const template = random() < 0.35 ? pick(ES) : pick(EN);
		out.push(template.replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot] ?? [''])));
	}
	return out;
}
