// Form posts at the trust boundary, checked with valibot: text fields only (a file where text is
// expected is simply missing), and the first problem as one sentence for the page.
import * as v from 'valibot';
import { readFormData } from '../http/input.ts';

type Schema = v.GenericSchema<Record<string, unknown>>;

export async function parseForm<S extends Schema>(
	request: Request,
	schema: S
): Promise<{ ok: true; data: v.InferOutput<S> } | { ok: false; message: string }> {
	const form = await readFormData(request);
	const raw: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') raw[key] = value;
	const result = v.safeParse(schema, raw);
	if (result.success) return { ok: true, data: result.output };
	return { ok: false, message: result.issues[0].message };
}

/** A required text field with a person-readable message when it is missing. */
export function text(label: string, max = 500) {
	return v.pipe(
		v.string(`${label} is missing.`),
		v.trim(),
		v.nonEmpty(`${label} is missing.`),
		v.maxLength(max, `${label} is too long.`)
	);
}

/** An optional text field ('' when absent). */
export function optionalText(label: string, max = 500) {
	return v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `${label} is too long.`)), '');
}

/** A password field: never trimmed (spaces are allowed and count). */
export function secret(label: string) {
	return v.pipe(
		v.string(`${label} is missing.`),
		v.nonEmpty(`${label} is missing.`),
		v.maxLength(1024, `${label} is too long.`)
	);
}
