// The interaction list page's server side: read filters, run the list, record the patient-data
// view in the audit log. The CSV endpoint calls the same function with every page.
import { cached } from './cache.ts';
import type { Db } from '../db/index.ts';
import { audit } from '../auth/audit.ts';
import type { SessionUser } from '../auth/roles.ts';
import { getSettings } from '../kpi/index.ts';
import type { DashboardFilter, DrillFilter } from './filters.ts';
import {
	listInteractions,
	listStream,
	listSurveys,
	type InteractionRow,
	type ListResult,
	type SurveyRow
} from './interactions.ts';

export type AnyList = ListResult<InteractionRow> | ListResult<SurveyRow>;

export async function runList(
	db: Db,
	filter: DashboardFilter,
	drill: DrillFilter,
	all = false
): Promise<AnyList> {
	const options = {
		filter,
		drill,
		settings: await getSettings(db),
		page: all ? null : Number(drill.page ?? 1)
	};
	const compute = (): Promise<AnyList> =>
		listStream(drill) === 'surveys' ? listSurveys(db, options) : listInteractions(db, options);
	// A page of a list is reused until the data changes (FCR misses take half a second to find);
	// sentiment scores and corrections are part of the data version. A search (any words) and a
	// whole-list export are computed each time rather than crowd out the pages people page through.
	if (all || drill.q) return compute();
	return cached(db, `list ${JSON.stringify({ filter, drill })}`, compute);
}

/** Lists show patient ids: every view is audited with who, from where and which filter. */
export async function auditListView(
	db: Db,
	user: SessionUser,
	ip: string,
	action: 'patient.list' | 'patient.export',
	list: AnyList,
	query: string
): Promise<void> {
	const patients = new Set(
		list.rows.map((r) => r.patientId).filter((p): p is string => p !== null)
	);
	if (patients.size === 0) return;
	await audit(db, {
		actor: user.email,
		action,
		subjectType: list.view,
		ip,
		detail: { query, rows: list.rows.length, patients: patients.size },
		patientIds: [...patients]
	});
}
