// Navigation shows only what the signed-in role may open (design/ui.md: "three people, three homes").
import { accessFor, roleMayOpen } from './auth/access.ts';
import type { Role } from './auth/roles.ts';

export interface NavItem {
	href: string;
	label: string;
}

const ITEMS: NavItem[] = [
	{ href: '/overview', label: 'Overview' },
	{ href: '/agents', label: 'Agents' },
	{ href: '/interactions', label: 'Interactions' },
	{ href: '/qa', label: 'QA' },
	{ href: '/complaints', label: 'Follow-ups' },
	{ href: '/coaching', label: 'Coaching' },
	{ href: '/adherence', label: 'Adherence' },
	{ href: '/targets', label: 'Targets' },
	{ href: '/import', label: 'Import' },
	{ href: '/settings', label: 'Settings' }
];

/** A person linked to an agent id also gets their own evaluations and coaching. */
export function navFor(user: { role: Role; agentId: string | null }): NavItem[] {
	const items = ITEMS.filter((item) => roleMayOpen(accessFor(item.href), user.role));
	if (user.agentId) items.push({ href: '/qa/mine', label: 'My evaluations' });
	return items;
}

/** Where each role lands after signing in: the place it works. */
export function landingFor(role: Role): string {
	switch (role) {
		case 'admin':
			return '/settings';
		case 'manager':
			return '/overview';
		case 'qa_lead':
			return '/qa';
		case 'staff':
			return '/complaints';
	}
}
