// Coaching triggers over a trailing window (default 30 days), one candidate per agent and rule:
// - kpi:csat, kpi:fcr — the agent's rate misses its target and the 95% Wilson interval says so
//   (upper bound below a "≥" target), with at least `minSample` responses / eligible contacts;
// - qa — the mean QA score is below `qaThreshold` (at least `qaMinEvaluations` evaluations), or
//   any evaluation in the window failed a critical item;
// - sentiment:negative — the agent's share of calls whose patient sentiment ends negative
//   (sentiment's end_label) is above the rest of their team's, significant in a two-proportion z-test (|z| > 1.96), with at
//   least `minSample` scored calls. Fewer data than the minimum never opens a task.
// Pure functions here; coaching.ts gathers the inputs and writes the tasks.
import { compareProportions, meanInterval, wilson, type Target } from './sources.ts';

export interface KpiCandidateInput {
	agentId: string;
	kpi: 'csat' | 'fcr';
	k: number;
	n: number;
	target: Pick<Target, 'comparison' | 'value'> | null;
	minSample: number;
}

export interface Trigger {
	agentId: string;
	triggerKey: string;
	focusArea: string;
	focusKpi: 'csat' | 'fcr' | 'qa_score' | 'negative_share';
	title: string;
	evidence: Evidence;
}

export interface Evidence {
	kind: 'kpi' | 'qa' | 'sentiment';
	figure: number | null;
	low: number | null;
	high: number | null;
	n: number;
	k?: number;
	target?: number;
	comparison?: 'min' | 'max';
	detail: string;
	window: { from: string; to: string };
	interactions: string[];
	[more: string]: unknown;
}

const KPI_LABEL = { csat: 'CSAT', fcr: 'FCR' } as const;
const KPI_FOCUS = { csat: 'patient_experience', fcr: 'resolution' } as const;

export function kpiTrigger(
	input: KpiCandidateInput,
	window: { from: string; to: string },
	interactions: string[]
): Trigger | null {
	const { k, n, target } = input;
	// Only "≥" targets can be shown missed by an upper bound; CSAT and FCR targets are minimums.
	if (!target || target.comparison !== 'min' || n < input.minSample || n === 0) return null;
	const ci = wilson(k, n)!;
	if (ci.high * 100 >= target.value) return null;
	const label = KPI_LABEL[input.kpi];
	const figure = (100 * k) / n;
	return {
		agentId: input.agentId,
		triggerKey: `kpi:${input.kpi}`,
		focusArea: KPI_FOCUS[input.kpi],
		focusKpi: input.kpi,
		title: `${label} below target`,
		evidence: {
			kind: 'kpi',
			kpi: input.kpi,
			figure,
			low: ci.low * 100,
			high: ci.high * 100,
			k,
			n,
			target: target.value,
			comparison: 'min',
			detail: `${label} ${figure.toFixed(1)} % (95 % interval ${(ci.low * 100).toFixed(1)}–${(ci.high * 100).toFixed(1)} %, n = ${n}) is below the target of ${target.value} %.`,
			window,
			interactions
		}
	};
}

export interface QaCandidateInput {
	agentId: string;
	score: number;
	n: number;
	sd: number | null;
	criticalFails: number;
	criticalFocus: string | null;
	threshold: number;
	minEvaluations: number;
}

export function qaTrigger(
	input: QaCandidateInput,
	window: { from: string; to: string },
	interactions: string[]
): Trigger | null {
	const below = input.n >= input.minEvaluations && input.score < input.threshold;
	const critical = input.criticalFails > 0;
	if (!below && !critical) return null;
	const ci = meanInterval({ mean: input.score, stddev: input.sd, n: input.n });
	const parts: string[] = [];
	if (below)
		parts.push(
			`QA score ${input.score.toFixed(1)} over ${input.n} evaluations is below ${input.threshold}`
		);
	if (critical)
		parts.push(
			`${input.criticalFails} evaluation${input.criticalFails === 1 ? '' : 's'} failed a critical item`
		);
	return {
		agentId: input.agentId,
		triggerKey: 'qa',
		focusArea: critical ? (input.criticalFocus ?? 'compliance') : 'quality',
		focusKpi: 'qa_score',
		title: critical ? 'Critical QA item failed' : 'QA score below threshold',
		evidence: {
			kind: 'qa',
			figure: input.score,
			low: ci?.low ?? null,
			high: ci?.high ?? null,
			n: input.n,
			target: input.threshold,
			comparison: 'min',
			criticalFails: input.criticalFails,
			detail: `${parts.join('; ')}.`,
			window,
			interactions
		}
	};
}

export interface SentimentCandidateInput {
	agentId: string;
	team: string | null;
	k: number;
	n: number;
	teamK: number;
	teamN: number;
	minSample: number;
}

export function sentimentTrigger(
	input: SentimentCandidateInput,
	window: { from: string; to: string },
	interactions: string[]
): Trigger | null {
	if (input.n < input.minSample || input.teamN < input.minSample) return null;
	const test = compareProportions(input.k, input.n, input.teamK, input.teamN);
	if (!test || !test.significant || test.change <= 0) return null;
	const ci = wilson(input.k, input.n)!;
	const share = (100 * input.k) / input.n;
	const teamShare = (100 * input.teamK) / input.teamN;
	return {
		agentId: input.agentId,
		triggerKey: 'sentiment:negative',
		focusArea: 'soft_skills',
		focusKpi: 'negative_share',
		title: 'Negative sentiment above the team',
		evidence: {
			kind: 'sentiment',
			figure: share,
			low: ci.low * 100,
			high: ci.high * 100,
			k: input.k,
			n: input.n,
			target: teamShare,
			comparison: 'max',
			team: input.team,
			teamK: input.teamK,
			teamN: input.teamN,
			z: test.z,
			detail: `${share.toFixed(1)} % of calls end negative (n = ${input.n}) against ${teamShare.toFixed(1)} % for the rest of team ${input.team ?? '(none)'} (n = ${input.teamN}); z = ${test.z?.toFixed(2)}.`,
			window,
			interactions
		}
	};
}
