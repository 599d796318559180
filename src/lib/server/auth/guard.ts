// The one guard: every protected load, action and endpoint calls it with its event, and
// hooks.server.ts calls it for every request as well (a layout check alone can be skipped).
import { error, redirect } from '@sveltejs/kit';
import { accessFor, roleMayOpen } from './access.ts';
import type { SessionUser } from './roles.ts';

interface GuardEvent {
	locals: App.Locals;
	route: { id: string | null };
	url: URL;
}

/** Returns the signed-in user when the route's rule admits them; redirects or 403s otherwise. */
export function guard(event: GuardEvent): SessionUser {
	const access = accessFor(event.route.id);
	const user = event.locals.user;
	if (access !== 'public' && !user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(back)}`);
	}
	if (!roleMayOpen(access, user?.role ?? null)) {
		error(403, 'Your role does not give access to this page. Ask an admin if you need it.');
	}
	return user as SessionUser;
}
