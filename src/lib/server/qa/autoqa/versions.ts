// AutoQA rule sets and their versions. Saving writes a whole new version (the latest is the one
// that runs); results and evaluations keep the version they came from, as rubrics do.
import { all, type Db } from '../../db/index.ts';
import { canonicalJson, ruleSetProblems, type AutoQaRule } from './rules.ts';

export interface RuleVersion {
	versionId: number;
	createdAt: Date;
	createdBy: string | null;
	note: string | null;
	rules: AutoQaRule[];
}

const SELECT_LATEST = `-- the AutoQA version that runs: the newest
	SELECT max(version_id) AS version_id FROM autoqa_versions`;

const SELECT_VERSION = `-- one AutoQA version's header
	SELECT version_id, created_at, created_by, note FROM autoqa_versions WHERE version_id = $id`;

const SELECT_RULES = `-- one AutoQA version's rules in order
	SELECT rule_key, label, enabled, sampling, channels, speaker, params
	FROM autoqa_rules WHERE version_id = $id ORDER BY position`;

const SELECT_VERSIONS = `-- every AutoQA version, newest first, with how many interactions its results cover
	SELECT v.version_id, v.created_at, v.created_by, v.note,
		(SELECT count(DISTINCT interaction_id)::INTEGER FROM autoqa_results r WHERE r.version_id = v.version_id) AS checked
	FROM autoqa_versions v ORDER BY v.version_id DESC`;

const INSERT_VERSION = `-- a new AutoQA version
	INSERT INTO autoqa_versions (version_id, created_by, note)
	VALUES (nextval('autoqa_version_id_seq'), $by, $note) RETURNING version_id`;

export class RulesInvalidError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(problems.join(' '));
		this.problems = problems;
	}
}

function toRule(r: Record<string, unknown>): AutoQaRule {
	return {
		key: r.rule_key as string,
		label: r.label as string,
		enabled: r.enabled as boolean,
		sampling: r.sampling as boolean,
		channels: r.channels ? (JSON.parse(r.channels as string) as string[]) : null,
		speaker: r.speaker as AutoQaRule['speaker'],
		params: JSON.parse(r.params as string) as AutoQaRule['params']
	};
}

export async function getRuleVersion(db: Db, versionId: number): Promise<RuleVersion | null> {
	return db.withConnection(async (conn) => {
		const [head] = await all(conn, SELECT_VERSION, { id: versionId });
		if (!head) return null;
		const rules = await all(conn, SELECT_RULES, { id: versionId });
		return {
			versionId: head.version_id as number,
			createdAt: head.created_at as Date,
			createdBy: (head.created_by as string | null) ?? null,
			note: (head.note as string | null) ?? null,
			rules: rules.map(toRule)
		};
	});
}

/** The rules that run now. */
export async function getCurrentRules(db: Db): Promise<RuleVersion> {
	const row = await db.one<{ version_id: number | null }>(SELECT_LATEST);
	const version = row?.version_id != null ? await getRuleVersion(db, row.version_id) : null;
	if (!version) throw new Error('No AutoQA rules: the seeded version is missing.');
	return version;
}

export async function listRuleVersions(db: Db) {
	const rows = await db.all(SELECT_VERSIONS);
	return rows.map((r) => ({
		versionId: r.version_id as number,
		createdAt: r.created_at as Date,
		createdBy: (r.created_by as string | null) ?? null,
		note: (r.note as string | null) ?? null,
		checked: r.checked as number
	}));
}

/** Saves the rules as the next version; refuses invalid rules and a save that changes nothing. */
export async function saveRuleVersion(
	db: Db,
	rules: AutoQaRule[],
	by: string,
	note: string | null
): Promise<number> {
	const problems = ruleSetProblems(rules);
	if (problems.length > 0) throw new RulesInvalidError(problems);
	const current = await getCurrentRules(db);
	if (canonicalJson(current.rules) === canonicalJson(rules))
		throw new RulesInvalidError(['Nothing changed, so no new version was saved.']);
	return db.transaction(async (conn) => {
		const [v] = await all(conn, INSERT_VERSION, { by, note: note?.trim() || null });
		const versionId = v.version_id as number;
		const appender = await conn.createAppender('autoqa_rules');
		for (const [i, rule] of rules.entries()) {
			appender.appendInteger(versionId);
			appender.appendVarchar(rule.key);
			appender.appendInteger(i + 1);
			appender.appendVarchar(rule.params.kind);
			appender.appendVarchar(rule.label.trim());
			appender.appendBoolean(rule.enabled);
			appender.appendBoolean(rule.sampling);
			if (rule.channels) appender.appendVarchar(JSON.stringify(rule.channels));
			else appender.appendNull();
			appender.appendVarchar(rule.speaker);
			appender.appendVarchar(JSON.stringify(rule.params));
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
		return versionId;
	});
}
