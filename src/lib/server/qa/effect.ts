// Coaching effect: once `effectWindowDays` (30) have passed since a task was done, compare the
// agent's focus KPI over the 30 days before "done" with the 30 days after (local days of the site
// time zone, to the same clock time), each with its 95%
// interval, and classify: improved / worse when the change is significant (two-proportion z-test
// for rates, Welch's z for the mean QA score, |z| > 1.96) in the good / bad direction, no change
// otherwise, too few when either side has less than the minimum sample.
import type { Db } from '../db/index.ts';
import { listAgentQaScores } from './queries.ts';
import { getSettings } from '../settings/index.ts';
import { addLocalDays, tsParam } from '../time/index.ts';
import {
	agentNegativeShares,
	agentProportions,
	compareMeans,
	compareProportions,
	meanInterval,
	wilson
} from './sources.ts';

export type Outcome = 'improved' | 'no_change' | 'worse' | 'too_few';

export type Sample =
	| { kind: 'proportion'; k: number; n: number }
	| { kind: 'mean'; mean: number | null; sd: number | null; n: number };

export interface Effect {
	before: { value: number | null; low: number | null; high: number | null; n: number };
	after: { value: number | null; low: number | null; high: number | null; n: number };
	z: number | null;
	outcome: Outcome;
}

function describe(s: Sample): Effect['before'] {
	if (s.kind === 'proportion') {
		const ci = wilson(s.k, s.n);
		return {
			value: s.n > 0 ? (100 * s.k) / s.n : null,
			low: ci ? ci.low * 100 : null,
			high: ci ? ci.high * 100 : null,
			n: s.n
		};
	}
	const ci = meanInterval({ mean: s.mean, stddev: s.sd, n: s.n });
	return { value: s.mean, low: ci?.low ?? null, high: ci?.high ?? null, n: s.n };
}

/** Classifies after vs before; `higherIsBetter` false for e.g. the negative-sentiment share. */
export function classifyEffect(
	before: Sample,
	after: Sample,
	higherIsBetter: boolean,
	minSample: number
): Effect {
	const b = describe(before);
	const a = describe(after);
	if (before.n < minSample || after.n < minSample)
		return { before: b, after: a, z: null, outcome: 'too_few' };
	const test =
		before.kind === 'proportion' && after.kind === 'proportion'
			? compareProportions(after.k, after.n, before.k, before.n)
			: compareMeans(
					{
						mean: (after as { mean: number | null }).mean,
						stddev: (after as { sd: number | null }).sd,
						n: after.n
					},
					{
						mean: (before as { mean: number | null }).mean,
						stddev: (before as { sd: number | null }).sd,
						n: before.n
					}
				);
	if (!test || !test.significant)
		return { before: b, after: a, z: test?.z ?? null, outcome: 'no_change' };
	const better = higherIsBetter ? test.change > 0 : test.change < 0;
	return { before: b, after: a, z: test.z, outcome: better ? 'improved' : 'worse' };
}

const DUE_TASKS = `-- done tasks whose after-window has passed and whose effect is not measured yet
	SELECT task_id, agent_id, focus_kpi, done_at FROM coaching_tasks
	WHERE state = 'done' AND done_at <= $doneBy
		AND task_id NOT IN (SELECT task_id FROM coaching_effects)`;

async function sampleFor(
	db: Db,
	agentId: string,
	kpi: string,
	period: { from: Date; to: Date }
): Promise<Sample> {
	if (kpi === 'csat' || kpi === 'fcr') {
		const rows = (await agentProportions(db, period, agentId))[kpi].filter(
			(r) => r.agentId === agentId
		);
		return { kind: 'proportion', k: rows[0]?.k ?? 0, n: rows[0]?.n ?? 0 };
	}
	if (kpi === 'qa_score') {
		const row = (await listAgentQaScores(db, period)).find((r) => r.agentId === agentId);
		return { kind: 'mean', mean: row?.score ?? null, sd: row?.sd ?? null, n: row?.n ?? 0 };
	}
	if (kpi === 'negative_share') {
		const row = (await agentNegativeShares(db, period)).find((r) => r.agentId === agentId);
		return { kind: 'proportion', k: row?.k ?? 0, n: row?.n ?? 0 };
	}
	throw new Error(`Unknown coaching focus KPI "${kpi}".`);
}

export async function measureEffect(
	db: Db,
	task: { agentId: string; focusKpi: string; doneAt: Date }
): Promise<Effect> {
	const settings = await getSettings(db);
	const days = settings.effectWindowDays;
	const tz = settings.siteTimeZone;
	const before = await sampleFor(db, task.agentId, task.focusKpi, {
		from: addLocalDays(task.doneAt, -days, tz),
		to: task.doneAt
	});
	const after = await sampleFor(db, task.agentId, task.focusKpi, {
		from: task.doneAt,
		to: addLocalDays(task.doneAt, days, tz)
	});
	const min = task.focusKpi === 'qa_score' ? settings.qaMinEvaluations : settings.minSample;
	return classifyEffect(before, after, task.focusKpi !== 'negative_share', min);
}

/** Measures every due effect; returns how many were recorded. */
export async function measureDueEffects(db: Db, now: Date): Promise<number> {
	const settings = await getSettings(db);
	const due = await db.all<{
		task_id: number;
		agent_id: string;
		focus_kpi: string;
		done_at: Date;
	}>(DUE_TASKS, {
		// The after-window of a task done at d ends at d + N local days; it has passed by now
		// when d is at or before now − N local days.
		doneBy: tsParam(addLocalDays(now, -settings.effectWindowDays, settings.siteTimeZone))
	});
	if (due.length === 0) return 0;
	const effects: { t: (typeof due)[number]; e: Effect }[] = [];
	for (const t of due) {
		effects.push({
			t,
			e: await measureEffect(db, { agentId: t.agent_id, focusKpi: t.focus_kpi, doneAt: t.done_at })
		});
	}
	await db.transaction(async (conn) => {
		const appender = await conn.createAppender('coaching_effects');
		for (const { t, e } of effects) {
			appender.appendInteger(t.task_id);
			appender.appendTimestamp(tsParam(now));
			appender.appendVarchar(t.focus_kpi);
			for (const side of [e.before, e.after]) {
				for (const v of [side.value, side.low, side.high]) {
					if (v === null) appender.appendNull();
					else appender.appendDouble(v);
				}
				appender.appendInteger(side.n);
			}
			if (e.z === null) appender.appendNull();
			else appender.appendDouble(e.z);
			appender.appendVarchar(e.outcome);
			appender.endRow();
		}
		appender.flushSync();
		appender.closeSync();
	});
	return effects.length;
}

const SUMMARY = `-- coaching effectiveness: outcomes by focus area or by QA lead
	SELECT CASE WHEN $by = 'owner' THEN coalesce(t.owner_name, '(unassigned)') ELSE t.focus_area END AS key,
		count(*)::INTEGER AS measured,
		count(*) FILTER (WHERE e.outcome = 'improved')::INTEGER AS improved,
		count(*) FILTER (WHERE e.outcome = 'no_change')::INTEGER AS no_change,
		count(*) FILTER (WHERE e.outcome = 'worse')::INTEGER AS worse,
		count(*) FILTER (WHERE e.outcome = 'too_few')::INTEGER AS too_few
	FROM coaching_effects e JOIN coaching_tasks t USING (task_id)
	GROUP BY ALL ORDER BY key`;

export interface EffectSummaryRow {
	key: string;
	measured: number;
	improved: number;
	no_change: number;
	worse: number;
	too_few: number;
}

export async function summarizeEffects(db: Db, by: 'focus' | 'owner'): Promise<EffectSummaryRow[]> {
	return db.all<EffectSummaryRow & Record<string, unknown>>(SUMMARY, { by });
}
