// The NDC table as CSV in the columns the NDC import reads (ndc, drug_name, drug_class), so a
// site can download it, edit it in a spreadsheet and import it back.
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { csvResponse, toCsv } from '$lib/server/dashboard/csv.ts';
import { listNdc, type NdcRow } from '$lib/server/ingest/presets/ndc.ts';

export const GET = (async (event) => {
	guard(event);
	const rows = await listNdc(await getDb());
	const csv = toCsv<NdcRow>(
		[
			{ header: 'ndc', value: (r) => r.ndc },
			{ header: 'drug_name', value: (r) => r.drugName },
			{ header: 'drug_class', value: (r) => r.drugClass }
		],
		rows
	);
	return csvResponse(csv, 'careloop-ndc.csv');
}) satisfies RequestHandler;
