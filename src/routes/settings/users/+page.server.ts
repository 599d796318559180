// User administration for admins: add, change role, link an agent id, disable/enable, reset a
// password. Every change goes through auth/admin.ts, which writes the audit log.
import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { addUser, changeUser, resetPassword } from '$lib/server/auth/admin.ts';
import { optionalText, parseForm, text } from '$lib/server/auth/forms.ts';
import { generatePassword, MIN_PASSWORD_LENGTH } from '$lib/server/auth/password.ts';
import { ROLE_LABELS, ROLES } from '$lib/server/auth/roles.ts';
import { AccountError, getUser, listUsers } from '$lib/server/auth/users.ts';
import { listRoster } from '$lib/server/roster.ts';

const Add = v.object({
	email: text('Email', 254),
	name: optionalText('Name', 120),
	role: v.picklist(ROLES, 'Choose a role.'),
	agentId: optionalText('Agent id', 64),
	password: v.optional(v.string(), '')
});
const Update = v.object({
	id: text('Account'),
	name: optionalText('Name', 120),
	role: v.picklist(ROLES, 'Choose a role.'),
	agentId: optionalText('Agent id', 64)
});
const Target = v.object({ id: text('Account') });

export const load = (async (event) => {
	const me = guard(event);
	const db = await getDb();
	const [users, roster] = await Promise.all([listUsers(db), listRoster(db)]);
	return {
		me: me.id,
		roster: roster.map((a) => ({ id: a.agentId, name: a.name })),
		minLength: MIN_PASSWORD_LENGTH,
		roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
		users: users.map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			agentId: u.agentId,
			disabled: u.disabled,
			createdAt: u.createdAt.toISOString().slice(0, 10)
		}))
	};
}) satisfies PageServerLoad;

type Result = { ok: boolean; message: string; password?: string; email?: string };

/** Runs one admin change; an AccountError becomes a 400 with its sentence. */
async function attempt(fn: () => Promise<Result>) {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof AccountError)
			return fail(400, { ok: false, message: err.message } satisfies Result);
		throw err;
	}
}

function by(event: RequestEvent, email: string) {
	return { actor: email, ip: event.getClientAddress() };
}

export const actions = {
	add: async (event) => {
		const me = guard(event);
		const form = await parseForm(event.request, Add);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		const { password, ...rest } = form.data;
		return attempt(async () => {
			const db = await getDb();
			// A blank password means "make one up": it is shown once, here, to hand over.
			const initial = password === '' ? null : password;
			const generated = initial ?? generatePassword();
			const user = await addUser(db, by(event, me.email), { ...rest, password: generated });
			return {
				ok: true,
				message: `Added ${user.email} as ${ROLE_LABELS[user.role]}.`,
				...(initial === null ? { password: generated, email: user.email } : {})
			};
		});
	},
	update: async (event) => {
		const me = guard(event);
		const form = await parseForm(event.request, Update);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		const { id, ...changes } = form.data;
		return attempt(async () => {
			const user = await changeUser(await getDb(), by(event, me.email), id, changes);
			return { ok: true, message: `Saved ${user.email}.` };
		});
	},
	disable: async (event) => {
		const me = guard(event);
		const form = await parseForm(event.request, Target);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		if (form.data.id === me.id)
			return fail(400, {
				ok: false,
				message: 'You cannot disable your own account.'
			} satisfies Result);
		return attempt(async () => {
			const user = await changeUser(await getDb(), by(event, me.email), form.data.id, {
				disabled: true
			});
			return { ok: true, message: `Disabled ${user.email} and signed them out.` };
		});
	},
	enable: async (event) => {
		const me = guard(event);
		const form = await parseForm(event.request, Target);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		return attempt(async () => {
			const user = await changeUser(await getDb(), by(event, me.email), form.data.id, {
				disabled: false
			});
			return { ok: true, message: `Enabled ${user.email}.` };
		});
	},
	reset: async (event) => {
		const me = guard(event);
		const form = await parseForm(event.request, Target);
		if (!form.ok) return fail(400, { ok: false, message: form.message } satisfies Result);
		return attempt(async () => {
			const db = await getDb();
			const user = await getUser(db, form.data.id);
			if (!user) throw new AccountError('That account no longer exists.');
			const password = await resetPassword(db, by(event, me.email), user, null);
			return {
				ok: true,
				message: `New password for ${user.email}; their sessions were signed out.`,
				password,
				email: user.email
			};
		});
	}
} satisfies Actions;
