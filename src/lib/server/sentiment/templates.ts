// Contact-centre training text written by hand for this purpose (never evaluated on). The
// corpora are movie sentences and drug reviews: almost never neutral, while most contact-centre
// turns are ("let me check that for you", "my date of birth is …"), and never about holds,
// refills or rude agents, nor in Spanish. These templates, filled from small slot lists with a
// seeded generator, teach the neutral label and the praise and complaints of pharmacy care in
// English and Spanish, negations included ("no problems", "not helpful", "sin problemas").
import { seededRandom } from './features.ts';
import { LABELS, type Label } from './labels.ts';

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

// Added in the service-turns round, used when training asks for them (callTemplates): the small
// talk of a call itself. Without it the model reads a patient's plain question, or their name and
// date of birth, as a complaint (names are mostly seen in movie reviews), and an agent's "I'm
// back" as negative.
const CALL_EN = [
	'Hi, do you have {drug} in stock right now?',
	'Is there a generic for {drug}?',
	'{First} {Last}.',
	'It is {First} {Last}, date of birth {date}.',
	'My name is {First} {Last}.',
	'{Last}, first name {First}.',
	'Sure, it is spelled {letters}.',
	'Thank you for calling the pharmacy, this is {First}.',
	'Pharmacy, {First} speaking, how can I help you?',
	'Who am I speaking with today?',
	'Can you verify your date of birth for me?',
	'One moment while I pull up your profile.',
	'I am going to place you on hold for a moment.',
	'Okay, I am back, thanks for waiting.',
	'Thanks for holding, I have your account here.',
	'Okay, sure.',
	'Alright, got it.',
	'Yes.',
	'Right, the {drug}.',
	'Let me look into that.',
	'I will transfer you to the {team} team.',
	'A pharmacist will call you back about the {drug}.',
	'What is the price of {drug} without insurance?',
	'Do you take {plan}?',
	'The claim went to {plan} on {day}.',
	'Is it the {number} milligram tablet?',
	'I have about {count} pills left.',
	'When does my next refill come due?',
	'Could you send it to my other address?',
	'I am calling back about the message you left me.'
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

const POSITIVE_EN = [
	'The {staff} was {good} and {good}.',
	'{Good} service, thank you so much.',
	'Thank you, the {staff} was really {good}.',
	'My {drug} refill was ready on time, no problems at all.',
	'No complaints, everything was handled {quickly}.',
	'The delivery arrived {early} and nothing was missing.',
	'I appreciate how {good} the {staff} was with my {relative}.',
	'They fixed my insurance issue in one call, great job.',
	'Not a single problem this time, {good} experience.',
	'Happy with the service, the {staff} explained everything.',
	'The {staff} went out of their way to help me.',
	'Quick answer and very {good} {staff}, thanks!',
	// Added by a second engineer (hand-written, like the rest): short thanks for a resolved
	// issue, where "problem", "issue" or "mix-up" must not pull towards negative.
	'{Thanks}, the {staff} sorted out my {issue} {quickly}.',
	'{Issue} fixed on the first call. {Thanks}!',
	'Perfect, that clears up my {issue}, {thanks}.',
	'The {issue} is resolved now, really appreciate it.',
	'All sorted, {thanks} for taking care of the {issue}.',
	'Wonderful, my {issue} got fixed without any hassle.',
	'That solves it, {thanks} so much for your patience.',
	'The {staff} got my {issue} straightened out, {good} job.',
	'Glad that is taken care of, {thanks}!',
	'Awesome, the {drug} is ready and the {issue} is gone. {Thanks}!'
];

// Added by a second engineer: lukewarm verdicts on the service, neither praise nor complaint.
const MILD_EN = [
	'It was {ok}.',
	'The service was {ok}, nothing special.',
	'{Ok}, I guess.',
	'The call was {ok}, about what I expected.',
	'Pickup was {ok}, the usual wait.',
	'It was an average visit to the pharmacy.',
	'Nothing to add, it was {ok}.',
	'The {staff} was {ok}, neither good nor bad.'
];
const MILD_ES = [
	'Estuvo {ok_es}.',
	'El servicio fue normal, nada especial.',
	'Todo {ok_es}, lo de siempre.',
	'La llamada estuvo {ok_es}.'
];

const NEGATIVE_EN = [
	'The {staff} was {bad} and did not help me.',
	'{Bad} service, I waited {wait} minutes on hold.',
	'My {drug} refill was not ready again.',
	'Nobody called me back about my {drug}.',
	'Not helpful at all, I had to call {count} times.',
	'The delivery never arrived and I ran out of {drug}.',
	'They charged me twice and nobody could explain it.',
	'I was transferred {count} times and the problem is still not fixed.',
	'Very disappointed, the {staff} was {bad}.',
	'I am fed up, this is the worst pharmacy I have used.',
	'Wrong dose of {drug} in my bag, that is dangerous.',
	'Still waiting, no one answers the phone.',
	// Added by a second engineer (hand-written): delays and broken promises, plainly worded.
	'The {drug} delivery came {count} days late.',
	'Late again, I had to go without my {drug} for the weekend.',
	'You said it would be ready on {day} and it was not.',
	'The {issue} is still there after {count} calls.'
];

const POSITIVE_ES = [
	'El {staff_es} fue muy {good_es} y {good_es}.',
	'Excelente servicio, muchas gracias.',
	'Gracias, la atención fue {good_es}.',
	'Mi receta de {drug} estaba lista a tiempo, sin ningún problema.',
	'Sin quejas, todo se resolvió rápido.',
	'El pedido llegó temprano y completo.',
	'Me ayudaron mucho con el seguro, muy contenta.',
	'Muy buena atención, me explicaron todo.',
	'Todo bien, el {staff_es} fue muy {good_es}, gracias.',
	'Quedé muy satisfecho con el servicio.',
	// Added by a second engineer (hand-written): thanks for a resolved problem.
	'Gracias, ya me resolvieron el problema del {issue_es}.',
	'Problema resuelto en la primera llamada, muchas gracias.',
	'Perfecto, ya quedó arreglado, gracias por su paciencia.'
];

const NEGATIVE_ES = [
	'El {staff_es} fue muy {bad_es} y no me ayudó.',
	'Pésimo servicio, esperé {wait} minutos.',
	'Mi receta de {drug} no estaba lista otra vez.',
	'Nadie me devolvió la llamada.',
	'No me ayudaron para nada, tuve que llamar {count} veces.',
	'El pedido nunca llegó y me quedé sin {drug}.',
	'Me cobraron dos veces y nadie me explica nada.',
	'Muy mala atención, estoy muy molesta.',
	'Qué decepción, el problema sigue sin resolverse.',
	'Me dieron la dosis equivocada de {drug}, es peligroso.'
];

const SLOTS: Record<string, string[]> = {
	drug: [
		'metformin',
		'lisinopril',
		'atorvastatin',
		'insulin',
		'amlodipine',
		'losartan',
		'levothyroxine',
		'omeprazole'
	],
	date: ['March 4, 1956', '12/07/1948', 'June 21', '3 de mayo de 1960', 'October 30'],
	street: ['Main Street', 'Oak Avenue', 'Calle Mayor', '5th Street', 'Elm Road'],
	number: ['4821', '77', '1093', '35', '250'],
	day: ['Monday', 'Tuesday', 'Friday', 'lunes', 'jueves', 'sábado', 'tomorrow'],
	time: ['9 am', '10:30', '2 pm', '8', '11'],
	relative: ['mother', 'father', 'husband', 'wife', 'mamá', 'papá', 'esposo', 'hija'],
	staff: ['pharmacist', 'agent', 'technician', 'lady on the phone', 'representative'],
	staff_es: ['farmacéutico', 'agente', 'técnico', 'señor', 'representante'],
	good: ['kind', 'helpful', 'patient', 'friendly', 'professional', 'great', 'excellent', 'polite'],
	Good: ['Great', 'Excellent', 'Wonderful', 'Fast', 'Friendly', 'Very good'],
	good_es: ['amable', 'atento', 'paciente', 'profesional', 'rápido', 'excelente'],
	bad: ['rude', 'unhelpful', 'dismissive', 'slow', 'impatient', 'confused'],
	Bad: ['Terrible', 'Awful', 'Horrible', 'Poor', 'Very bad', 'Slow'],
	bad_es: ['grosero', 'lento', 'mal educado', 'impaciente', 'desagradable'],
	quickly: ['quickly', 'fast', 'in minutes', 'right away'],
	early: ['early', 'on time', 'a day early'],
	wait: ['20', '35', '45', '60', '90'],
	count: ['three', 'four', 'five', '3', '6'],
	Thanks: ['Thanks', 'Thank you', 'Great, thanks', 'Many thanks'],
	thanks: ['thanks', 'thank you', 'cheers', 'thanks a lot'],
	issue: ['problem', 'issue', 'billing problem', 'insurance issue', 'mix-up', 'refill problem'],
	Issue: ['Problem', 'Issue', 'Billing problem', 'Insurance issue', 'Refill problem'],
	issue_es: ['seguro', 'cobro', 'resurtido', 'pedido'],
	ok: ['ok', 'okay', 'fine', 'alright', 'so-so', 'average'],
	Ok: ['Ok', 'Okay', 'Fine', 'Alright', 'So-so'],
	ok_es: ['bien', 'normal', 'regular', 'más o menos'],
	First: ['Ana', 'James', 'Linda', 'Wei', 'Robert', 'Fatima', 'Carlos', 'Grace', 'Daniel', 'Mary'],
	Last: ['Smith', 'Nguyen', 'Johnson', 'Ramirez', 'Okafor', 'Kowalski', 'Brown', 'Chen', 'Davis'],
	letters: ['S-M-I-T-H', 'K as in kilo', 'C-H-E-N', 'two Ls', 'D-A-V-I-S'],
	team: ['billing', 'clinical', 'refills', 'delivery', 'benefits'],
	plan: ['Medicare Part D', 'Aetna', 'Blue Cross', 'Medicaid', 'Cigna']
};

const BY_LABEL: Record<Label, [string[], string[]]> = {
	negative: [NEGATIVE_EN, NEGATIVE_ES],
	neutral: [
		[...EN, ...MILD_EN, ...MILD_EN],
		[...ES, ...MILD_ES]
	],
	positive: [POSITIVE_EN, POSITIVE_ES]
};

/**
 * `count` filled templates of one label, about a third of them Spanish; with `calls`, neutral
 * English ones are drawn from the call-talk patterns too.
 */
export function templateTexts(
	label: Label,
	count: number,
	seed: number,
	o: { calls?: boolean } = {}
): string[] {
	const random = seededRandom(seed ^ (0x5eed + LABELS.indexOf(label)));
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
	const [plain, es] = BY_LABEL[label];
	const en = o.calls && label === 'neutral' ? [...EN, ...CALL_EN, ...MILD_EN, ...MILD_EN] : plain;
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const template = random() < 0.35 ? pick(es) : pick(en);
		out.push(template.replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot] ?? [''])));
	}
	return out;
}

export function neutralTemplates(count: number, seed: number): string[] {
	return templateTexts('neutral', count, seed);
}
