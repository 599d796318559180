// The incident-report gate for medication errors: medication, dose prescribed vs dispensed, date,
// staff involved and NCC MERP harm category A–I, signed off by a pharmacist or manager. Editing a
// report after review clears the review, so what was signed off is what is on file.
import type { Db } from '../db/index.ts';
import { all } from '../db/index.ts';
import { mayReviewIncident, type Actor } from './access.ts';
import { parseDate, tsParam } from '../time/index.ts';
import {
	change,
	requireFits,
	requireOpen,
	TaskForbiddenError,
	TaskRuleError,
	versioned
} from './actions.ts';

/** NCC MERP Index for Categorizing Medication Errors. */
export const HARM_CATEGORIES: Record<string, string> = {
	A: 'A — circumstances or events that have the capacity to cause error',
	B: 'B — an error occurred but did not reach the patient',
	C: 'C — reached the patient, did not cause harm',
	D: 'D — reached the patient, needed monitoring to confirm no harm',
	E: 'E — temporary harm, required intervention',
	F: 'F — temporary harm, required initial or prolonged hospitalisation',
	G: 'G — permanent patient harm',
	H: 'H — intervention required to sustain life',
	I: 'I — contributed to or resulted in the patient’s death'
};

export interface IncidentInput {
	medication: string;
	dosePrescribed: string;
	doseDispensed: string;
	eventDate: string;
	staffInvolved: string;
	harmCategory: string;
	description?: string | null;
}

/** Returns the list of problems (empty when the report is complete). */
export function validateIncident(i: IncidentInput): string[] {
	const problems: string[] = [];
	if (!i.medication.trim()) problems.push('the medication');
	if (!i.dosePrescribed.trim()) problems.push('the dose prescribed');
	if (!i.doseDispensed.trim()) problems.push('the dose dispensed');
	// A real calendar day: JavaScript would read 2026-02-31 as 3 March, DuckDB refuses it.
	if (parseDate(i.eventDate) === null) problems.push('the date (a real date, YYYY-MM-DD)');
	if (!i.staffInvolved.trim()) problems.push('the staff involved');
	if (!(i.harmCategory in HARM_CATEGORIES)) problems.push('the harm category (A–I)');
	return problems;
}

const DELETE_REPORT = `-- replace a task's report (one per task)
DELETE FROM incident_reports WHERE follow_up_id = $id`;
const INSERT_REPORT = `-- file a task's incident report, not yet reviewed
INSERT INTO incident_reports (follow_up_id, medication, dose_prescribed, dose_dispensed, event_date, staff_involved,
	harm_category, description, submitted_by, submitted_by_name, submitted_at)
VALUES ($id, $medication, $prescribed, $dispensed, $date::DATE, $staff, $harm, $description, $uid, $uname, $now::TIMESTAMP)`;
const HAS_REPORT = `-- is there a report to review, and who wrote it?
SELECT count(*)::INTEGER AS n, max(submitted_by) AS author FROM incident_reports WHERE follow_up_id = $id`;
const REVIEW = `-- sign a report off
UPDATE incident_reports SET reviewed_by = $uid, reviewed_by_name = $uname, reviewed_at = $now::TIMESTAMP WHERE follow_up_id = $id`;

export async function saveIncident(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	i: IncidentInput,
	ip?: string | null
): Promise<number> {
	const problems = validateIncident(i);
	if (problems.length) throw new TaskRuleError(`The incident report needs ${problems.join(', ')}.`);
	for (const field of [i.medication, i.dosePrescribed, i.doseDispensed, i.staffInvolved])
		requireFits('incidentField', field);
	requireFits('incidentDescription', i.description);
	return change(
		db,
		actor,
		id,
		'incident_save',
		async (ctx) => {
			requireOpen(ctx.task);
			if (ctx.task.category !== 'medication_safety')
				throw new TaskRuleError('Incident reports are for medication-safety follow-ups.');
			const v = await versioned(ctx, version, '', {});
			await ctx.conn.run(DELETE_REPORT, { id });
			await ctx.conn.run(INSERT_REPORT, {
				id,
				medication: i.medication.trim(),
				prescribed: i.dosePrescribed.trim(),
				dispensed: i.doseDispensed.trim(),
				date: i.eventDate,
				staff: i.staffInvolved.trim(),
				harm: i.harmCategory,
				description: i.description?.trim() || null,
				uid: actor.id,
				uname: actor.name,
				now: tsParam(ctx.now)
			});
			return { result: v, detail: { harmCategory: i.harmCategory } };
		},
		ip,
		version
	);
}

export async function reviewIncident(
	db: Db,
	actor: Actor,
	id: number,
	version: number,
	ip?: string | null
): Promise<number> {
	return change(
		db,
		actor,
		id,
		'incident_review',
		async (ctx) => {
			requireOpen(ctx.task);
			if (!mayReviewIncident(actor))
				throw new TaskForbiddenError(
					'Only a pharmacist or a manager can review an incident report.'
				);
			const [report] = await all<{ n: number; author: string | null }>(ctx.conn, HAS_REPORT, {
				id
			});
			if (report.n === 0) throw new TaskRuleError('There is no incident report to review yet.');
			// Two people: whoever wrote (or last edited) the report cannot also sign it off.
			if (report.author === actor.id)
				throw new TaskRuleError(
					'You wrote this incident report, so another pharmacist or a manager must review it.'
				);
			const v = await versioned(ctx, version, '', {});
			await ctx.conn.run(REVIEW, {
				id,
				uid: actor.id,
				uname: actor.name,
				now: tsParam(ctx.now)
			});
			return { result: v };
		},
		ip,
		version
	);
}
