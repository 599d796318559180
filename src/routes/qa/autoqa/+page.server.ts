// AutoQA rules: coverage and outcomes per rule, the editor (saving writes a new version and
// queues a background job that re-checks every transcript with it), and the version history.
// QA leads, managers and admins.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { guard } from '$lib/server/auth/guard.ts';
import { audit } from '$lib/server/auth/audit.ts';
import { getDb } from '$lib/server/db/index.ts';
import {
	autoQaOverview,
	describeRule,
	getCurrentRules,
	listRuleVersions,
	RulesInvalidError,
	saveRuleVersion
} from '$lib/server/qa/autoqa/index.ts';
import { identifiersText, parseRulesForm } from '$lib/server/qa/autoqa/form.ts';
import { reviewerAgreement } from '$lib/server/qa/autoqa/prefill.ts';
import { enqueueJob, processJobs } from '$lib/server/jobs/index.ts';
import type { Db } from '$lib/server/db/index.ts';

/**
 * Checking every transcript can take minutes on a large installation, so it is the post-import
 * job's AutoQA step run on its own, after the request has returned.
 */
async function queueCheck(db: Db, requestedBy: string): Promise<number> {
	const jobId = await enqueueJob(db, { kind: 'autoqa', steps: ['autoqa'], requestedBy });
	processJobs(db).kick();
	return jobId;
}

export const load = (async (event) => {
	guard(event);
	const db = await getDb();
	const [current, overview, versions, agreement] = await Promise.all([
		getCurrentRules(db),
		autoQaOverview(db),
		listRuleVersions(db),
		reviewerAgreement(db)
	]);
	return {
		versionId: current.versionId,
		rules: current.rules.map((r) => ({
			...r,
			description: describeRule(r),
			identifiers: r.params.kind === 'identity' ? identifiersText(r.params.identifiers) : null
		})),
		overview,
		versions,
		agreement
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const form = await event.request.formData();
		const current = await getCurrentRules(db);
		// Edits of an older version would silently undo someone else's save.
		if (Number(form.get('versionId')) !== current.versionId)
			return fail(409, {
				message: 'The rules changed while you were editing: reload the page and edit again.'
			});
		const rules = parseRulesForm(form, current.rules);
		const note = String(form.get('note') ?? '').slice(0, 500);
		let versionId: number;
		try {
			versionId = await saveRuleVersion(db, rules, user.name, note);
		} catch (err) {
			if (err instanceof RulesInvalidError) return fail(400, { message: err.problems.join(' ') });
			throw err;
		}
		const jobId = await queueCheck(db, user.email);
		await audit(db, {
			actor: user.email,
			action: 'qa.autoqa.save',
			subjectType: 'autoqa_version',
			subjectId: String(versionId),
			ip: event.getClientAddress(),
			detail: { rules: rules.length, enabled: rules.filter((r) => r.enabled).length, jobId }
		});
		return {
			ok: `Saved version ${versionId}. Every transcript is being re-checked in the background (job ${jobId}); reload this page to see the coverage with the new rules grow.`
		};
	},
	run: async (event) => {
		const user = guard(event);
		const db = await getDb();
		const jobId = await queueCheck(db, user.email);
		await audit(db, {
			actor: user.email,
			action: 'qa.autoqa.run',
			subjectType: 'job',
			subjectId: String(jobId),
			ip: event.getClientAddress()
		});
		return {
			ok: `New and changed transcripts are being checked in the background (job ${jobId}); reload this page to see the coverage.`
		};
	}
} satisfies Actions;
