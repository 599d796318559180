// How long each free-text field may be, shared by the server (which refuses longer text with a
// sentence) and the pages (which show a counter). Limits sit well above what a person writes by
// hand and well below what breaks a page; nothing is ever cut silently.
export const TEXT_LIMITS = {
	note: { label: 'The note', max: 5000 },
	response: { label: 'The response', max: 5000 },
	attemptNote: { label: 'The attempt note', max: 500 },
	noContactReason: { label: 'The reason', max: 1000 },
	incidentField: { label: 'That incident field', max: 200 },
	incidentDescription: { label: 'The description', max: 5000 },
	evaluationComment: { label: 'The comment', max: 4000 },
	itemNote: { label: 'An item note', max: 1000 },
	disputeComment: { label: 'The dispute comment', max: 4000 },
	resolutionComment: { label: 'The comment', max: 4000 },
	acknowledgeComment: { label: 'The comment', max: 1000 },
	coachingNotes: { label: 'The notes', max: 4000 },
	coachingGoal: { label: 'The goal', max: 500 },
	coachingNote: { label: 'The note', max: 1000 },
	scriptBody: { label: 'The script', max: 5000 },
	scriptTitle: { label: 'The title', max: 120 }
} as const;

export type TextField = keyof typeof TEXT_LIMITS;

const n = (x: number) => x.toLocaleString('en-US');

/** Null when `text` fits its field; otherwise the one sentence a person reads. */
export function textTooLong(field: TextField, text: string | null | undefined): string | null {
	const { label, max } = TEXT_LIMITS[field];
	const length = (text ?? '').length;
	if (length <= max) return null;
	return `${label} is ${n(length)} characters long; the limit is ${n(max)}. Shorten it by ${n(length - max)} and save again.`;
}
