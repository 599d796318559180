// The one message catalog: every code a page shows to people passes through here, so a code is
// always the same words, a unit is always written one way ("325 s"), counts carry thousands
// separators ("3,125 of 4,546") and parts joined on a line keep their spaces ("Mon 30 Nov ·
// overdue"). Shared by server and browser: no server imports.

/** Codes of the data contract and the loop, in words. A code not listed reads with spaces. */
const WORDS: Record<string, string> = {
	// channels
	voice: 'voice',
	chat: 'chat',
	sms: 'SMS',
	email: 'email',
	app: 'app',
	// reasons
	refill: 'refill',
	insurance: 'insurance',
	billing: 'billing',
	delivery: 'delivery',
	side_effects: 'side effects',
	prior_auth: 'prior authorisation',
	transfer_rx: 'prescription transfer',
	complaint: 'complaint',
	medication_error: 'medication error',
	general: 'general',
	other: 'other',
	// dispositions and outcomes
	callback: 'callback',
	no_answer: 'no answer',
	refill_requested: 'refill requested',
	// outreach campaigns
	refill_reminder: 'refill reminder',
	med_sync: 'medication synchronisation',
	check_in: 'post-dispense check-in',
	pdc_band: 'adherence below target',
	// roles
	qa_lead: 'QA lead',
	// drug classes
	ras: 'RAS antagonist'
};

/** A code in words: "prior_auth" → "prior authorisation", "sms" → "SMS", "no_answer" → "no answer". */
export function words(code: string | null | undefined, none = '—'): string {
	if (code === null || code === undefined || code === '') return none;
	const key = code.toLowerCase();
	return WORDS[key] ?? code.replaceAll('_', ' ');
}

/** The same words starting with a capital, for a heading or the start of a sentence. */
export function capitalised(code: string | null | undefined, none = '—'): string {
	const w = words(code, none);
	// "SMS" and "QA lead" already start with a capital; "email" becomes "Email".
	return w.charAt(0).toUpperCase() + w.slice(1);
}

const INTEGER = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A count with thousands separators: 3125 → "3,125". */
export function count(n: number): string {
	return INTEGER.format(n);
}

/** "3,125 of 4,546". */
export function countOf(part: number, whole: number): string {
	return `${count(part)} of ${count(whole)}`;
}

/** A count and its noun: "1 attempt", "3 attempts", "1,204 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${count(n)} ${n === 1 ? one : many}`;
}

/** Fixed digits with thousands separators: 1234.5 → "1,234.5". */
export function decimal(value: number, digits = 1): string {
	return new Intl.NumberFormat('en', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}

/** A duration, always with a space before its unit: 325 → "325 s", 4321 → "4,321 s". */
export function seconds(value: number | null | undefined, none = '—'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return none;
	return `${count(Math.round(value))} s`;
}

/** A percentage, space before the sign as in the rest of the app: 80 → "80.0 %". */
export function percent(value: number | null | undefined, digits = 1, none = '—'): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return none;
	return `${decimal(value, digits)} %`;
}

/** Parts of one line joined by " · ", empty parts dropped: ("Mon 30 Nov", "overdue"). */
export function line(...parts: (string | null | undefined | false)[]): string {
	return parts
		.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
		.map((p) => p.trim())
		.join(' · ');
}

/** Sentences joined with one space, each ending in a full stop: ("refill late", "Script: …"). */
export function sentences(...parts: (string | null | undefined | false)[]): string {
	return parts
		.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
		.map((p) => p.trim())
		.map((p) => (/[.!?…:]$/.test(p) ? p : `${p}.`))
		.join(' ');
}
