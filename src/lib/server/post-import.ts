// What follows every import, from the CLI, the Import page or setup: score new texts, check new
// transcripts with AutoQA (after scoring: the empathy rule reads turn sentiment), then run the
// loop's rules (follow-ups and outreach, coaching, the weekly review sample) on fresh data.
import type { Db } from './db/index.ts';
import { scorePending } from './sentiment/score.ts';
import { runFollowUpRules } from './loop/index.ts';
import { buildReviewQueue, runCoachingRules } from './qa/index.ts';
import { runAutoQa } from './qa/autoqa/index.ts';

export interface PostImportSummary {
	scored: number;
	followUpsOpened: number;
	outreachOpened: number;
	coachingOpened: number;
}

export async function runPostImport(
	db: Db,
	opts: { log?: (line: string) => void; onProgress?: (done: number, total: number) => void } = {}
): Promise<PostImportSummary> {
	const log = opts.log ?? (() => {});
	const sentiment = await scorePending(db, { onProgress: opts.onProgress });
	log(
		`Sentiment: ${sentiment.scored} texts scored, ${sentiment.cached} already known (${sentiment.modelVersion}).`
	);
	await runAutoQa(db, { log });
	const followUps = await runFollowUpRules(db);
	log(
		`Follow-ups: ${followUps.opened} opened, ${followUps.attached} attached; outreach: ${followUps.outreachOpened} opened.`
	);
	const coaching = await runCoachingRules(db);
	await buildReviewQueue(db);
	log(`Coaching: ${coaching.opened} tasks opened, ${coaching.updated} updated.`);
	return {
		scored: sentiment.scored,
		followUpsOpened: followUps.opened,
		outreachOpened: followUps.outreachOpened,
		coachingOpened: coaching.opened
	};
}
