// The signed-in person's own account: change password (ends every session, then signs this
// browser in again) and sign out everywhere.
import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { parseForm, secret } from '$lib/server/auth/forms.ts';
import { passwordProblem, MIN_PASSWORD_LENGTH } from '$lib/server/auth/password.ts';
import { ROLE_LABELS } from '$lib/server/auth/roles.ts';
import {
	deleteSessionCookie,
	listUserSessions,
	setSessionCookie
} from '$lib/server/auth/session.ts';
import { changeOwnPassword, signOutEverywhere } from '$lib/server/auth/sign-in.ts';
import { AccountError } from '$lib/server/auth/users.ts';

const ChangePassword = v.object({
	current: secret('Your current password'),
	next: secret('The new password'),
	confirm: secret('The repeated new password')
});

export const load = (async (event) => {
	const user = guard(event);
	const sessions = await listUserSessions(await getDb(), user.id);
	return {
		account: {
			email: user.email,
			name: user.name,
			role: ROLE_LABELS[user.role],
			agentId: user.agentId
		},
		minLength: MIN_PASSWORD_LENGTH,
		sessions: sessions.map((s) => ({
			current: s.id === event.locals.session?.id,
			createdAt: s.createdAt.toISOString(),
			lastSeenAt: s.lastSeenAt.toISOString(),
			ip: s.ip,
			userAgent: s.userAgent
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	password: async (event) => {
		const user = guard(event);
		const form = await parseForm(event.request, ChangePassword);
		if (!form.ok) return fail(400, { password: { message: form.message, ok: false } });
		const { current, next, confirm } = form.data;
		if (next !== confirm)
			return fail(400, { password: { message: 'The two new passwords differ.', ok: false } });
		const problem = passwordProblem(next);
		if (problem) return fail(400, { password: { message: problem, ok: false } });
		try {
			const fresh = await changeOwnPassword(
				await getDb(),
				user,
				{ current, next },
				{ ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent') }
			);
			setSessionCookie(event, fresh.token, fresh.expiresAt);
		} catch (err) {
			if (err instanceof AccountError)
				return fail(400, { password: { message: err.message, ok: false } });
			throw err;
		}
		return {
			password: { message: 'Password changed. Every other session was signed out.', ok: true }
		};
	},
	signOutAll: async (event) => {
		const user = guard(event);
		await signOutEverywhere(await getDb(), user, { ip: event.getClientAddress() });
		deleteSessionCookie(event);
		redirect(303, '/login');
	}
} satisfies Actions;
