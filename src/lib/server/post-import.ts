// What follows every import, as the steps of a background job (jobs/): the registry.
//
// To add a step, add one entry to POST_IMPORT_STEPS where it belongs in the order (a step sees
// what the steps before it wrote): a stable `name`, a `label` people read, and `run(ctx)`, which
// does the work and returns a short note. A step must be safe to run again after being cut off
// midway (a crash, kill -9, a failure and re-run): write in chunks that each commit whole, and
// skip what is already done. `ctx.now` is when the job was queued; `ctx.importIds` are the
// imports it follows; `ctx.progress(done, total)` feeds the Import page and `careloop jobs`.
import type { JobStep } from './jobs/runner.ts';
import { scorePending } from './sentiment/score.ts';
import { redactPending } from './privacy/store.ts';
import { refreshDerived } from './kpi/derived.ts';
import { getSettings } from './settings/index.ts';
import { runFollowUpRules } from './loop/index.ts';
import { backfillCoaching, buildReviewQueue, runCoachingRules } from './qa/index.ts';
import { runAutoQa } from './qa/autoqa/index.ts';
import { replayFollowUps } from './loop/demo-replay.ts';

const n = (x: number) => x.toLocaleString('en-US');

export const POST_IMPORT_STEPS: readonly JobStep[] = [
	{
		name: 'kpi-facts',
		label: 'KPI figures',
		async run(ctx) {
			// One transaction from the last watermark: a cut-off run left nothing half done.
			const r = await refreshDerived(ctx.db, await getSettings(ctx.db));
			return `${n(r.rewritten)} contacts ${r.rebuilt ? 'rebuilt' : 'brought up to date'}`;
		}
	},
	{
		name: 'privacy',
		label: 'Identifier redaction',
		async run(ctx) {
			// Before sentiment and the rules, which read and quote the text. Batches commit whole
			// and text the redactor has been over is skipped, so a resumed run carries on. Rows
			// imported with redaction on were redacted as they staged; this catches the rest.
			const r = await redactPending(ctx.db, { onProgress: (p) => ctx.progress(p.done, p.total) });
			return r.skipped
				? 'redaction is off'
				: `${n(r.checked)} texts checked, ${n(r.redacted)} redacted`;
		}
	},
	{
		name: 'sentiment',
		label: 'Sentiment scores',
		async run(ctx) {
			// Scores commit 1,024 texts at a time and known texts are skipped, so a resumed run
			// picks up where the last one stopped.
			const r = await scorePending(ctx.db, { onProgress: ctx.progress });
			return `${n(r.scored)} texts scored, ${n(r.cached)} already known`;
		}
	},
	{
		name: 'autoqa',
		label: 'AutoQA checks',
		async run(ctx) {
			// After sentiment: the empathy rule reads the patient turns' scores. Before the QA
			// sample, which may target AutoQA failures. Chunks of 1,000 commit whole and a checked
			// transcript whose inputs and rule version are unchanged is skipped, so a resumed run
			// picks up where the last one stopped.
			const r = await runAutoQa(ctx.db, { onProgress: ctx.progress });
			return `${n(r.checked)} transcripts checked, ${n(r.failures)} rule failures`;
		}
	},
	{
		name: 'follow-ups',
		label: 'Follow-up and outreach rules',
		async run(ctx) {
			// One transaction; source keys make a re-run attach nothing twice.
			const r = await runFollowUpRules(ctx.db, { now: ctx.now });
			return `${n(r.opened)} follow-ups opened, ${n(r.attached)} events attached, ${n(r.outreachOpened)} outreach tasks opened`;
		}
	},
	{
		name: 'coaching',
		label: 'Coaching rules',
		async run(ctx) {
			const r = await runCoachingRules(ctx.db, { now: ctx.now });
			return `${n(r.opened)} coaching tasks opened, ${n(r.updated)} updated`;
		}
	},
	{
		name: 'qa-sample',
		label: 'QA review sample',
		async run(ctx) {
			const r = await buildReviewQueue(ctx.db, { now: ctx.now });
			return `week of ${r.weekStart}: ${n(r.picked)} interactions picked`;
		}
	}
];

/** Steps that only a fresh demo database gets, after the post-import steps. */
export const DEMO_STEPS: readonly JobStep[] = [
	{
		name: 'demo-coaching-history',
		label: 'Demo coaching history',
		async run(ctx) {
			// Replays 90 days of coaching once so the effectiveness view has finished tasks to show.
			const r = await backfillCoaching(ctx.db);
			return `${n(r.tasks)} tasks replayed, ${n(r.effects)} effects measured`;
		}
	},
	{
		name: 'demo-follow-up-history',
		label: 'Demo follow-up history',
		async run(ctx) {
			// A month of follow-up work done as a team would, so the loop's figures start as a
			// believable mix instead of every task open and past due.
			const r = await replayFollowUps(ctx.db, { days: 30, now: ctx.now });
			if (r.runs === 0) return 'already replayed';
			return `${n(r.tasks)} tasks worked: ${n(r.closedOnTime)} closed on time, ${n(r.closedLate)} late, ${n(r.stillOpen)} open`;
		}
	}
];

/** Every step a stored job may name. */
export const ALL_STEPS: readonly JobStep[] = [...POST_IMPORT_STEPS, ...DEMO_STEPS];

export const postImportStepNames = (): string[] => POST_IMPORT_STEPS.map((s) => s.name);
