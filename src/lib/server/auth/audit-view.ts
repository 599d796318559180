// An audit record as an admin reads it: who by name (the email stays beside it), what was done
// in words, and what was viewed — the patients a list showed, the settings that changed — instead
// of UUIDs and raw JSON. The stored record is unchanged; the CSV export keeps the raw detail.
import { line, plural, words } from '../../messages.ts';

const ACTIONS: Record<string, string> = {
	'auth.sign_in': 'signed in',
	'auth.sign_in_failed': 'failed to sign in',
	'auth.sign_out': 'signed out',
	'auth.sign_out_all': 'signed out everywhere',
	'auth.password_change': 'changed their password',
	'auth.password_change_failed': 'failed to change their password',
	'user.create': 'added a user',
	'user.role_change': 'changed a role',
	'user.rename': 'renamed a user',
	'user.password_reset': 'reset a password',
	'user.agent_link': 'linked a user to an agent',
	'patient.view': 'viewed patient data',
	'patient.list': 'viewed a list of patients',
	'patient.export': 'exported patient data',
	'follow_up.export': 'exported follow-ups',
	'settings.update': 'changed settings',
	'settings.pharmacists': 'changed the pharmacist queue',
	'kpi.target_set': 'set a target',
	'kpi.target_remove': 'removed a target',
	'kpi.drug_class_set': 'set a drug class',
	'kpi.drug_class_remove': 'removed a drug class',
	'qa.rubric.save': 'saved a QA rubric',
	'qa.queue.build': 'built a QA review sample',
	'qa.evaluation.submit': 'submitted an evaluation',
	'qa.coaching.state': 'moved a coaching task',
	'qa.coaching.run': 'ran the coaching rules',
	'audit.search': 'searched the audit log by patient',
	'audit.export': 'exported the audit log'
};

/** "patient.view" → "viewed patient data"; an unknown action reads with spaces. */
export function actionText(action: string): string {
	return ACTIONS[action] ?? action.replace(/[._]+/g, ' ');
}

const LIST_SHOWN = 12;

/** Patient ids of a list view, at most a dozen named, the rest counted. */
export function patientsText(ids: readonly unknown[]): string {
	const named = ids.slice(0, LIST_SHOWN).map(String);
	const rest = ids.length - named.length;
	return `${plural(ids.length, 'patient')}: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

function valueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueText).join(', ');
	if (typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if ('from' in o && 'to' in o && Object.keys(o).length === 2)
			return `${valueText(o.from)} → ${valueText(o.to)}`;
		const parts = Object.entries(o)
			.filter(([, v]) => v !== null && v !== undefined && v !== '')
			.map(([k, v]) => `${words(k)} ${valueText(v)}`);
		return parts.length === 0 ? 'none' : parts.join(', ');
	}
	if (typeof value === 'number') return value.toLocaleString('en');
	return String(value);
}

/** The detail object as short readable phrases; patient id lists become "N patients: …". */
export function detailText(detail: unknown): string {
	if (detail === null || detail === undefined) return '';
	if (typeof detail !== 'object' || Array.isArray(detail)) return valueText(detail);
	return line(
		...Object.entries(detail as Record<string, unknown>).map(([key, value]) => {
			if (Array.isArray(value) && /patient/i.test(key)) return patientsText(value);
			if (value === null || value === undefined || value === '') return null;
			if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
				return null;
			return `${words(key)}: ${valueText(value)}`;
		})
	);
}

/** "Ada Lovelace" when the email belongs to a user, else the email itself (or "—"). */
export function actorText(
	email: string | null,
	names: ReadonlyMap<string, string>
): { name: string; email: string | null } {
	if (!email) return { name: '—', email: null };
	return { name: names.get(email.toLowerCase()) ?? email, email };
}
