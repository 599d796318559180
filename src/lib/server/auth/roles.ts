// The four roles and what a signed-in user looks like to the rest of the app.
export const ROLES = ['admin', 'manager', 'qa_lead', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	manager: 'Manager',
	qa_lead: 'QA lead',
	staff: 'Staff'
};

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: Role;
	/** Links a staff account to an agent id, so the person sees their own scorecard and evaluations. */
	agentId: string | null;
}

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}
