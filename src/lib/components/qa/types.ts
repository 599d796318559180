// Display shapes for the QA components (plain data; components never import server modules).

export interface FormItem {
	key: string;
	section: string;
	label: string;
	guidance: string | null;
	weight: number;
	scale: 'yes_no' | 'one_five';
	allowNa: boolean;
	critical: boolean;
}

export interface TranscriptTurn {
	turn: number;
	speaker: string;
	offsetSeconds: number | null;
	text: string;
	/** Sentiment label of a patient turn, when scored. */
	label: string | null;
}

/** "83.4" or "—"; scores are 0–100. */
export function formatScore(score: number | null | undefined): string {
	return score === null || score === undefined ? '—' : score.toFixed(1);
}

export const STATUS_TEXT: Record<string, string> = {
	submitted: 'Not released',
	released: 'Awaiting acknowledgement',
	acknowledged: 'Acknowledged',
	disputed: 'Disputed',
	resolved: 'Dispute resolved'
};

export const REASON_TEXT: Record<string, string> = {
	random: 'Random',
	csat: 'CSAT ≤ 2',
	sentiment: 'Negative end of call',
	aht: 'Long handle time',
	complaint: 'Complaint',
	autoqa: 'AutoQA failure'
};

export const FOCUS_TEXT: Record<string, string> = {
	call_handling: 'Call handling',
	compliance: 'Compliance (verification)',
	product_knowledge: 'Drug and benefit knowledge',
	patient_safety: 'Patient safety (escalation)',
	soft_skills: 'Empathy and plain language',
	resolution: 'Ownership and resolution',
	patient_experience: 'Patient experience (CSAT)',
	quality: 'Overall QA quality'
};

/** An AutoQA rule as the rules editor shows it (plain data from the server). */
export interface RuleFieldsData {
	key: string;
	label: string;
	enabled: boolean;
	sampling: boolean;
	channels: string[] | null;
	speaker: string;
	params: import('$lib/server/qa/autoqa/rules.ts').RuleParams;
	/** Identity rules: the identifiers as editable text. */
	identifiers: string | null;
}

/** An AutoQA result shown inside the rubric item it pre-filled. */
export interface ItemHintView {
	outcome: 'pass' | 'fail' | 'na';
	detail: string;
	evidence: string[];
}

/** An interaction's AutoQA result with its evidence as lines. */
export interface AutoQaResultView {
	ruleKey: string;
	label: string;
	outcome: 'pass' | 'fail' | 'na';
	detail: string;
	evidence: string[];
}

/** An agent's AutoQA coverage and per-rule pass rates (0–100, Wilson 95 % interval). */
export interface AgentAutoQaView {
	transcripts: number;
	checked: number;
	minSample: number;
	rules: {
		ruleKey: string;
		label: string;
		pass: number;
		fail: number;
		na: number;
		n: number;
		rate: number | null;
		low: number | null;
		high: number | null;
	}[];
}
