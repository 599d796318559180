// Interactions an AutoQA rule failed, with the turn and words behind each finding: for the
// identity rule, the "identity not verified" list. Filters, sort and paging in the URL; audited.
import type { PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { getDb } from '$lib/server/db/index.ts';
import { filterChoices } from '$lib/server/dashboard/context.ts';
import { filterState } from '$lib/server/dashboard/request.ts';
import { auditFailureList, loadFailureList } from '$lib/server/qa/autoqa/failure-page.ts';

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const [list, choices] = await Promise.all([
		loadFailureList(db, event.url, event.params.rule),
		filterChoices(db)
	]);
	await auditFailureList(
		db,
		user,
		event.getClientAddress(),
		'patient.list',
		list,
		event.url.search
	);
	return { ...list, filter: filterState(list.filter), choices };
}) satisfies PageServerLoad;
