// A rubric item linked to an AutoQA rule opens pre-filled from the rule's result: on a yes/no
// item a pass suggests Yes, a fail No, N/A suggests N/A where the item allows it. A 1–5 item is
// not guessed (a failed empathy check says nothing about 2 vs 3): it shows the evidence only.
// The reviewer confirms or overrides; what was suggested and what was chosen is kept per
// evaluation (qa_autoqa_answers) so the lead can see how often reviewers agree with the rules.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Db } from '../../db/index.ts';
import type { Answers } from '../scoring.ts';
import type { RubricItem } from '../rubrics.ts';
import type { InteractionResult } from './queries.ts';

export interface ItemHint {
	ruleKey: string;
	label: string;
	outcome: InteractionResult['outcome'];
	detail: string;
	/** "turn 3: “date of birth”" … */
	evidence: string[];
}

export interface Suggestion {
	itemKey: string;
	ruleKey: string;
	outcome: InteractionResult['outcome'];
	/** The suggested answer: 1, 0, null for N/A, undefined when the item is not pre-filled. */
	suggested: number | null | undefined;
}

export function evidenceLines(result: InteractionResult): string[] {
	return result.hits.map(
		(h) => `turn ${h.turn} (${h.note})${h.words.length ? `: “${h.words.join('”, “')}”` : ''}`
	);
}

export function suggestAnswers(items: RubricItem[], results: InteractionResult[]) {
	const answers: Answers = {};
	const hints: Record<string, ItemHint> = {};
	const suggestions: Suggestion[] = [];
	for (const item of items) {
		const result = item.autoQaRule ? results.find((r) => r.ruleKey === item.autoQaRule) : null;
		if (!result) continue;
		let suggested: number | null | undefined;
		if (item.scale === 'yes_no') {
			if (result.outcome === 'pass') suggested = 1;
			else if (result.outcome === 'fail') suggested = 0;
			else if (item.allowNa) suggested = null;
		}
		if (suggested !== undefined) answers[item.key] = suggested;
		hints[item.key] = {
			ruleKey: result.ruleKey,
			label: result.label,
			outcome: result.outcome,
			detail: result.detail,
			evidence: evidenceLines(result)
		};
		suggestions.push({
			itemKey: item.key,
			ruleKey: result.ruleKey,
			outcome: result.outcome,
			suggested
		});
	}
	return { answers, hints, suggestions };
}

/** Records, in the evaluation's transaction, each suggestion beside the reviewer's answer. */
export async function writeSuggestions(
	conn: DuckDBConnection,
	evaluationId: number,
	suggestions: Suggestion[],
	answers: Answers
): Promise<void> {
	if (suggestions.length === 0) return;
	const appender = await conn.createAppender('qa_autoqa_answers');
	for (const s of suggestions) {
		const answer = answers[s.itemKey];
		appender.appendInteger(evaluationId);
		appender.appendVarchar(s.itemKey);
		appender.appendVarchar(s.ruleKey);
		appender.appendVarchar(s.outcome);
		appender.appendBoolean(s.suggested !== undefined);
		if (s.suggested === undefined || s.suggested === null) appender.appendNull();
		else appender.appendInteger(s.suggested);
		if (answer === undefined || answer === null) appender.appendNull();
		else appender.appendInteger(answer);
		appender.appendBoolean(s.suggested !== undefined && s.suggested === (answer ?? null));
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}

const AGREEMENT = `-- how often reviewers kept what a rule suggested, per rule
	SELECT rule_key, count(*)::INTEGER AS prefilled, count(*) FILTER (WHERE agreed)::INTEGER AS kept
	FROM qa_autoqa_answers WHERE prefilled GROUP BY rule_key ORDER BY rule_key`;

/** Per rule: answers it pre-filled, and how many the reviewer kept. */
export async function reviewerAgreement(
	db: Db
): Promise<{ ruleKey: string; prefilled: number; kept: number }[]> {
	const rows = await db.all(AGREEMENT);
	return rows.map((r) => ({
		ruleKey: r.rule_key as string,
		prefilled: r.prefilled as number,
		kept: r.kept as number
	}));
}
