// How good the rules are, measured on a hand-labelled set (tests/fixtures/autoqa): the set is
// imported into a throw-away in-memory database through the ordinary import, its patient turns
// scored by the sentiment model, the rules run, and each rule's outcome compared with the label.
// A rule's finding is its failure, so precision = flagged failures that are real failures, and
// recall = real failures flagged; "agreement" counts exact matches of pass / fail / N/A. Every
// rule is measured, enabled or not.
import { join } from 'node:path';
import { openDb, type Db } from '../../db/index.ts';
import { ingestPaths } from '../../ingest/index.ts';
import { scorePending } from '../../sentiment/score.ts';
import { canonicalJson, type AutoQaRule, type Outcome } from './rules.ts';
import { runAutoQa } from './run.ts';
import { getCurrentRules, saveRuleVersion } from './versions.ts';

export interface RuleFigures {
	rule: string;
	label: string;
	enabled: boolean;
	/** Labelled interactions. */
	n: number;
	truePositives: number;
	falsePositives: number;
	falseNegatives: number;
	/** Flagged failures that are failures; null when the rule flagged nothing. */
	precision: number | null;
	/** Failures that were flagged; null when the set has no failure for the rule. */
	recall: number | null;
	/** Share of interactions where pass / fail / N/A equals the label. */
	agreement: number;
}

export interface LabelledOutcome {
	interactionId: string;
	rule: string;
	label: Outcome;
	predicted: Outcome | null;
}

const FILES = ['interactions.csv', 'transcripts.csv', 'fills.csv'];
const OUTCOMES = new Set(['pass', 'fail', 'na']);

/** Pure: the figures of one rule from its labelled and predicted outcomes. */
export function ruleFigures(
	rule: Pick<AutoQaRule, 'key' | 'label' | 'enabled'>,
	rows: LabelledOutcome[]
): RuleFigures {
	const mine = rows.filter((r) => r.rule === rule.key);
	const tp = mine.filter((r) => r.label === 'fail' && r.predicted === 'fail').length;
	const fp = mine.filter((r) => r.label !== 'fail' && r.predicted === 'fail').length;
	const fn = mine.filter((r) => r.label === 'fail' && r.predicted !== 'fail').length;
	const same = mine.filter((r) => r.label === r.predicted).length;
	return {
		rule: rule.key,
		label: rule.label,
		enabled: rule.enabled,
		n: mine.length,
		truePositives: tp,
		falsePositives: fp,
		falseNegatives: fn,
		precision: tp + fp > 0 ? tp / (tp + fp) : null,
		recall: tp + fn > 0 ? tp / (tp + fn) : null,
		agreement: mine.length > 0 ? same / mine.length : 0
	};
}

/** labels.csv: interaction_id, one column per rule key (pass / fail / na), note. */
export async function readLabels(db: Db, file: string, rules: string[]) {
	const rows = await db.all<Record<string, string | null>>(
		`SELECT * FROM read_csv($file, all_varchar = true, header = true)`,
		{ file }
	);
	const out: { interactionId: string; rule: string; label: Outcome }[] = [];
	for (const [i, row] of rows.entries()) {
		for (const rule of rules) {
			const label = row[rule];
			if (label == null) continue;
			if (!OUTCOMES.has(label))
				throw new Error(`${file} line ${i + 2}: "${label}" for ${rule} is not pass, fail or na.`);
			out.push({ interactionId: row.interaction_id as string, rule, label: label as Outcome });
		}
	}
	return out;
}

/**
 * Measures rules on a labelled folder. `rules` defaults to the seeded set a fresh database holds;
 * pass an installation's current rules to measure edits before trusting them.
 */
export async function evaluateLabelledSet(
	dir: string,
	opts: { rules?: AutoQaRule[]; model?: string } = {}
): Promise<{ figures: RuleFigures[]; outcomes: LabelledOutcome[]; transcripts: number }> {
	const db = await openDb(':memory:');
	try {
		const report = await ingestPaths(
			db,
			FILES.map((f) => join(dir, f)),
			{ importedBy: 'autoqa-eval' }
		);
		const failed = report.files.find((f) => f.error);
		if (failed)
			throw new Error(`The labelled set could not be read: ${failed.name}: ${failed.error}`);
		await scorePending(db, { model: opts.model });
		const rules = opts.rules ?? (await getCurrentRules(db)).rules;
		// Measure every rule, the disabled ones too, so the table says why they are off.
		const measured = rules.map((r) => ({ ...r, enabled: true }));
		if (canonicalJson(measured) !== canonicalJson((await getCurrentRules(db)).rules))
			await saveRuleVersion(db, measured, 'autoqa-eval', 'every rule enabled for measuring');
		const run = await runAutoQa(db);
		const labels = await readLabels(
			db,
			join(dir, 'labels.csv'),
			rules.map((r) => r.key)
		);
		const predicted = new Map(
			(
				await db.all<{ interaction_id: string; rule_key: string; outcome: Outcome }>(
					'SELECT interaction_id, rule_key, outcome FROM autoqa_results'
				)
			).map((r) => [`${r.interaction_id}\u001f${r.rule_key}`, r.outcome])
		);
		const outcomes = labels.map((l) => ({
			...l,
			predicted: predicted.get(`${l.interactionId}\u001f${l.rule}`) ?? null
		}));
		return {
			figures: rules.map((r) => ruleFigures(r, outcomes)),
			outcomes,
			transcripts: run.transcripts
		};
	} finally {
		await db.close();
	}
}
