// AutoQA: rules over every transcript, as data a QA lead edits and versions (like rubrics), and
// their results per interaction with evidence. Version 1 holds the seeded rules below; a rule's
// parameters are JSON (their shapes: src/lib/server/qa/autoqa/rules.ts). Results keep only the
// latest check of each interaction, with the version and a hash of what was checked (turns,
// offsets, patient sentiment, channel), so a re-run skips what has not changed.
// Closing and empathy are seeded switched off: below 0.9 precision on the held-out labelled set
// (README, QA section), the bar for a rule to ship on.
// A rubric item may name the rule whose result pre-fills it; the seeded rubric's greeting,
// verification, empathy and closing items point at theirs (a link, not a scoring change).
// qa_autoqa_answers records, per evaluation, what the rule suggested and what the reviewer chose.
const OFF = ['closing', 'empathy'];

const rule = (
	key: string,
	position: number,
	kind: string,
	label: string,
	sampling: boolean,
	channels: string[] | null,
	speaker: string,
	params: Record<string, unknown>
) =>
	`(1, '${key}', ${position}, '${kind}', '${label}', ${!OFF.includes(key)}, ${sampling}, ${
		channels ? `'${JSON.stringify(channels)}'` : 'NULL'
	}, '${speaker}', '${JSON.stringify({ kind, ...params }).replaceAll("'", "''")}')`;

const SEEDED = [
	rule('greeting', 1, 'greeting', 'Greeting with name and pharmacy', false, null, 'agent', {
		window: { from: 'start', seconds: 60, turns: 3 },
		name: [
			'this is {name}',
			'my name is {name}',
			'{name} speaking',
			'chatting with {name}',
			'{name} here',
			'speaking with {name}'
		],
		pharmacy: ['CareLoop']
	}),
	rule(
		'identity',
		2,
		'identity',
		'Identity verified before health information',
		true,
		null,
		'agent',
		{
			identifiers: {
				name: ['full name', 'your name', 'first and last name'],
				date_of_birth: ['date of birth', 'birth date', 'birthday', 'DOB'],
				address: ['address', 'ZIP code', 'ZIP', 'postcode', 'postal code'],
				phone: ['phone number', 'number on file']
			},
			required: 2,
			health: [
				'prescription',
				'prescriptions',
				'refill',
				'refills',
				'dose',
				'dosage',
				'medication',
				'medications',
				'medicine',
				'pills',
				'side effect',
				'side effects',
				'symptoms',
				'diagnosis',
				'prior authorization',
				'allergy',
				'allergies',
				'your doctor'
			],
			drugNames: true
		}
	),
	rule('hold', 3, 'hold', 'Hold etiquette', false, null, 'agent', {
		markers: ['placed on hold', 'on hold'],
		announce: [
			'on hold',
			'a brief hold',
			'a short hold',
			'please hold',
			'hold for a moment',
			'hold for a minute',
			'hold on'
		],
		thanks: [
			'thank you for holding',
			'thanks for holding',
			'thank you for waiting',
			'thanks for waiting',
			'thank you for your patience',
			'thanks for your patience'
		],
		maxHoldSeconds: 120,
		maxHolds: 3
	}),
	rule('silence', 4, 'silence', 'Silence between turns', false, ['voice'], 'any', {
		maxGapSeconds: 60,
		minGapSeconds: 2
	}),
	rule('closing', 5, 'closing', 'Closing: summary and anything else', false, null, 'agent', {
		window: { from: 'end', seconds: null, turns: 5 },
		summary: [
			'to recap',
			'to summarize',
			'to summarise',
			'to sum up',
			'in summary',
			'so to confirm',
			'just to confirm'
		],
		anythingElse: ['anything else', 'something else', 'any other questions'],
		restateWords: 3
	}),
	rule('empathy', 6, 'empathy', 'Empathy after a negative patient turn', false, null, 'agent', {
		phrases: [
			'sorry',
			'apologize',
			'apologise',
			'I understand',
			'frustrating',
			'that must be',
			'I hear you',
			'thank you for telling',
			'thank you for letting us know'
		],
		minNegative: 0.5,
		minWords: 3,
		ignore: ["that's all", 'that is all', 'no thanks', 'no thank you'],
		ignoreAfter: ['date of birth', 'full name', 'ZIP code', 'address', 'phone number']
	}),
	rule('prohibited', 7, 'prohibited', 'Prohibited phrases', true, null, 'agent', {
		phrases: [
			'what do you need',
			'calm down',
			'not my job',
			'not my problem',
			'nothing I can do',
			'not something we handle',
			'call someone else',
			'just stop taking it',
			'probably fine',
			'you should have',
			'as I already said'
		]
	})
];

export const sql = `
CREATE SEQUENCE autoqa_version_id_seq START 2;

CREATE TABLE autoqa_versions (
	version_id INTEGER NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT now(),
	created_by VARCHAR,
	note VARCHAR
);

CREATE TABLE autoqa_rules (
	version_id INTEGER NOT NULL,
	rule_key VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	kind VARCHAR NOT NULL,
	label VARCHAR NOT NULL,
	enabled BOOLEAN NOT NULL,
	sampling BOOLEAN NOT NULL,
	channels VARCHAR,
	speaker VARCHAR NOT NULL,
	params VARCHAR NOT NULL
);

CREATE TABLE autoqa_results (
	interaction_id VARCHAR NOT NULL,
	version_id INTEGER NOT NULL,
	input_hash VARCHAR NOT NULL,
	rule_key VARCHAR NOT NULL,
	outcome VARCHAR NOT NULL,
	detail VARCHAR NOT NULL,
	evidence VARCHAR NOT NULL,
	checked_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE qa_autoqa_answers (
	evaluation_id INTEGER NOT NULL,
	item_key VARCHAR NOT NULL,
	rule_key VARCHAR NOT NULL,
	outcome VARCHAR NOT NULL,
	prefilled BOOLEAN NOT NULL,
	suggested INTEGER,
	answer INTEGER,
	agreed BOOLEAN NOT NULL
);

ALTER TABLE qa_rubric_items ADD COLUMN autoqa_rule VARCHAR;

UPDATE qa_rubric_items SET autoqa_rule = CASE item_key
	WHEN 'greeting' THEN 'greeting' WHEN 'verification' THEN 'identity'
	WHEN 'empathy' THEN 'empathy' WHEN 'closing' THEN 'closing' END
WHERE version_id = 1;

INSERT INTO autoqa_versions (version_id, created_by, note) VALUES (1, 'system', 'Seeded AutoQA rules');

INSERT INTO autoqa_rules VALUES
${SEEDED.join(',\n')};
`;
