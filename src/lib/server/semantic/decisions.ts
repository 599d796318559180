// Business decisions named once, for every module that asks the question. Each is a predicate as
// SQL (bound values only; the column is the caller's alias) with the reason for its choice.

/**
 * "Complaint": a contact whose reason is complaint or medication_error. A reported medication
 * error is the gravest complaint; the follow-up rules open it with medication-safety severity and
 * QA sampling targets it like any complaint.
 */
export const COMPLAINT_REASONS = ['complaint', 'medication_error'] as const;

export function complaintSql(reasonColumn: string): string {
	return `${reasonColumn} IN (${COMPLAINT_REASONS.map((r) => `'${r}'`).join(', ')})`;
}

/**
 * "Bad CSAT": an answer at or below the follow-up threshold (setting followup_csat_max, default 2:
 * "dissatisfied" and "very dissatisfied" on the 1–5 scale). It opens a follow-up and is a
 * targeted QA pick. Not the same as "not satisfied" (below csat_satisfied_min, the complement of
 * the CSAT KPI's numerator), which the drill-down and coaching evidence use.
 */
export function badCsatSql(csatColumn: string, maxParam = '$badCsatMax'): string {
	return `${csatColumn} <= ${maxParam}`;
}

/** "Not satisfied": below the CSAT KPI's satisfied-from score (setting csat_satisfied_min). */
export function notSatisfiedSql(csatColumn: string, minParam = '$satisfied'): string {
	return `${csatColumn} < ${minParam}`;
}

/**
 * "Handled": an interaction that reached an agent. Abandoned calls never did, so they count in no
 * agent's figures (negative endings, QA samples, coaching evidence).
 */
export function handledSql(alias: string): string {
	return `${alias}.disposition <> 'abandoned' AND ${alias}.agent_id IS NOT NULL`;
}
