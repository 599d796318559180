// The audit search form lives in the URL (shareable, reload-safe); this reads it with valibot.
import * as v from 'valibot';
import { parseDate } from '../time/index.ts';
import type { AuditFilter } from './audit.ts';

// A real calendar day: the format alone would let 2026-02-31 through to the database.
const date = v.union([
	v.literal(''),
	v.pipe(
		v.string(),
		v.check(
			(text) => parseDate(text) !== null,
			(issue) => `"${String(issue.input).slice(0, 20)}" is not a real date (use YYYY-MM-DD).`
		)
	)
]);
const field = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max)), '');

const AuditQuery = v.object({
	actor: field(254),
	action: field(80),
	patient: field(80),
	from: v.optional(date, ''),
	to: v.optional(date, ''),
	page: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1)), '1')
});

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQueryValues {
	actor: string;
	action: string;
	patient: string;
	from: string;
	to: string;
	page: number;
}

/** The filter in the URL, or a sentence saying which part is unusable. */
export function readAuditQuery(
	params: URLSearchParams
): { ok: true; query: AuditQueryValues; filter: AuditFilter } | { ok: false; message: string } {
	const raw: Record<string, string> = {};
	for (const key of ['actor', 'action', 'patient', 'from', 'to', 'page'])
		if (params.has(key) && params.get(key) !== '') raw[key] = params.get(key)!;
	const result = v.safeParse(AuditQuery, raw);
	if (!result.success)
		return { ok: false, message: `Check the search: ${result.issues[0].message}` };
	const q = result.output;
	const query = { ...q, page: typeof q.page === 'number' ? q.page : 1 };
	return {
		ok: true,
		query,
		filter: {
			actor: q.actor,
			action: q.action,
			patientId: q.patient,
			from: q.from,
			to: q.to,
			page: query.page,
			pageSize: AUDIT_PAGE_SIZE
		}
	};
}
