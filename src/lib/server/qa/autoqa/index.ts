// AutoQA: rules over every transcript, with evidence. The one entry point for pages, the CLI
// and post-import work.
export {
	checkTranscript,
	holdSeconds,
	type CheckInput,
	type CheckTurn,
	type Evidence,
	type EvidenceHit,
	type RuleResult
} from './check.ts';
export {
	evaluateLabelledSet,
	readLabels,
	ruleFigures,
	type LabelledOutcome,
	type RuleFigures
} from './eval.ts';
export { findPhrases, phraseProblem } from './match.ts';
export {
	canonicalJson,
	describeRule,
	RULE_KINDS,
	ruleProblems,
	ruleSetProblems,
	type AutoQaRule,
	type CallWindow,
	type Outcome,
	type RuleKind,
	type RuleParams
} from './rules.ts';
export { runAutoQa, type AutoQaRunResult } from './run.ts';
export {
	getCurrentRules,
	getRuleVersion,
	listRuleVersions,
	RulesInvalidError,
	saveRuleVersion,
	type RuleVersion
} from './versions.ts';
export {
	identityRuleKey,
	listRuleFailures,
	type FailureFilter,
	type FailureRow,
	type FailureSort
} from './failures.ts';
export {
	agentAutoQa,
	autoQaOverview,
	listResultsForInteraction,
	type AgentAutoQa,
	type AgentRuleRate,
	type InteractionResult,
	type RuleSummary
} from './queries.ts';
