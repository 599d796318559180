// The first manager after new data should not wait for the KPI engine (its full Overview run is
// seconds on a busy machine). Imports now return before their job has refreshed the stored facts,
// and every finished step empties the page cache (cache.ts), so the default pages are computed in
// the background once the job queue is empty: at server start and after each job ends.
import type { Db } from '../db/index.ts';
import type { JobRunner } from '../jobs/index.ts';
import { getSettings } from '../settings/index.ts';
import { loadAdherence, parseAdherenceParams } from './adherence.ts';
import { listAgentScorecards } from './agents.ts';
import { lastDataDay } from './context.ts';
import { parseFilter } from './filters.ts';
import { warmOverview } from './overview.ts';
import { adherenceUrl } from './request.ts';

const PENDING = `-- jobs still to run or running: their steps would empty what a warm-up computes
SELECT count(*)::INTEGER AS n FROM jobs WHERE state IN ('queued', 'running')`;

/**
 * The default Overview and Agents scorecard (last 30 days up to the last day with data) and the
 * default Adherence page (the year up to that day).
 */
export async function warmDefaults(db: Db): Promise<void> {
	const { siteTimeZone: tz } = await getSettings(db);
	const day = await lastDataDay(db, tz);
	await warmOverview(db, day);
	await listAgentScorecards(db, parseFilter(new URL('http://warm/agents'), day, tz));
	const adherence = await adherenceUrl(db, new URL('http://warm/adherence'));
	await loadAdherence(db, parseFilter(adherence, day, tz), parseAdherenceParams(adherence) ?? {});
}

/**
 * Warms the defaults whenever the runner goes idle with nothing queued; returns the unsubscribe.
 * One check at a time; a change during one (a job ending while its start was being checked) is
 * checked again afterwards, so no job's end goes unwarmed.
 */
export function warmWhenIdle(
	db: Db,
	runner: JobRunner,
	warm: () => Promise<void> = () => warmDefaults(db),
	logError: (err: unknown) => void = (err) => console.error('Warming the pages failed:', err)
): () => void {
	let busy = false;
	let again = false;
	const check = (): void => {
		if (busy) {
			again = true;
			return;
		}
		busy = true;
		(async () => {
			const pending = await db.one<{ n: number }>(PENDING);
			if (pending?.n === 0) await warm();
		})()
			.catch(logError)
			.finally(() => {
				busy = false;
				if (again) {
					again = false;
					check();
				}
			});
	};
	return runner.subscribe(() => {
		if (runner.live === null) check();
	});
}
