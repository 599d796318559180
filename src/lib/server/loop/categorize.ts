// Category, severity, queue and due time of a complaint follow-up, from the interaction reason and
// rules over the text. Pure functions so each rule is tested alone and explained on the task.

export const CATEGORIES = [
	'medication_safety',
	'service_wait',
	'billing_insurance',
	'delivery',
	'other'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
	medication_safety: 'Medication safety / error',
	service_wait: 'Service / wait',
	billing_insurance: 'Billing / insurance',
	delivery: 'Delivery',
	other: 'Other'
};

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Queue = 'pharmacist' | 'staff';

/** Text rules in priority order: a safety word outranks a billing word in the same comment. */
const TEXT_RULES: { category: Category; pattern: RegExp }[] = [
	{
		category: 'medication_safety',
		pattern:
			/\b(wrong (?:medication|medicine|meds?|pills?|drug|dose|dosage|strength|tablets?)|mix-?up|mixed up|overdose|allergic|allergy|reaction|not my (?:medication|prescription|pills?)|incorrect (?:dose|medication|label)|mislabel+ed)\b/i
	},
	{
		category: 'billing_insurance',
		pattern:
			/\b(bill(?:ed|ing)?|charged?|overcharged|co-?pays?|insurance|refund|invoice|price|prior auth(?:orization)?|coverage)\b/i
	},
	{
		category: 'delivery',
		pattern:
			/\b(deliver(?:y|ed)?|courier|package|parcel|shipping|shipped|never arrived|mail(?:ed)?)\b/i
	},
	{
		category: 'service_wait',
		pattern:
			/\b(wait(?:ed|ing)?|on hold|hold time|queue|rude|grosero|slow|no one|nobody|call(?:ed)? back|hung up|hours|(?:poor|bad|terrible|your) service|second time|still not (?:sorted|fixed|resolved)|transferred)\b/i
	}
];

/** Interaction reasons that name a category on their own (after medication_error). */
const REASON_CATEGORY: Record<string, Category> = {
	medication_error: 'medication_safety',
	billing: 'billing_insurance',
	insurance: 'billing_insurance',
	prior_auth: 'billing_insurance',
	delivery: 'delivery'
};

export interface Categorised {
	category: Category;
	/** One sentence shown on the task: why this category. */
	reason: string;
}

export function categorise(input: { reason: string | null; texts: string[] }): Categorised {
	if (input.reason === 'medication_error') {
		return { category: 'medication_safety', reason: 'the interaction reason is medication_error' };
	}
	for (const rule of TEXT_RULES) {
		for (const text of input.texts) {
			const match = rule.pattern.exec(text);
			if (match)
				return { category: rule.category, reason: `the text mentions "${match[0].toLowerCase()}"` };
		}
	}
	const byReason = input.reason ? REASON_CATEGORY[input.reason] : undefined;
	if (byReason) return { category: byReason, reason: `the interaction reason is ${input.reason}` };
	return { category: 'other', reason: 'no reason or text rule matched' };
}

export interface Routing {
	severity: Severity;
	queue: Queue;
	dueHours: number;
}

export function routeFor(category: Category, dueHours: { high: number; other: number }): Routing {
	if (category === 'medication_safety')
		return { severity: 'high', queue: 'pharmacist', dueHours: dueHours.high };
	return { severity: 'medium', queue: 'staff', dueHours: dueHours.other };
}
