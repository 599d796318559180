// Plain-text tables for `careloop sentiment train` and `eval` (the README copies them).
import { accuracyInterval, type Metrics } from '../../src/lib/server/sentiment/evaluate.ts';
import type { Interval } from '../../src/lib/server/kpi/stats.ts';
import {
	TARGETS,
	type HeldOutReport,
	type PairedReport
} from '../../src/lib/server/sentiment/heldout.ts';
import { LABELS } from '../../src/lib/server/sentiment/labels.ts';
import type { TrainResult } from '../../src/lib/server/sentiment/train.ts';
import type { CandidateFigures } from '../../src/lib/server/sentiment/validate.ts';

const pct = (x: number | null | undefined) =>
	x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`;

export function formatMetrics(m: Metrics, file: string, what: string): string {
	const head = `predicted →  ${LABELS.map((l) => l.padStart(9)).join('')}`;
	const rows = LABELS.map(
		(t) => `${t.padEnd(12)} ${LABELS.map((p) => String(m.confusion[t][p]).padStart(9)).join('')}`
	);
	const notScored = m.not_scored ? `, ${m.not_scored} not scored (another language)` : '';
	const lines = [
		`${file} (${what}): n ${m.n}, accuracy ${pct(m.accuracy)}, macro-F1 ${pct(m.macro_f1)}${notScored}`,
		head,
		...rows
	];
	if (m.calibration) lines.push(`ECE ${pct(m.calibration.ece)}`);
	return lines.join('\n');
}

const SET_NAMES: Record<string, string> = {
	sst2: 'SST-2 sentences',
	amazon: 'Amazon multi-domain reviews',
	druglib: 'DrugLib joined reviews',
	drugscom: 'Drugs.com subset',
	imdb: 'IMDB reviews',
	seed: 'hand-written pharmacy set',
	spanish: 'hand-written Spanish set'
};

/**
 * How a measured accuracy stands against its target: met or not, and whether the target lies
 * inside the 95 % interval (then the miss, or the pass, is within sampling error).
 */
export function judge(accuracy: number, goal: number, ci: Interval | null): string {
	const met = accuracy >= goal ? 'met' : 'not met';
	const inside = ci !== null && goal >= ci.low && goal <= ci.high;
	return ` (${met}${inside ? ', inside the interval' : ''})`;
}

export function formatHeldOut(r: HeldOutReport): string {
	const out = [
		`Held-out sets from ${r.corpusDir} (by hash of the text, never trained on); model ${r.modelVersion}.`,
		'',
		'| set | labels | n | model accuracy / macro-F1 | 95 % interval | VADER accuracy / macro-F1 | target | ECE |',
		'|---|---|---|---|---|---|---|---|'
	];
	for (const row of r.rows) {
		const name = SET_NAMES[row.set] ?? row.set;
		for (const [labels, pair] of [
			['binary', row.binary],
			['3 labels', row.threeLabel]
		] as const) {
			if (!pair) continue;
			const goal = labels === 'binary' ? TARGETS[row.set] : undefined;
			const ci = accuracyInterval(pair.model);
			const target =
				goal === undefined ? '' : `≥ ${pct(goal)}${judge(pair.model.accuracy, goal, ci)}`;
			const ns = pair.model.not_scored ? ` (${pair.model.not_scored} not scored)` : '';
			out.push(
				`| ${name} | ${labels} | ${pair.model.n} | **${pct(pair.model.accuracy)}** / ${pct(pair.model.macro_f1)}${ns} | ${ci ? `${pct(ci.low)}–${pct(ci.high)}` : '–'} | ${pct(pair.vader.accuracy)} / ${pct(pair.vader.macro_f1)} | ${target} | ${pct(pair.model.calibration?.ece)} |`
			);
		}
	}
	out.push(
		'',
		`Calibration over every held-out row (n ${r.calibration.n}, top label of three): ECE ${pct(r.calibration.ece)}; "p(negative) ≥ 0.8" was negative ${pct(r.negativeAt80.precision)} of ${r.negativeAt80.n} times.`,
		'',
		'| p(top label) | n | mean p | accuracy |',
		'|---|---|---|---|'
	);
	for (const b of r.calibration.bins) {
		if (b.n === 0) continue;
		out.push(
			`| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.n} | ${pct(b.meanConfidence)} | ${pct(b.accuracy)} |`
		);
	}
	return out.join('\n');
}

export function formatTrained(r: TrainResult): string {
	const sources = Object.entries(r.bySource)
		.map(([s, n]) => `${s} ${n}`)
		.join(', ');
	const lines = [
		`Trained ${r.out} in ${r.seconds.toFixed(0)} s (${r.cpuSeconds.toFixed(0)} CPU-s): ${r.examples} examples (${sources}), ${r.vocabSize} words, temperature ${r.temperature.toFixed(3)}, weights sha256 ${r.sha256.slice(0, 12)}.`,
		`Validation: ECE ${pct(r.figures.validation.before.ece)} before calibration, ${pct(r.figures.validation.after.ece)} after; binary accuracy ${pct(r.figures.validation.after.binaryAccuracy)}.`
	];
	if (r.spanish)
		lines.push(
			`Spanish model (es/, for text the language check takes as Spanish): ${r.spanish.vocabSize} words, temperature ${r.spanish.temperature.toFixed(3)}, weights sha256 ${r.spanish.sha256.slice(0, 12)}.`
		);
	for (const [set, f] of Object.entries(r.figures.tests))
		lines.push(
			`  held-out ${set}: binary ${pct(f.binaryAccuracy)} (n ${f.binaryN}), 3 labels ${pct(f.accuracy3)} (n ${f.n})`
		);
	return lines.join('\n');
}

/** One candidate's validation figures: a row per group (corpus, Spanish validation, seed folds). */
export function formatValidation(r: CandidateFigures): string {
	const lines = [
		`${r.name} (${r.seconds.toFixed(0)} s)`,
		'| group | n | binary accuracy | 3-label accuracy | log-loss |',
		'|---|---|---|---|---|'
	];
	for (const [group, f] of Object.entries(r.groups))
		lines.push(
			`| ${group} | ${f.n} | ${pct(f.binaryAccuracy)} (n ${f.binaryN}) | ${pct(f.accuracy3)} | ${f.logLoss.toFixed(3)} |`
		);
	return lines.join('\n');
}

/** Two models on the same held-out rows: accuracies, the rows only one got right, McNemar's p. */
export function formatPaired(r: PairedReport): string {
	const out = [
		`Held-out sets from ${r.corpusDir}: A = ${r.modelA}, B = ${r.modelB}, the same rows for both.`,
		'',
		'| set | labels | n | A | B | only A right | only B right | McNemar p |',
		'|---|---|---|---|---|---|---|---|'
	];
	for (const row of r.rows)
		out.push(
			`| ${SET_NAMES[row.set] ?? row.set} | ${row.labels} | ${row.paired.n} | ${pct(row.accuracyA)} | ${pct(row.accuracyB)} | ${row.paired.onlyA} | ${row.paired.onlyB} | ${row.paired.p.toFixed(3)} |`
		);
	out.push(
		'',
		'McNemar p: the chance of a split of the rows only one model got right at least this uneven if both were equally accurate (exact, two-sided). Above 0.05 the difference is within sampling noise.'
	);
	return out.join('\n');
}
