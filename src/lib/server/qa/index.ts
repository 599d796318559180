// QA review and coaching: the one entry point pages, the CLI and post-import use.
export { runCoachingRules, evaluateTriggers } from './coaching.ts';
export {
	classifyEffect,
	measureDueEffects,
	measureEffect,
	summarizeEffects,
	type Outcome
} from './effect.ts';
export {
	acknowledgeEvaluation,
	createEvaluation,
	disputeEvaluation,
	EvaluationConflictError,
	EvaluationError,
	releaseEvaluation,
	resolveDispute,
	type Actor,
	type EvaluationStatus,
	type EvaluationSummary
} from './evaluations.ts';
export { getEvaluation, type EvaluationDetail } from './evaluation-detail.ts';
export { listAgentLeads, listQaLeads } from './leads.ts';
export {
	agentQaScore,
	listAgentItemMeans,
	listAgentQaScores,
	listEvaluations,
	listEvaluationsForAgent,
	listEvaluationsForInteraction,
	type AgentQaScore,
	type AgentScoreRow,
	type RubricItemMean
} from './queries.ts';
export { listQueueWeeks, listReviewQueue, type QueueItem } from './queue.ts';
export {
	FOCUS_AREAS,
	getCurrentRubricVersion,
	getRubricVersion,
	listRubrics,
	listRubricVersions,
	RubricInvalidError,
	saveRubricVersion,
	type RubricItem,
	type RubricVersion
} from './rubrics.ts';
export { buildReviewQueue, defaultWeekStart, type QueueBuild } from './sampling.ts';
export { scoreEvaluation, itemScore, SCALE_RANGE, type Answers, type Scale } from './scoring.ts';
export {
	advanceTask,
	getCoachingTask,
	listCoachingForAgent,
	listCoachingTasks,
	NEXT_STATE,
	STATE_LABELS,
	TASK_STATES,
	TaskError,
	CoachingConflictError,
	type CoachingTask,
	type TaskState
} from './tasks.ts';
export { getInteractionForReview, parseAnswerForm, type ReviewInteraction } from './review.ts';
export { backfillCoaching } from './backfill.ts';
export {
	ClaimError,
	currentHolder,
	holdBeforeActing,
	moveItem,
	type Holder,
	type QueueItemRef
} from './claims.ts';
