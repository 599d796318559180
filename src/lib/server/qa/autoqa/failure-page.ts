// What the failures list page and its CSV share: the rule from the URL (one of the current
// rules, else 404), the dashboards' filters, paging and sort, and the audit of a patient list.
import { error } from '@sveltejs/kit';
import { audit } from '../../auth/audit.ts';
import type { SessionUser } from '../../auth/roles.ts';
import type { Db } from '../../db/index.ts';
import { filterQuery } from '../../dashboard/filters.ts';
import { readDrill, readFilter } from '../../dashboard/request.ts';
import { listRuleFailures } from './failures.ts';
import { getCurrentRules } from './versions.ts';

const PAGE_SIZE = 50;

export async function loadFailureList(
	db: Db,
	url: URL,
	ruleKey: string,
	o: { all?: boolean } = {}
) {
	const rules = (await getCurrentRules(db)).rules;
	const rule = rules.find((r) => r.key === ruleKey);
	if (!rule) error(404, `There is no AutoQA rule "${ruleKey.slice(0, 60)}".`);
	const { asOf, filter } = await readFilter(db, url);
	const drill = readDrill(url);
	const page = Number(drill.page ?? 1);
	const list = await listRuleFailures(db, rule.key, filter, {
		sort: drill.sort,
		dir: drill.dir,
		page,
		pageSize: o.all ? 0 : PAGE_SIZE
	});
	return {
		asOf,
		filter,
		rule: { key: rule.key, label: rule.label, kind: rule.params.kind },
		query: filterQuery(filter),
		paging: {
			total: list.total,
			page,
			pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
			sort: list.sort,
			dir: list.dir
		},
		rows: list.rows
	};
}

/** Lists show patient ids and transcript words: each view and export is audited. */
export async function auditFailureList(
	db: Db,
	user: SessionUser,
	ip: string,
	action: 'patient.list' | 'patient.export',
	list: Awaited<ReturnType<typeof loadFailureList>>,
	query: string
): Promise<void> {
	const patients = new Set(list.rows.map((r) => r.patientId).filter((p) => p !== null));
	if (list.rows.length === 0) return;
	await audit(db, {
		actor: user.email,
		action,
		subjectType: `autoqa.${list.rule.key}`,
		ip,
		detail: { query, rows: list.rows.length, patients: patients.size }
	});
}
