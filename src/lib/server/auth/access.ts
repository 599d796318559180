// Who may open which route: the one table the guard and the route × role test both read.
// Every route id must be listed; a route missing here is denied, and fails the matrix test.
import type { Role } from './roles.ts';

export type Access = 'public' | 'signed-in' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'manager', 'qa_lead', 'staff'];
const ANALYSTS: readonly Role[] = ['admin', 'manager', 'qa_lead'];
const MANAGERS: readonly Role[] = ['admin', 'manager'];

export const routeAccess: Record<string, Access> = {
	'/': 'signed-in',
	'/health': 'public',
	'/login': 'public',
	'/logout': 'signed-in',
	'/account': 'signed-in',
	'/overview': MANAGERS,
	'/overview/export.csv': MANAGERS,
	'/import': MANAGERS,
	'/import/rejects.csv': MANAGERS,
	'/import/status': MANAGERS,
	'/import/mapping': MANAGERS,
	'/import/ndc': MANAGERS,
	'/import/ndc/export.csv': MANAGERS,
	'/settings': ['admin'],
	'/settings/users': ['admin'],
	'/settings/audit': ['admin'],
	'/settings/audit/export.csv': ['admin'],
	'/settings/kpi': MANAGERS,
	'/settings/privacy': ['admin'],
	'/targets': MANAGERS,
	'/targets/export.csv': MANAGERS,
	'/adherence': MANAGERS,
	'/adherence/export.csv': MANAGERS,
	'/agents': ANALYSTS,
	'/agents/export.csv': ANALYSTS,
	'/agents/[agentId]': ANALYSTS,
	// Staff would see only interactions of their assigned cases: no case check yet, so no staff.
	'/interactions': ANALYSTS,
	'/interactions/export.csv': ANALYSTS,
	'/interactions/[id]': ANALYSTS,
	// Text from before redaction: the view_sensitive permission (roles.ts), audited per reading.
	'/interactions/[id]/original': ['admin'],
	// Correcting a sentiment label is QA's call (audited; it trains the next model).
	'/interactions/[id]/label': ['admin', 'qa_lead'],
	'/qa': ANALYSTS,
	'/qa/rubrics': ANALYSTS,
	'/qa/autoqa': ANALYSTS,
	'/qa/autoqa/failures/[rule]': ANALYSTS,
	'/qa/autoqa/failures/[rule]/export.csv': ANALYSTS,
	// Calibration: QA leads, managers and admins; members' blindness is checked in the loads.
	'/qa/calibration': ANALYSTS,
	'/qa/calibration/[id]': ANALYSTS,
	'/qa/calibration/[id]/score/[interactionId]': ANALYSTS,
	'/qa/calibration/[id]/report': ANALYSTS,
	'/qa/calibration/[id]/report.csv': ANALYSTS,
	'/qa/evaluate/[interactionId]': ANALYSTS,
	// Staff linked to an agent open their own evaluations and coaching; the loads check ownership.
	'/qa/evaluations/[id]': 'signed-in',
	'/qa/evaluations/[id]/self': 'signed-in',
	'/qa/mine': 'signed-in',
	'/coaching': ANALYSTS,
	'/coaching/effectiveness': ANALYSTS,
	'/coaching/[id]': 'signed-in',
	'/complaints': ALL,
	// The follow-up queue: every role opens it; what each sees is filtered per task.
	'/complaints/[id]': ALL,
	// A contact behind a follow-up: the load admits only the task's own and its patient's contacts.
	'/complaints/[id]/contact/[interactionId]': ALL,
	'/complaints/export.csv': ALL
};

export function accessFor(routeId: string | null): Access | undefined {
	if (routeId === null) return undefined;
	// Layout groups such as (app) do not change the URL, so rules are keyed without them.
	const key = routeId.replace(/\/\([^)/]+\)/g, '') || '/';
	return Object.hasOwn(routeAccess, key) ? routeAccess[key] : undefined;
}

export function roleMayOpen(access: Access | undefined, role: Role | null): boolean {
	if (access === undefined) return false;
	if (access === 'public') return true;
	if (role === null) return false;
	if (access === 'signed-in') return true;
	return access.includes(role);
}
