// The follow-up queue beside every task page: the visible, filtered list (most urgent first), the
// loop's figures and their trend over the chosen period (7, 30 or 90 local days), and what the
// person may do. Each load is a view of patient data, so it is audited.
import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db/index.ts';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import {
	actorFor,
	CATEGORIES,
	CATEGORY_LABELS,
	followUpFigures,
	listAssignees,
	listTasks,
	mayAssignOthers,
	SEVERITIES
} from '$lib/server/loop/index.ts';
import { filterFromUrl } from '$lib/server/loop/web.ts';
import { getSettings } from '$lib/server/settings/index.ts';
import { addLocalDays, now as clockNow } from '$lib/server/time/index.ts';
import { followUpTrend, trendUnit } from '$lib/server/loop/trend.ts';

const PERIODS = [7, 30, 90] as const;
/** The most urgent rows render beside the task; the CSV holds every row the filters match. */
const LIST_LIMIT = 200;

/** The queue's own parameters, for links inside it (an action's `?/name` is not one of them). */
function keptSearch(url: URL): string {
	const keep = new URLSearchParams();
	for (const key of ['kind', 'category', 'severity', 'assignee', 'status', 'period']) {
		const value = url.searchParams.get(key);
		if (value) keep.set(key, value);
	}
	return keep.size ? `?${keep}` : '';
}

export const load = (async (event) => {
	const user = guard(event);
	const db = await getDb();
	const actor = await actorFor(db, user);
	const { filter, raw } = filterFromUrl(event.url);
	const now = clockNow();
	const tz = (await getSettings(db)).siteTimeZone;
	const asked = Number(event.url.searchParams.get('period'));
	const days = (PERIODS as readonly number[]).includes(asked) ? asked : 30;
	const from = addLocalDays(now, -days, tz);
	const unit = trendUnit(days);
	const [list, figures, trend, assignees] = await Promise.all([
		listTasks(db, actor, { ...filter, limit: LIST_LIMIT }),
		followUpFigures(db, { from, to: now, now }),
		followUpTrend(db, { from, to: now, now, unit }),
		mayAssignOthers(actor) ? listAssignees(db) : Promise.resolve([])
	]);
	await audit(db, {
		actor: user.email,
		action: 'patient.view',
		subjectType: 'follow_up_queue',
		ip: event.getClientAddress(),
		detail: { rows: list.rows.length, filter: raw },
		patientIds: list.rows.map((r) => r.patientId)
	});
	return {
		tasks: list.rows,
		total: list.total,
		filter: raw,
		search: keptSearch(event.url),
		figures,
		figureDays: days,
		periods: [...PERIODS],
		trend: { rows: trend, unit },
		me: { id: actor.id, seesAll: actor.seesAll, pharmacist: actor.pharmacist },
		assignees,
		categories: [
			...CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
			{ value: 'outreach', label: 'Outreach' }
		],
		severities: [...SEVERITIES]
	};
}) satisfies LayoutServerLoad;
