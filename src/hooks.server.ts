// The single security checkpoint: open the database once, authenticate the request, apply the
// route's access rule, and set security headers. Pages call the same guard again in their loads.
import { isHttpError, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { closeDb, getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { boundedBody, oversizedBody } from '$lib/server/http/input.ts';
import { warmDefaults, warmWhenIdle } from '$lib/server/dashboard/warm.ts';
import { removeImportLeftovers } from '$lib/server/ingest/index.ts';
import { queueFactsIfBehind, startJobs } from '$lib/server/jobs/index.ts';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session.ts';

export const init: ServerInit = async () => {
	const db = await getDb();
	// Uploads and staging tables of a process that died mid-import, then the jobs it left queued.
	await removeImportLeftovers(db);
	// A database from before an upgrade that added maintained figures gets them in the background.
	await queueFactsIfBehind(db).catch((err) => console.error('Queueing the figures failed:', err));
	// The default Overview and Agents are computed in the background now and after each job, so
	// the first manager after new data is not kept waiting.
	warmWhenIdle(db, startJobs(db));
	warmDefaults(db).catch((err) => console.error('Warming the pages failed:', err));
	const shutdown = async (signal: string) => {
		console.log(`CareLoop: ${signal} received, checkpointing and closing the database.`);
		await closeDb();
		process.exit(0);
	};
	process.once('SIGTERM', () => void shutdown('SIGTERM'));
	process.once('SIGINT', () => void shutdown('SIGINT'));
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const tooLarge = oversizedBody(event.request, event.route.id);
	if (tooLarge) {
		setSecurityHeaders(tooLarge.headers);
		return tooLarge;
	}
	// A form sent without a declared length is read here, up to the same 1 MB.
	const bounded = await boundedBody(event.request, event.route.id);
	if (bounded instanceof Response) {
		setSecurityHeaders(bounded.headers);
		return bounded;
	}
	if (bounded) event.request = bounded;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await validateSessionToken(await getDb(), token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
			// Sliding expiry: resend the cookie only when the stored expiry moved (at most hourly).
			if (valid.fresh) setSessionCookie(event, token, valid.session.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	let response: Response;
	try {
		if (event.route.id !== null) guard(event);
		response = await resolve(event);
	} catch (err) {
		if (!isHttpError(err, 403)) throw err;
		const forbidden = () =>
			new Response(err.body.message, {
				status: 403,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			});
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
			// Writes never run for a denied role, even in a route that forgot its own guard.
			response = forbidden();
		} else {
			// A page's own guard renders the 403 inside the app (with navigation); should a route
			// ever forget its guard, its answer is replaced, so nothing leaks either way.
			response = await resolve(event);
			if (response.status !== 403) response = forbidden();
		}
	}
	setSecurityHeaders(response.headers);
	// Pages and exports hold patient and staff data: a shared workstation's back button or cache
	// must not show them after sign-out.
	if (event.locals.user && !response.headers.has('cache-control')) {
		response.headers.set('Cache-Control', 'no-store');
	}
	return response;
};

function setSecurityHeaders(headers: Headers): void {
	headers.set('X-Frame-Options', 'DENY');
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

// Never send a stack trace or internal message to the browser; log the detail server-side only.
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error instanceof Error ? error.stack : error);
	return {
		message:
			status === 404
				? 'This page does not exist.'
				: 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.'
	};
};
