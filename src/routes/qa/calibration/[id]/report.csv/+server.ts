// One table of the calibration report as CSV: ?table=graders|items|cells (default cells).
import type { RequestHandler } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { csvCell, csvResponse } from '$lib/server/dashboard/csv.ts';
import { sessionFromParam } from '$lib/server/qa/calibration/page.ts';
import {
	CSV_TABLES,
	readableReport,
	reportCsvRows,
	type CsvTable
} from '$lib/server/qa/calibration/report-page.ts';

export const GET: RequestHandler = async (event) => {
	const user = guard(event);
	const db = await getDb();
	const session = await sessionFromParam(db, event.params.id);
	const report = await readableReport(db, session, user.id);
	const asked = event.url.searchParams.get('table') ?? 'cells';
	const table: CsvTable = (CSV_TABLES as readonly string[]).includes(asked)
		? (asked as CsvTable)
		: 'cells';
	const { header, rows } = reportCsvRows(report, table, session);
	const body = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
	return csvResponse(body, `calibration_${session.sessionId}_${table}.csv`);
};
