// Rubrics and their immutable versions. Editing writes a new version; evaluations keep theirs.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import type { Scale, ScoredItem } from './scoring.ts';

export interface RubricItem extends ScoredItem {
	position: number;
	section: string;
	label: string;
	guidance: string | null;
	focusArea: string;
	/** The AutoQA rule whose result pre-fills this item on the evaluation form, if any. */
	autoQaRule: string | null;
}

export interface RubricVersion {
	versionId: number;
	rubricId: number;
	name: string;
	version: number;
	createdAt: Date;
	createdBy: string | null;
	note: string | null;
	items: RubricItem[];
}

export interface RubricSummary {
	rubricId: number;
	name: string;
	active: boolean;
	latestVersionId: number;
	latestVersion: number;
	versions: number;
	evaluations: number;
}

export type RubricItemInput = Omit<RubricItem, 'position' | 'autoQaRule'> & {
	autoQaRule?: string | null;
};

export const FOCUS_AREAS = [
	'call_handling',
	'compliance',
	'product_knowledge',
	'patient_safety',
	'soft_skills',
	'resolution',
	'patient_experience',
	'quality'
] as const;

const SELECT_RUBRICS = `-- every rubric with its latest version and how many evaluations used it
	SELECT r.rubric_id, r.name, r.active,
		arg_max(v.version_id, v.version) AS latest_version_id, max(v.version) AS latest_version,
		count(DISTINCT v.version_id)::INTEGER AS versions,
		(SELECT count(*)::INTEGER FROM qa_evaluations e
			WHERE e.version_id IN (SELECT version_id FROM qa_rubric_versions WHERE rubric_id = r.rubric_id)) AS evaluations
	FROM qa_rubrics r JOIN qa_rubric_versions v USING (rubric_id)
	GROUP BY r.rubric_id, r.name, r.active ORDER BY r.rubric_id`;

const SELECT_VERSION = `-- one rubric version's header
	SELECT v.version_id, v.rubric_id, r.name, v.version, v.created_at, v.created_by, v.note
	FROM qa_rubric_versions v JOIN qa_rubrics r USING (rubric_id) WHERE v.version_id = $id`;

const SELECT_ITEMS = `-- one rubric version's items in order
	SELECT item_key, position, section, label, guidance, weight, scale, allow_na, critical, focus_area, autoqa_rule
	FROM qa_rubric_items WHERE version_id = $id ORDER BY position`;

const SELECT_LIST_VERSIONS = `-- a rubric's versions, newest first
	SELECT version_id, version, created_at, created_by, note FROM qa_rubric_versions
	WHERE rubric_id = $id ORDER BY version DESC`;

const SELECT_CURRENT_VERSION = `-- the latest version of the first active rubric (the one new evaluations use)
	SELECT arg_max(v.version_id, v.version) AS version_id
	FROM qa_rubric_versions v JOIN qa_rubrics r USING (rubric_id)
	WHERE r.active AND r.rubric_id = (SELECT min(rubric_id) FROM qa_rubrics WHERE active)`;

const INSERT_RUBRIC = `-- a new rubric
	INSERT INTO qa_rubrics (rubric_id, name) VALUES (nextval('qa_rubric_id_seq'), $name) RETURNING rubric_id`;

const RENAME_RUBRIC = `-- rubric names are not versioned
	UPDATE qa_rubrics SET name = $name WHERE rubric_id = $id`;

const INSERT_VERSION = `-- the next version of a rubric
	INSERT INTO qa_rubric_versions (version_id, rubric_id, version, created_by, note)
	SELECT nextval('qa_rubric_version_id_seq'), $rubric,
		coalesce((SELECT max(version) FROM qa_rubric_versions WHERE rubric_id = $rubric), 0) + 1, $by, $note
	RETURNING version_id`;

export async function listRubrics(db: Db): Promise<RubricSummary[]> {
	const rows = await db.all<Record<string, unknown>>(SELECT_RUBRICS);
	return rows.map((r) => ({
		rubricId: r.rubric_id as number,
		name: r.name as string,
		active: r.active as boolean,
		latestVersionId: r.latest_version_id as number,
		latestVersion: r.latest_version as number,
		versions: r.versions as number,
		evaluations: r.evaluations as number
	}));
}

export async function listRubricVersions(db: Db, rubricId: number) {
	const rows = await db.all<Record<string, unknown>>(SELECT_LIST_VERSIONS, { id: rubricId });
	return rows.map((r) => ({
		versionId: r.version_id as number,
		version: r.version as number,
		createdAt: r.created_at as Date,
		createdBy: (r.created_by as string | null) ?? null,
		note: (r.note as string | null) ?? null
	}));
}

export async function getRubricVersion(db: Db, versionId: number): Promise<RubricVersion | null> {
	return db.withConnection((conn) => readVersion(conn, versionId));
}

export async function getCurrentRubricVersion(db: Db): Promise<RubricVersion> {
	const row = await db.one<{ version_id: number | null }>(SELECT_CURRENT_VERSION);
	const version = row?.version_id != null ? await getRubricVersion(db, row.version_id) : null;
	if (!version) throw new Error('No active QA rubric: the seeded rubric is missing.');
	return version;
}

export async function readVersion(
	conn: DuckDBConnection,
	versionId: number
): Promise<RubricVersion | null> {
	const [head] = await all(conn, SELECT_VERSION, { id: versionId });
	if (!head) return null;
	const items = await all(conn, SELECT_ITEMS, { id: versionId });
	return {
		versionId: head.version_id as number,
		rubricId: head.rubric_id as number,
		name: head.name as string,
		version: head.version as number,
		createdAt: head.created_at as Date,
		createdBy: (head.created_by as string | null) ?? null,
		note: (head.note as string | null) ?? null,
		items: items.map((i) => ({
			key: i.item_key as string,
			position: i.position as number,
			section: i.section as string,
			label: i.label as string,
			guidance: (i.guidance as string | null) ?? null,
			weight: i.weight as number,
			scale: i.scale as Scale,
			allowNa: i.allow_na as boolean,
			critical: i.critical as boolean,
			focusArea: i.focus_area as string,
			autoQaRule: (i.autoqa_rule as string | null) ?? null
		}))
	};
}

export function validateRubricItems(items: RubricItemInput[]): string[] {
	const problems: string[] = [];
	if (items.length === 0) problems.push('A rubric needs at least one item.');
	const keys = new Set<string>();
	for (const [i, item] of items.entries()) {
		const where = `Item ${i + 1}`;
		if (!/^[a-z][a-z0-9_]{0,39}$/.test(item.key))
			problems.push(`${where}: the key must be lower-case letters, digits or _.`);
		if (keys.has(item.key)) problems.push(`${where}: the key "${item.key}" is used twice.`);
		keys.add(item.key);
		if (!item.label.trim()) problems.push(`${where}: the label is empty.`);
		if (!item.section.trim()) problems.push(`${where}: the section is empty.`);
		if (!(item.weight > 0) || !Number.isFinite(item.weight))
			problems.push(`${where}: the weight must be above 0.`);
		if (item.scale !== 'yes_no' && item.scale !== 'one_five')
			problems.push(`${where}: unknown scale.`);
		if (!(FOCUS_AREAS as readonly string[]).includes(item.focusArea))
			problems.push(`${where}: unknown focus area.`);
		if (item.autoQaRule && !/^[a-z][a-z0-9_]{0,39}$/.test(item.autoQaRule))
			problems.push(`${where}: unknown AutoQA rule.`);
	}
	return problems;
}

/** Saves items as a new version (of a new rubric when rubricId is null). Returns the version id. */
export async function saveRubricVersion(
	db: Db,
	input: { rubricId: number | null; name: string; note: string | null; items: RubricItemInput[] },
	by: string
): Promise<number> {
	const problems = validateRubricItems(input.items);
	if (!input.name.trim()) problems.unshift('The rubric needs a name.');
	if (problems.length > 0) throw new RubricInvalidError(problems);
	if (
		input.rubricId !== null &&
		(await sameAsLatest(db, input.rubricId, input.name, input.items))
	) {
		throw new RubricInvalidError(['Nothing changed, so no new version was saved.']);
	}
	return db.transaction(async (conn) => {
		let rubricId = input.rubricId;
		if (rubricId === null) {
			rubricId = (await all(conn, INSERT_RUBRIC, { name: input.name.trim() }))[0]
				.rubric_id as number;
		} else {
			await conn.run(RENAME_RUBRIC, { id: rubricId, name: input.name.trim() });
		}
		const [v] = await all(conn, INSERT_VERSION, { rubric: rubricId, by, note: input.note });
		const versionId = v.version_id as number;
		const appender = await conn.createAppender('qa_rubric_items');
		for (const [i, item] of input.items.entries()) {
			appender.appendInteger(versionId);
			appender.appendVarchar(item.key);
			appender.appendInteger(i + 1);
			appender.appendVarchar(item.section.trim());
			appender.appendVarchar(item.label.trim());
			if (item.guidance?.trim()) appender.appendVarchar(item.guidance.trim());
			else appender.appendNull();
			appender.appendDouble(item.weight);
			appender.appendVarchar(item.scale);
			appender.appendBoolean(item.allowNa);
			appender.appendBoolean(item.critical);
			appender.appendVarchar(item.focusArea);
			if (item.autoQaRule) appender.appendVarchar(item.autoQaRule);
			else appender.appendNull();
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
		return versionId;
	});
}

/** True when the name and items equal the rubric's latest version (saving would only add noise). */
async function sameAsLatest(
	db: Db,
	rubricId: number,
	name: string,
	items: RubricItemInput[]
): Promise<boolean> {
	const latest = (await listRubrics(db)).find((r) => r.rubricId === rubricId);
	const version = latest ? await getRubricVersion(db, latest.latestVersionId) : null;
	if (!version || version.name !== name.trim() || version.items.length !== items.length)
		return false;
	const norm = (i: RubricItemInput) =>
		JSON.stringify([
			i.key,
			i.section.trim(),
			i.label.trim(),
			i.guidance?.trim() || null,
			i.weight,
			i.scale,
			i.allowNa,
			i.critical,
			i.focusArea,
			i.autoQaRule || null
		]);
	return version.items.every((item, k) => norm(item) === norm(items[k]));
}

export class RubricInvalidError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(problems.join(' '));
		this.problems = problems;
	}
}
