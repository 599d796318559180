// The identifiers CareLoop redacts, the tag each becomes in the text, and the words that make a
// candidate more likely to be one (Presidio's "context words" idea: a number right after "date of
// birth" is a birth date). Words are matched whole, case-insensitive, in the few words before a
// candidate, just after it, or in the previous turn (the agent's question).

export const ENTITIES = [
	'DOB',
	'PHONE',
	'SSN',
	'MBI',
	'MEMBER_ID',
	'BIN',
	'PCN',
	'GROUP_ID',
	'RX_NUMBER',
	'NPI',
	'DEA',
	'NDC',
	'CARD',
	'EMAIL',
	'ADDRESS'
] as const;
export type Entity = (typeof ENTITIES)[number];

export const TAGS: Record<Entity, string> = {
	DOB: '[DOB]',
	PHONE: '[PHONE]',
	SSN: '[SSN]',
	MBI: '[MBI]',
	MEMBER_ID: '[MEMBER ID]',
	BIN: '[BIN]',
	PCN: '[PCN]',
	GROUP_ID: '[GROUP ID]',
	RX_NUMBER: '[RX NUMBER]',
	NPI: '[NPI]',
	DEA: '[DEA]',
	NDC: '[NDC]',
	CARD: '[CARD]',
	EMAIL: '[EMAIL]',
	ADDRESS: '[ADDRESS]'
};

export const LABELS: Record<Entity, string> = {
	DOB: 'Date of birth',
	PHONE: 'Phone number',
	SSN: 'Social Security number',
	MBI: 'Medicare beneficiary id (MBI)',
	MEMBER_ID: 'Insurance member id',
	BIN: 'Pharmacy BIN',
	PCN: 'Processor control number (PCN)',
	GROUP_ID: 'Insurance group id',
	RX_NUMBER: 'Prescription (Rx) number',
	NPI: 'Prescriber NPI',
	DEA: 'Prescriber DEA number',
	NDC: 'National drug code (NDC)',
	CARD: 'Payment card number',
	EMAIL: 'E-mail address',
	ADDRESS: 'Street address'
};

/**
 * Strong words raise a candidate by the entity's boost; weak ones by WEAK_BOOST and only within
 * the same turn. Entities that look like any number (Rx, member ids) get a larger boost: for
 * them the words are the evidence.
 */
export const CONTEXT: Partial<
	Record<Entity, { strong: string[]; weak?: string[]; boost?: number }>
> = {
	DOB: {
		strong: ['birth', 'born', 'dob', 'd.o.b', 'birthday', 'birthdate', 'nacimiento', 'nací'],
		boost: 0.5
	},
	PHONE: {
		strong: ['phone', 'call', 'calling', 'cell', 'mobile', 'reach', 'text', 'fax', 'callback'],
		weak: ['number', 'teléfono', 'telefono', 'número', 'numero', 'contact', 'home', 'work']
	},
	SSN: { strong: ['social', 'ssn', 'ss#', 'ssn#'], boost: 0.4 },
	MBI: { strong: ['medicare', 'mbi', 'beneficiary'] },
	MEMBER_ID: {
		strong: ['member', 'subscriber', 'insurance', 'policy', 'medicaid', 'identification', 'seguro'],
		weak: ['id', 'card', 'plan'],
		boost: 0.6
	},
	RX_NUMBER: {
		strong: ['rx', 'prescription', 'script', 'receta', 'bottle', 'label'],
		weak: ['refill'],
		boost: 0.6
	},
	NPI: { strong: ['npi', 'provider', 'prescriber', 'doctor', 'physician', "doctor's"] },
	DEA: { strong: ['dea', 'prescriber', "doctor's"] },
	NDC: { strong: ['ndc'], weak: ['drug', 'code'] },
	CARD: {
		strong: ['card', 'visa', 'mastercard', 'amex', 'discover', 'credit', 'debit', 'tarjeta']
	},
	ADDRESS: { strong: ['address', 'live', 'zip', 'ship', 'deliver', 'dirección', 'direccion'] }
};

export const WEAK_BOOST = 0.1;

/** A candidate found in the normalised text (before mapping back to the original). */
export interface Candidate {
	entity: Entity;
	start: number;
	end: number;
	/** 0–1 before context; context adds to it. */
	score: number;
	/** Whether context words may raise it (keyed matches already include theirs). */
	contextual?: boolean;
}

/** Candidates at or above this are redacted. */
export const THRESHOLD = 0.5;
/** What a strong context word adds unless the entity says otherwise (Presidio's default factor). */
export const CONTEXT_BOOST = 0.35;
