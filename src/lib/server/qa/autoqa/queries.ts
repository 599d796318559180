// Read-side questions about AutoQA results, for the evaluation form, the rules page, the agent
// page and the QA lead's lists. Periods are [from, to) on the interaction's started_at.
import type { Db } from '../../db/index.ts';
import { tsParam } from '../../time/index.ts';
import { getSettings } from '../../settings/index.ts';
import { wilson } from '../../kpi/stats.ts';
import type { EvidenceHit } from './check.ts';
import type { Outcome } from './rules.ts';

export interface InteractionResult {
	ruleKey: string;
	label: string;
	kind: string;
	outcome: Outcome;
	detail: string;
	hits: EvidenceHit[];
	versionId: number;
}

const BY_INTERACTION = `-- an interaction's AutoQA results, in the rules' order, with the rule labels of their version
	SELECT r.rule_key, coalesce(q.label, r.rule_key) AS label, coalesce(q.kind, '') AS kind, r.outcome,
		r.detail, r.evidence, r.version_id
	FROM autoqa_results r
	LEFT JOIN autoqa_rules q ON q.version_id = r.version_id AND q.rule_key = r.rule_key
	WHERE r.interaction_id = $id ORDER BY q.position, r.rule_key`;

export async function listResultsForInteraction(
	db: Db,
	interactionId: string
): Promise<InteractionResult[]> {
	const rows = await db.all(BY_INTERACTION, { id: interactionId });
	return rows.map((r) => ({
		ruleKey: r.rule_key as string,
		label: r.label as string,
		kind: r.kind as string,
		outcome: r.outcome as Outcome,
		detail: r.detail as string,
		hits: JSON.parse(r.evidence as string) as EvidenceHit[],
		versionId: r.version_id as number
	}));
}

export interface RuleSummary {
	ruleKey: string;
	pass: number;
	fail: number;
	na: number;
}

const COVERAGE = `-- transcripts, and how many have results (any version, and the current one)
	WITH t AS (SELECT DISTINCT interaction_id FROM transcripts),
	r AS (SELECT interaction_id, max(version_id) AS v FROM autoqa_results GROUP BY ALL)
	SELECT count(*)::INTEGER AS transcripts,
		count(r.interaction_id)::INTEGER AS checked,
		count(r.interaction_id) FILTER (WHERE r.v = (SELECT max(version_id) FROM autoqa_versions))::INTEGER AS current
	FROM t LEFT JOIN r USING (interaction_id)`;

const SUMMARY = `-- outcome counts per rule over every stored result
	SELECT rule_key, count(*) FILTER (WHERE outcome = 'pass')::INTEGER AS pass,
		count(*) FILTER (WHERE outcome = 'fail')::INTEGER AS fail,
		count(*) FILTER (WHERE outcome = 'na')::INTEGER AS na
	FROM autoqa_results GROUP BY rule_key`;

/** Coverage (share of transcripts checked) and outcome counts per rule, for the rules page. */
export async function autoQaOverview(db: Db) {
	const [coverage, rows] = await Promise.all([
		db.one<{ transcripts: number; checked: number; current: number }>(COVERAGE),
		db.all(SUMMARY)
	]);
	return {
		transcripts: coverage?.transcripts ?? 0,
		checked: coverage?.checked ?? 0,
		current: coverage?.current ?? 0,
		rules: rows.map((r): RuleSummary => ({
			ruleKey: r.rule_key as string,
			pass: r.pass as number,
			fail: r.fail as number,
			na: r.na as number
		}))
	};
}

export interface AgentRuleRate extends RuleSummary {
	label: string;
	/** pass ÷ (pass + fail), 0–100; N/A never counts. Null without any pass or fail. */
	rate: number | null;
	low: number | null;
	high: number | null;
	n: number;
}

export interface AgentAutoQa {
	transcripts: number;
	checked: number;
	/** Below this many passes + failures a rate is "too few" (the KPI minimum sample). */
	minSample: number;
	rules: AgentRuleRate[];
}

const AGENT_COVERAGE = `-- the agent's transcripts in the period, and how many AutoQA has checked
	SELECT count(DISTINCT t.interaction_id)::INTEGER AS transcripts,
		count(DISTINCT r.interaction_id)::INTEGER AS checked
	FROM transcripts t JOIN interactions i USING (interaction_id)
	LEFT JOIN autoqa_results r ON r.interaction_id = t.interaction_id
	WHERE i.agent_id = $agent AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP`;

const AGENT_RULES = `-- the agent's outcomes per rule in the period, labelled by the current rules (order too)
	WITH cur AS (SELECT rule_key, label, position FROM autoqa_rules
		WHERE version_id = (SELECT max(version_id) FROM autoqa_versions))
	SELECT r.rule_key, any_value(coalesce(cur.label, r.rule_key)) AS label,
		count(*) FILTER (WHERE r.outcome = 'pass')::INTEGER AS pass,
		count(*) FILTER (WHERE r.outcome = 'fail')::INTEGER AS fail,
		count(*) FILTER (WHERE r.outcome = 'na')::INTEGER AS na
	FROM autoqa_results r JOIN interactions i USING (interaction_id)
	LEFT JOIN cur USING (rule_key)
	WHERE i.agent_id = $agent AND i.started_at >= $from::TIMESTAMP AND i.started_at < $to::TIMESTAMP
	GROUP BY r.rule_key ORDER BY min(cur.position), r.rule_key`;

/** Coverage and per-rule pass rates with 95 % Wilson intervals for one agent over [from, to). */
export async function agentAutoQa(
	db: Db,
	agentId: string,
	period: { from: Date; to: Date }
): Promise<AgentAutoQa> {
	const params = { agent: agentId, from: tsParam(period.from), to: tsParam(period.to) };
	const [coverage, rows, settings] = await Promise.all([
		db.one<{ transcripts: number; checked: number }>(AGENT_COVERAGE, params),
		db.all(AGENT_RULES, params),
		getSettings(db)
	]);
	return {
		transcripts: coverage?.transcripts ?? 0,
		checked: coverage?.checked ?? 0,
		minSample: settings.minSample,
		rules: rows.map((r) => {
			const pass = r.pass as number;
			const fail = r.fail as number;
			const ci = wilson(pass, pass + fail);
			return {
				ruleKey: r.rule_key as string,
				label: r.label as string,
				pass,
				fail,
				na: r.na as number,
				n: pass + fail,
				rate: pass + fail > 0 ? (100 * pass) / (pass + fail) : null,
				low: ci ? ci.low * 100 : null,
				high: ci ? ci.high * 100 : null
			};
		})
	};
}

/**
 * SQL predicate over an interactions alias: the interaction failed an AutoQA rule marked
 * "targeted pick for the review sample" (in the rule version its result came from).
 */
export function sampledFailureSql(alias: string): string {
	return `EXISTS (SELECT 1 FROM autoqa_results r JOIN autoqa_rules q USING (version_id, rule_key)
		WHERE r.interaction_id = ${alias}.interaction_id AND r.outcome = 'fail' AND q.sampling)`;
}
