// The lines transcripts are assembled from. Patient openers carry the mood the contact started
// with; endings carry how it finished (relief when resolved, anger when not). Agent lines come in
// good and sloppy variants (greeting, identity check, hold, empathy, closing) so AutoQA has real
// passes and failures to find. Slots: {agent}, {drug}, {first}, {team}.
import type { Reason } from './world.ts';

export const OPENERS: Record<Reason, { calm: string[]; upset: string[] }> = {
	refill: {
		calm: [
			'Hi, I need to refill my {drug}, please.',
			"Hello, I'm calling to order a refill of {drug}."
		],
		upset: [
			"I've been trying to get my {drug} refilled for days and it still isn't ready.",
			'Why is my {drug} refill not ready yet? I ran out yesterday.'
		]
	},
	insurance: {
		calm: [
			'Hi, I have a question about whether my plan covers {drug}.',
			'My insurance changed and I want to check my {drug} is still covered.'
		],
		upset: [
			'My insurance rejected my {drug} again and nobody will tell me why.',
			'I was charged full price for {drug}, my insurance should cover it!'
		]
	},
	billing: {
		calm: [
			'Hi, I have a question about a charge on my statement.',
			'I think I was billed twice for my {drug}.'
		],
		upset: [
			'You charged my card twice for {drug}, I want that fixed today.',
			"This bill makes no sense, I've already paid it."
		]
	},
	delivery: {
		calm: [
			"Hi, I'm checking on the delivery of my {drug}.",
			'When will my order arrive? It said Tuesday.'
		],
		upset: [
			'My {drug} delivery is late again, I only have one pill left.',
			'The tracking has said "out for delivery" for three days. Where is it?'
		]
	},
	side_effects: {
		calm: [
			"I started {drug} last week and I've been feeling dizzy. Is that normal?",
			'I have a question about side effects of {drug}.'
		],
		upset: [
			"Since I started {drug} I feel terrible, I've had a rash for two days.",
			"I'm worried, the {drug} is making me sick."
		]
	},
	prior_auth: {
		calm: [
			'Hi, I wanted to check on the prior authorization for my {drug}.',
			'My doctor said she sent the prior authorization for {drug}.'
		],
		upset: [
			"It's been two weeks and the prior authorization for {drug} still isn't done.",
			'Nobody is following up on my prior authorization, I need my {drug}.'
		]
	},
	transfer_rx: {
		calm: [
			'Hi, I want to transfer my {drug} prescription from another pharmacy.',
			"I'm moving and need to transfer my prescriptions to you."
		],
		upset: [
			'I asked to transfer my {drug} a week ago and it never happened.',
			'The transfer I requested is still not done.'
		]
	},
	complaint: {
		calm: [
			'I want to give some feedback about my last visit.',
			'I have a complaint about how my order was handled.'
		],
		upset: [
			'I want to make a complaint. The way I was treated last time was unacceptable.',
			'I am really unhappy with your service and I want someone to know.'
		]
	},
	medication_error: {
		calm: [
			'I think there might be a mistake with my {drug}, the pills look different.',
			'The label on my {drug} says a different dose than my doctor told me.'
		],
		upset: [
			'You gave me the wrong dose of {drug}! I took it this morning.',
			'The bottle says {drug} but these are not my pills. This is dangerous.'
		]
	},
	general: {
		calm: [
			'Hi, what are your hours on Sunday?',
			'Can you tell me if you carry a generic for {drug}?'
		],
		upset: [
			"I've been on hold forever just to ask a simple question.",
			"Why can't anyone give me a straight answer?"
		]
	},
	other: {
		calm: [
			'Hi, I have a question about my account.',
			'I need to update my address and phone number.'
		],
		upset: [
			'I updated my address twice and you still have the old one.',
			'Your app keeps logging me out and I cannot see my orders.'
		]
	}
};

export const WORK: Record<Reason, string[]> = {
	refill: [
		'Let me check your {drug} prescription. I see one refill left.',
		'I can see the prescription for {drug}, let me put the refill through.'
	],
	insurance: [
		'Let me look at the claim for {drug} and what your plan returned.',
		'I see the claim was rejected with a coverage code, let me check the details.'
	],
	billing: [
		'Let me pull up your statement and the payments on file.',
		'I can see two charges on the same day for {drug}, let me look into that.'
	],
	delivery: [
		'Let me look up the tracking for your order.',
		'I see the package left our facility, let me check with the courier.'
	],
	side_effects: [
		'I understand, thank you for telling us about that.',
		"That's important, let me make a note of what you're experiencing with {drug}."
	],
	prior_auth: [
		"Let me check the status of the prior authorization with your doctor's office.",
		'I can see the request was received, let me check what is pending.'
	],
	transfer_rx: [
		"I can request the transfer, I just need the other pharmacy's name and phone number.",
		'Let me contact the other pharmacy for the {drug} prescription.'
	],
	complaint: [
		"I'm sorry to hear that. Can you tell me what happened?",
		"I'm sorry about that experience, I'll document everything you tell me."
	],
	medication_error: [
		"Thank you for calling us about this, please don't take any more until we've checked it.",
		"I'm so sorry. Let me look at what was dispensed for {drug}."
	],
	general: ['Sure, let me check that for you.', 'Good question, one moment.'],
	other: ['Let me pull up your account.', 'Sure, I can help update that.']
};

export const RESOLVED: Record<Reason, string> = {
	refill: 'Your {drug} refill is submitted and will be ready for pickup this afternoon.',
	insurance:
		'I resubmitted the claim with the right plan information and it went through; your copay is $10.',
	billing:
		"I've refunded the duplicate charge; you'll see it on your card in 3 to 5 business days.",
	delivery:
		'The courier confirms it will arrive tomorrow before noon, and I have waived the delivery fee.',
	side_effects:
		"That can happen in the first weeks on {drug}. I've noted it on your profile; if it doesn't settle in a few days, call us or your doctor.",
	prior_auth:
		'The prior authorization was approved this morning, so your {drug} can be filled today.',
	transfer_rx: 'The transfer is done and your {drug} will be ready tomorrow.',
	complaint:
		"I've written up your complaint for the store manager and added a credit to your account.",
	medication_error:
		"We've confirmed the correct dose and a replacement is being prepared right now.",
	general: "We're open 9 to 5 on Sundays, and yes, there is a generic for {drug}.",
	other: 'Your address and phone number are updated.'
};

export const NOT_RESOLVED = {
	unresolved: [
		"I'm sorry, I'm not able to fix this today.",
		"Unfortunately there's nothing more I can do from here."
	],
	rude: [
		"There's nothing I can do about that.",
		"That's not something we handle, you'll have to call someone else.",
		"Look, calm down. It's not my job to chase your doctor."
	],
	callback: ["I've opened a case and someone will call you back within 24 hours."],
	transferred: ["I'm going to transfer you to our {team} team, they can help with this."]
};

/** What the pharmacist says after an escalation, by reason. */
export const PHARMACIST = {
	medication_error:
		'Hi, this is the pharmacist. I have the notes. Please stop {drug} for now; I am calling your doctor and we will replace it today.',
	side_effects:
		"Hi, this is the pharmacist. I have the notes. That reaction can happen with {drug}; I'm calling your doctor now about the dose, and we'll call you back today."
};

export const UNSAFE_ADVICE = [
	'You can probably just stop taking it and see how you feel.',
	"It's probably fine, just keep taking it."
];

export const RELIEVED = [
	"Oh, that's a relief. Thank you so much!",
	'Perfect, thank you, that really helps.',
	'Great, thanks for sorting that out.'
];
export const RELIEVED_ES = ['Muchas gracias, that helps a lot.', 'Perfecto, gracias.'];
export const CALMER = [
	'Okay, thank you, I feel better knowing someone will look at it.',
	'Alright. Thank you for taking it seriously.'
];
export const ANGRY = [
	"This is ridiculous. I've called about this before.",
	"So I still don't have my {drug}? Unbelievable.",
	"Fine. I guess I'll wait, again.",
	'I am really not happy with this.'
];

/** Greetings that give the agent's name and the pharmacy. */
export const GREETING = {
	voice: [
		'Thank you for calling CareLoop Pharmacy, this is {agent}. How can I help you today?',
		'CareLoop Pharmacy, {agent} speaking. How may I help you?',
		"Hello, you've reached CareLoop Pharmacy. My name is {agent}, how can I help?"
	],
	chat: [
		"Hi, you're chatting with {agent} from CareLoop Pharmacy. How can I help?",
		'Hello! This is {agent} at CareLoop Pharmacy. What can I do for you today?'
	]
};

/** Greetings that miss the name, the pharmacy, or both. */
export const GREETING_SLOPPY = {
	voice: [
		'Thank you for calling CareLoop Pharmacy. How can I help you?',
		'Hi, this is {agent}. How can I help you today?',
		'Hello, how can I help?'
	],
	chat: ['Hi, how can I help?', 'Hi, {agent} here. How can I help?']
};

export const RUDE_GREETING = 'CareLoop Pharmacy, what do you need?';

/** Acknowledging a patient's trouble before moving on. */
export const EMPATHY = [
	"I'm sorry to hear that.",
	"I'm really sorry for the trouble.",
	'I understand how frustrating that must be.',
	"Oh no, I'm sorry about that."
];

/** After an ending that left the patient unhappy. */
export const EMPATHY_AT_END = [
	"I'm sorry I couldn't do more today.",
	'I understand, and I apologize for the frustration.'
];

/** Asking for two identifiers; {answer} is how the patient replies. */
export const VERIFY_TWO: { ask: string; answer: string }[] = [
	{
		ask: 'I can help with that. Can I have your full name and date of birth, please?',
		answer: '{name}, {born}.'
	},
	{
		ask: 'Sure. For your security, could you confirm your date of birth and the ZIP code on your account?',
		answer: "It's {born}, and the ZIP is {zip}."
	},
	{
		ask: "Happy to help. First I'll need to verify you: your full name and your date of birth?",
		answer: '{name}. {born}.'
	}
];

/** Asking for one identifier only. */
export const VERIFY_ONE = { ask: 'Can I have your date of birth, please?', answer: '{born}.' };

/** A check that comes after the agent already discussed the prescription. */
export const VERIFY_LATE = {
	ask: 'Oh, before I go on, can I have your full name and date of birth?',
	answer: '{name}, {born}.'
};

export const HOLD_ASK = [
	'May I place you on a brief hold while I check that?',
	'Can I put you on hold for a moment?',
	"I'm going to place you on hold for a minute while I look into this."
];

export const HOLD_THANKS = [
	'Thank you for holding.',
	'Thanks for waiting.',
	'Thank you for your patience.'
];

/** Coming back from hold without thanking the patient. */
export const HOLD_BACK = ["Okay, I'm back.", 'Alright.'];

export const ANYTHING_ELSE = [
	'Is there anything else I can help you with today?',
	'Is there anything else you need?',
	'Can I help with anything else?'
];

/** Recap phrasings; {recap} is what happened. The last one summarises without a signal phrase. */
export const RECAP_LEAD = ['Just to recap: {recap}', 'To summarize, {recap}', 'So, {recap}'];

/** What happened, as the agent sums it up at the end. */
export const RECAP: Record<
	Reason | 'escalated' | 'callback' | 'transferred' | 'unresolved',
	string
> = {
	refill: 'your {drug} refill is in and will be ready this afternoon.',
	insurance: 'the claim for {drug} went through and your copay is $10.',
	billing: 'the duplicate charge is refunded within 3 to 5 business days.',
	delivery: 'your order arrives tomorrow before noon with no delivery fee.',
	side_effects: "it's noted on your profile, and you'll call us or your doctor if it continues.",
	prior_auth: 'the prior authorization is approved and your {drug} can be filled today.',
	transfer_rx: 'the transfer is done and your {drug} is ready tomorrow.',
	complaint: 'your complaint goes to the store manager and a credit is on your account.',
	medication_error: 'the correct dose is confirmed and a replacement is being prepared.',
	general: "we're open 9 to 5 on Sundays and there is a generic for {drug}.",
	other: 'your address and phone number are updated.',
	escalated: 'the pharmacist is calling your doctor and will call you back today.',
	callback: 'a case is open and someone will call you back within 24 hours.',
	transferred: "I'm handing you to our {team} team now.",
	unresolved: "I've noted the problem on your profile."
};
