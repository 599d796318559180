// Sign-out is a POST (the header's "Sign out" form); GET only shows a button, so a link or an
// image cannot sign anyone out.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { deleteSessionCookie } from '$lib/server/auth/session.ts';
import { signOut } from '$lib/server/auth/sign-in.ts';

export const load = (async (event) => {
	guard(event);
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const user = guard(event);
		if (event.locals.session) {
			await signOut(await getDb(), user, event.locals.session.id, { ip: event.getClientAddress() });
		}
		deleteSessionCookie(event);
		redirect(303, '/login');
	}
} satisfies Actions;
