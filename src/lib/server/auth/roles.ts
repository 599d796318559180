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

/** What a role may do beyond opening routes. view_sensitive: read text from before redaction. */
export const PERMISSIONS = { view_sensitive: ['admin'] } as const satisfies Record<
	string,
	readonly Role[]
>;

export function can(user: { role: Role } | null, permission: keyof typeof PERMISSIONS): boolean {
	return user !== null && (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}
