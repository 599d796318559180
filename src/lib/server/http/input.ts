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

/**
 * A 413 for a request outside the upload routes whose Content-Length is over FORM_BODY_LIMIT, or
 * null. Without BODY_SIZE_LIMIT's 1100M everywhere, sign-in alone would read a gigabyte form into
 * memory for anyone. A body without a declared length (chunked) is left to the adapter's limit.
 */
export function oversizedBody(request: Request, routeId: string | null): Response | null {
	if (request.method === 'GET' || request.method === 'HEAD') return null;
	if (routeId !== null && UPLOAD_ROUTES.has(routeId)) return null;
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (!(declared > FORM_BODY_LIMIT)) return null;
	return new Response(
		'This request is too large: forms take at most 1 MB (files go through Import).',
		{ status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } }
	);
}
