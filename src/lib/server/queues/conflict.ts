// "Who changed what": when a save loses to someone else's newer change, the sentence names the
// person and the change, read from the audit log that every queue move already writes. When the
// other change was the reader's own, it says so ("You, in another tab,") instead of "someone".
import type { Db } from '../db/index.ts';
import { latestChange } from '../auth/last-change.ts';
import { getSettings } from '../settings/index.ts';
import { formatLocal } from '../time/index.ts';

/** The audit verb's last part → what the person did, as words. */
const DID: Record<string, string> = {
	claim: 'took it',
	assign: 'reassigned it',
	unassign: 'put it back in the queue',
	note: 'added a note',
	attempt: 'logged a contact attempt',
	response: 'saved the response',
	resolve: 'resolved it',
	reopen: 'reopened it',
	incident_save: 'saved the incident report',
	incident_review: 'reviewed the incident report',
	state: 'moved it to its next step',
	submit: 'evaluated it',
	release: 'released it',
	acknowledge: 'acknowledged it',
	dispute: 'disputed it',
	escalate: 'escalated it'
};

export interface LastChange {
	/** "You (in another tab)", a person's name, or "The follow-up rules". */
	who: string;
	mine: boolean;
	did: string;
	at: string;
}

/** The latest audited change to a queue item, or null when none is recorded. */
export async function lastChange(
	db: Db,
	subject: { type: string; id: string },
	reader: { email: string }
): Promise<LastChange | null> {
	const row = await latestChange(db, subject);
	if (!row) return null;
	const tz = (await getSettings(db)).siteTimeZone;
	const mine = row.actor === reader.email;
	const verb = row.action.split('.').at(-1) ?? row.action;
	return {
		who: mine ? 'You (in another tab)' : (row.name ?? row.actor ?? 'Someone'),
		mine,
		did: DID[verb] ?? 'changed it',
		at: formatLocal(row.at, tz)
	};
}

/** One sentence for a lost save: who did what and when, then what to do. */
export async function conflictSentence(
	db: Db,
	subject: { type: string; id: string },
	reader: { email: string },
	what = 'this item'
): Promise<string> {
	const last = await lastChange(db, subject, reader);
	if (!last) return `Someone else changed ${what} meanwhile; the page now shows its current state.`;
	return `${last.who} ${last.did} at ${last.at}; the page now shows ${what} as it is.`;
}
