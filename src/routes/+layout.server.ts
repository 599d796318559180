import type { LayoutServerLoad } from './$types';
import { navFor } from '$lib/server/nav.ts';
import { ROLE_LABELS } from '$lib/server/auth/roles.ts';

export const load = (async ({ locals }) => {
	const user = locals.user;
	return {
		user: user
			? { name: user.name, email: user.email, role: user.role, roleLabel: ROLE_LABELS[user.role] }
			: null,
		nav: user ? navFor(user) : []
	};
}) satisfies LayoutServerLoad;
