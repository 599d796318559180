// "/" sends each role to the place it works.
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { landingFor } from '$lib/server/nav.ts';

export const load = (async (event) => {
	const user = guard(event);
	redirect(303, landingFor(user.role));
}) satisfies PageServerLoad;
