// The two pieces of request input every route reads before its own validation: a numeric id in
// the path and the posted form. Both answer malformed input with a 400 and one sentence, never
// with the 500 that a failed parse or a database overflow would otherwise become.
import { error, isHttpError } from '@sveltejs/kit';

/** Ids are DuckDB INTEGER columns. */
export const MAX_ID = 2_147_483_647;

/** A whole number from 1 to MAX_ID, or null (for form fields that carry ids). */
export function parseId(raw: string | null | undefined): number | null {
	if (!raw || !/^\d{1,10}$/.test(raw)) return null;
	const id = Number(raw);
	return id >= 1 && id <= MAX_ID ? id : null;
}

/** The path's id, or a 400 naming what kind of number was expected. */
export function pathId(raw: string, what: string): number {
	const id = parseId(raw);
	if (id === null) {
		const shown = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
		error(400, `"${shown}" is not a valid ${what} number: use the link from the list.`);
	}
	return id;
}

/**
 * The posted form. A body that is not a readable form (a broken multipart upload, a wrong
 * content type) is the sender's problem: a 400 that says so, and nothing for the server log.
 */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (err) {
		// The adapter's own answers (its 413 for a body over BODY_SIZE_LIMIT) stand as they are.
		if (isHttpError(err) || typeof (err as { status?: unknown }).status === 'number') throw err;
		error(400, 'The form could not be read (it was cut off or not a form): send it again.');
	}
}

/** Forms outside the upload pages are small: a body declared larger is refused before it is read. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** Routes whose forms carry files (their cap is the upload limit and BODY_SIZE_LIMIT). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set([
	'/import',
	'/import/mapping',
	'/import/ndc'
]);

const tooLarge = () =>
	new Response('This request is too large: forms take at most 1 MB (files go through Import).', {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});

/** Whether a request's body is held to FORM_BODY_LIMIT (a non-GET outside the upload routes). */
const limited = (request: Request, routeId: string | null) =>
	request.method !== 'GET' &&
	request.method !== 'HEAD' &&
	!(routeId !== null && UPLOAD_ROUTES.has(routeId));

/**
 * A 413 for a request outside the upload routes whose Content-Length is over FORM_BODY_LIMIT, or
 * null. Without BODY_SIZE_LIMIT's 1100M everywhere, sign-in alone would read a gigabyte form into
 * memory for anyone. A body without a declared length is boundedBody's.
 */
export function oversizedBody(request: Request, routeId: string | null): Response | null {
	if (!limited(request, routeId)) return null;
	const declared = Number(request.headers.get('content-length') ?? 0);
	return declared > FORM_BODY_LIMIT ? tooLarge() : null;
}

/**
 * For a body sent without a declared length (chunked) outside the upload routes: keeps at most
 * FORM_BODY_LIMIT of it, and gives back the same request rebuilt around those bytes, or a 413
 * when it goes past. Past the limit the rest is read and dropped (memory stays at one chunk; the
 * adapter's BODY_SIZE_LIMIT ends it): cancelling instead would reset the connection, and the
 * sender would never read the 413. Null when there is nothing to bound (a declared length, which
 * oversizedBody judges, no body, or an upload route).
 */
export async function boundedBody(
	request: Request,
	routeId: string | null
): Promise<Request | Response | null> {
	if (!limited(request, routeId) || !request.body) return null;
	if (request.headers.has('content-length')) return null;
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size <= FORM_BODY_LIMIT) chunks.push(value);
			else chunks.length = 0;
		}
	} catch {
		// The adapter's own limit or a dropped connection ended the body early.
		if (size <= FORM_BODY_LIMIT)
			return new Response(
				'The form could not be read (it was cut off or not a form): send it again.',
				{ status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } }
			);
	}
	if (size > FORM_BODY_LIMIT) return tooLarge();
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: new Blob(chunks as BlobPart[])
	});
}
