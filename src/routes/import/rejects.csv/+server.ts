// Rejected rows as CSV (file, line, reasons, raw): one import with ?import=<id>, else all.
import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { listRejects, rejectsToCsv } from '$lib/server/ingest/index.ts';
import { auditRejects } from '$lib/server/auth/audit-rejects.ts';

const ImportParam = v.pipe(
	v.string(),
	v.regex(/^\d{1,9}$/, 'The import id must be a number.'),
	v.transform(Number)
);

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const param = event.url.searchParams.get('import');
	let importId: number | undefined;
	if (param !== null) {
		const parsed = v.safeParse(ImportParam, param);
		if (!parsed.success) error(400, parsed.issues[0].message);
		importId = parsed.output;
	}
	const db = await getDb();
	const rejects = await listRejects(db, { importId });
	await auditRejects(db, { actor: user.email, ip: event.getClientAddress() }, 'export', rejects, {
		importId
	});
	const name = importId === undefined ? 'rejects.csv' : `rejects-import-${importId}.csv`;
	return new Response(rejectsToCsv(rejects, { spreadsheetSafe: true }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
