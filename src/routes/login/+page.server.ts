// Sign-in: a plain form post (works without JavaScript), throttled and audited in signIn().
import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { optionalText, parseForm, secret, text } from '$lib/server/auth/forms.ts';
import { safeNext } from '$lib/server/auth/redirect.ts';
import { setSessionCookie } from '$lib/server/auth/session.ts';
import { signIn } from '$lib/server/auth/sign-in.ts';

const SignIn = v.object({
	email: text('Email', 254),
	password: secret('Password'),
	next: optionalText('Next page', 2000)
});

export const load = (async (event) => {
	guard(event);
	const next = safeNext(event.url.searchParams.get('next'));
	if (event.locals.user) redirect(303, next);
	return { next };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		guard(event);
		const form = await parseForm(event.request, SignIn);
		if (!form.ok) return fail(400, { email: '', message: form.message });
		const { email, password, next } = form.data;
		const result = await signIn(
			await getDb(),
			{ email, password },
			{ ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') }
		);
		if (!result.ok) return fail(result.throttled ? 429 : 400, { email, message: result.message });
		setSessionCookie(event, result.token, result.expiresAt);
		redirect(303, safeNext(next));
	}
} satisfies Actions;
