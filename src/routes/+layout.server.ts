import type { LayoutServerLoad } from './$types';
import { navFor } from '$lib/server/nav.ts';
import { ROLE_LABELS } from '$lib/server/auth/roles.ts';
import { getDb } from '$lib/server/db/index.ts';
import { badgesFor } from '$lib/server/queues/badges.ts';

export const load = (async ({ locals, depends }) => {
	const user = locals.user;
	depends('app:badges');
	return {
		badges: user ? await badgesFor(await getDb(), user) : {},
		user: user
			? { name: user.name, email: user.email, role: user.role, roleLabel: ROLE_LABELS[user.role] }
			: null,
		nav: user ? navFor(user) : []
	};
}) satisfies LayoutServerLoad;
