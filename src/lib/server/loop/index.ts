// The loop's public surface: rules (after every import), the queue store, and the figures.
//   runFollowUpRules(db, { now? }) → { opened, attached, outreachOpened }
//   followUpFigures(db, { from, to, now? }) → FollowUpFigures (SLA, first contact, backlog, reopen,
//     recovery, repeat complaints, outreach funnel and conversion)
//   countOpenComplaints(db, now?) → { open, overdue };  listFollowUpsForInteraction(db, id)
//   actorFor(db, user) → Actor;  listTasks(db, actor, filter);  getTask(db, actor, id)
//   claimTask / assignTask / bulkAssign / addNote / logAttempt / saveResponse / resolveTask /
//     reopenTask / saveIncident / reviewIncident — each versioned and audited
export { runFollowUpRules, type RuleRunSummary } from './rules.ts';
export { followUpFigures, type FollowUpFigures } from './figures.ts';
export {
	countOpenComplaints,
	listFollowUpsForInteraction,
	type OpenComplaints,
	type FollowUpLink
} from './reads.ts';
export {
	actorFor,
	setQueueMember,
	setQueueMembers,
	listQueueMembers,
	mayAssignOthers,
	mayReviewIncident,
	type Actor
} from './access.ts';
export {
	listTasks,
	getTask,
	listAssignees,
	STATUSES,
	type QueueFilter,
	type TaskSummary,
	type TaskDetail
} from './queue.ts';
export {
	claimTask,
	assignTask,
	bulkAssign,
	addNote,
	logAttempt,
	saveResponse,
	resolveTask,
	reopenTask,
	TaskConflictError,
	TaskRuleError,
	TaskForbiddenError,
	TaskNotFoundError,
	CONFLICT_MESSAGE,
	CHANNELS,
	COMPLAINT_ATTEMPT_OUTCOMES,
	OUTREACH_OUTCOMES,
	RESOLUTIONS,
	ROOT_CAUSES
} from './actions.ts';
export { saveIncident, reviewIncident, HARM_CATEGORIES, type IncidentInput } from './incident.ts';
export { CATEGORIES, CATEGORY_LABELS, SEVERITIES } from './categorize.ts';
export { SCRIPTS } from './outreach.ts';
