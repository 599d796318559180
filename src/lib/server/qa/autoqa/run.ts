// Running AutoQA over every transcript: part of the post-import work. An interaction is checked
// when it has no result yet, its result came from an older rule version, or what the rules read
// changed (turns, offsets, the patient turns' sentiment, the channel) — a hash says which. Work
// goes in chunks, each chunk's old results replaced in one transaction, so an interrupted run
// keeps what it finished.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../../db/index.ts';
import { checkTranscript, type CheckTurn, type RuleResult } from './check.ts';
import { getCurrentRules } from './versions.ts';
import { patientTurnSentimentSql } from '../../sentiment/reads.ts';

export interface AutoQaRunResult {
	versionId: number;
	/** Interactions with a transcript. */
	transcripts: number;
	checked: number;
	unchanged: number;
	/** Failed rule results written in this run. */
	failures: number;
}

const CHUNK = 1000;

/** -- per interaction with a transcript: the hash of everything the rules read */
export const INPUTS_CTE = `inputs AS (
	SELECT t.interaction_id, t.turn, t.speaker, t.offset_seconds, t.text, s.label, s.p_negative
	FROM transcripts t LEFT JOIN ${patientTurnSentimentSql()} s USING (interaction_id, turn)
),
hashed AS (
	SELECT n.interaction_id, md5(coalesce(any_value(i.channel), '') || chr(10) || string_agg(
		concat_ws('|', n.turn, n.speaker, n.offset_seconds, n.text, n.label, round(n.p_negative, 4)),
		chr(10) ORDER BY n.turn)) AS input_hash
	FROM inputs n LEFT JOIN interactions i USING (interaction_id)
	GROUP BY n.interaction_id
)`;

const PENDING_SQL = `-- transcripts whose AutoQA result is missing, from an older version, or stale
	WITH ${INPUTS_CTE},
	done AS (SELECT DISTINCT interaction_id, version_id, input_hash FROM autoqa_results)
	SELECT h.interaction_id, h.input_hash,
		(d.interaction_id IS NOT NULL AND d.version_id = $version AND d.input_hash = h.input_hash) AS fresh
	FROM hashed h LEFT JOIN done d USING (interaction_id)
	ORDER BY h.interaction_id`;

const TURNS_SQL = `-- the turns of a chunk of interactions, with channel and patient sentiment
	SELECT t.interaction_id, i.channel, t.turn::INTEGER AS turn, t.speaker, t.offset_seconds, t.text,
		s.label, s.p_negative
	FROM transcripts t
	LEFT JOIN interactions i USING (interaction_id)
	LEFT JOIN ${patientTurnSentimentSql()} s USING (interaction_id, turn)
	WHERE t.interaction_id IN (SELECT unnest(string_split($ids, chr(31))))
	ORDER BY t.interaction_id, t.turn`;

const DRUGS_SQL = `-- drug names the installation knows, for "health information"
	SELECT DISTINCT lower(drug_name) AS name FROM fills
	UNION SELECT DISTINCT lower(drug_name) FROM drug_classes`;

const DELETE_SQL = `-- a chunk's previous results, replaced as a whole
	DELETE FROM autoqa_results WHERE interaction_id IN (SELECT unnest(string_split($ids, chr(31))))`;

export async function runAutoQa(
	db: Db,
	opts: {
		all?: boolean;
		onProgress?: (done: number, total: number) => void;
		log?: (line: string) => void;
	} = {}
): Promise<AutoQaRunResult> {
	const version = await getCurrentRules(db);
	const rows = await db.all<{ interaction_id: string; input_hash: string; fresh: boolean }>(
		PENDING_SQL,
		{ version: version.versionId }
	);
	const todo = opts.all ? rows : rows.filter((r) => !r.fresh);
	const drugNames = new Set(
		(await db.all<{ name: string }>(DRUGS_SQL)).map((r) => r.name).filter(Boolean)
	);
	let failures = 0;
	opts.onProgress?.(0, todo.length);
	for (let i = 0; i < todo.length; i += CHUNK) {
		const chunk = todo.slice(i, i + CHUNK);
		const hashOf = new Map(chunk.map((r) => [r.interaction_id, r.input_hash]));
		// Ids travel as one unit-separator-joined string: a hash semi-join, no per-row list scan.
		const ids = chunk.map((r) => r.interaction_id).join('\u001f');
		await db.transaction(async (conn) => {
			const turns = await all(conn, TURNS_SQL, { ids });
			const results = new Map<string, RuleResult[]>();
			for (const [id, group] of groupTurns(turns)) {
				results.set(id, checkTranscript(version.rules, { ...group, drugNames }));
			}
			await conn.run(DELETE_SQL, { ids });
			failures += await appendResults(conn, version.versionId, hashOf, results);
		});
		opts.onProgress?.(i + chunk.length, todo.length);
	}
	opts.log?.(`AutoQA: ${todo.length} transcripts checked, ${failures} rule failures found.`);
	return {
		versionId: version.versionId,
		transcripts: rows.length,
		checked: todo.length,
		unchanged: rows.length - todo.length,
		failures
	};
}

function groupTurns(
	rows: Record<string, unknown>[]
): Map<string, { channel: string | null; turns: CheckTurn[] }> {
	const out = new Map<string, { channel: string | null; turns: CheckTurn[] }>();
	for (const r of rows) {
		const id = r.interaction_id as string;
		let group = out.get(id);
		if (!group) {
			group = { channel: (r.channel as string | null) ?? null, turns: [] };
			out.set(id, group);
		}
		group.turns.push({
			turn: r.turn as number,
			speaker: r.speaker as string,
			offset: (r.offset_seconds as number | null) ?? null,
			text: r.text as string,
			sentiment:
				r.label != null ? { label: r.label as string, pNegative: r.p_negative as number } : null
		});
	}
	return out;
}

async function appendResults(
	conn: DuckDBConnection,
	versionId: number,
	hashOf: Map<string, string>,
	results: Map<string, RuleResult[]>
): Promise<number> {
	const appender = await conn.createAppender('autoqa_results');
	let failures = 0;
	for (const [id, list] of results) {
		for (const r of list) {
			if (r.outcome === 'fail') failures++;
			appender.appendVarchar(id);
			appender.appendInteger(versionId);
			appender.appendVarchar(hashOf.get(id) ?? '');
			appender.appendVarchar(r.ruleKey);
			appender.appendVarchar(r.outcome);
			appender.appendVarchar(r.evidence.detail);
			appender.appendVarchar(JSON.stringify(r.evidence.hits));
			appender.appendDefault();
			appender.endRow();
		}
	}
	appender.flushSync();
	appender.closeSync();
	return failures;
}
