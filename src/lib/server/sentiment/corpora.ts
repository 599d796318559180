// Reads the public labelled corpora from the shared folder (corpus-dir.ts) and the team's own
// hand-written sets from data/sentiment, and splits each set by a hash of the text (splits.ts)
// into train / validation / test. Nothing here writes a file: held-out rows exist only in
// memory, at training and evaluation time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { isLabel, labelFromRating, labelFromSurvey, type Label } from './labels.ts';
import { assignSplit, dropPhrasesOfHeldOut, type SetName, type Split } from './splits.ts';
import { drugLibParts, maskDrug, type DrugLibRow } from './druglib.ts';

export type Source =
	SetName | 'sst2-phrases' | 'druglib-parts' | 'templates' | 'surveys' | 'corrections';

export interface Example {
	text: string;
	label: Label;
	source: Source;
}

export type Corpora = Record<Split, Example[]> & {
	/** Held-out test rows per evaluation set. */
	tests: Partial<Record<SetName, Example[]>>;
};

/** The team's hand-written sets, committed in the repository (no corpus rows). */
export const TEAM_DIR = 'data/sentiment';
export const SEED_FILE = 'seed-pharmacy.csv';
export const SPANISH_EVAL_FILE = 'spanish-eval.csv';

// -- DrugLib reviews: three free-text fields joined into one review per row
const DRUGLIB_SQL = `
SELECT rating::INTEGER AS rating, DrugName AS drug, effectiveness, sideEffects AS side_effects,
	trim(benefitsReview) AS benefits, trim(sideEffectsReview) AS side, trim(commentsReview) AS comments,
	concat_ws(E'\\n', nullif(trim(benefitsReview), ''), nullif(trim(sideEffectsReview), ''),
		nullif(trim(commentsReview), '')) AS text
FROM read_csv($path, delim = '\t', quote = '"', escape = '"', header = true, all_varchar = true)
WHERE try_cast(rating AS INTEGER) BETWEEN 1 AND 10
ORDER BY num::INTEGER`;

// -- a labelled CSV with columns text,label (any other columns ignored), in file order
const LABELLED_CSV_SQL = `
SELECT text, lower(trim(label)) AS label
FROM read_csv($path, header = true, all_varchar = true, quote = '"', escape = '"')`;

// -- the complete UCI Drugs.com training file as its authors distribute it: an unnamed id column,
// drugName, condition, review (quoted, itself wrapped in quotes, HTML entities), rating 1–10, date,
// usefulCount
const DRUGSCOM_FULL_SQL = `
SELECT review AS text, try_cast(rating AS DOUBLE) AS rating
FROM read_csv($path, delim = '\t', quote = '"', escape = '"', header = true, all_varchar = true)
WHERE try_cast(rating AS DOUBLE) BETWEEN 1 AND 10 AND review IS NOT NULL`;

/**
 * The complete Drugs.com training split (UCI "Drug Review Dataset (Drugs.com)"), when a site that
 * can reach it saves it in the corpus folder under its own name. SOURCE.md: these machines cannot.
 */
export const DRUGSCOM_FULL_FILE = 'drugsComTrain_raw.tsv';

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** A review of the UCI file cleaned as the subset's were: entities decoded, its own quotes and runs of whitespace gone. */
export function cleanDrugsComReview(raw: string): string {
	const decoded = raw.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, body: string) => {
		if (body[0] !== '#') return ENTITIES[body.toLowerCase()] ?? entity;
		const code =
			body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
		return Number.isFinite(code) && code > 0 && code <= 0x10ffff
			? String.fromCodePoint(code)
			: entity;
	});
	return decoded
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^"(.*)"$/s, '$1')
		.trim();
}

/**
 * Drugs.com reviews: the complete training file when the folder has it, else the subset. Never
 * both: the subset's rows are the complete file's first ones, and one review under two spellings
 * could land in training under one and in the held-out split under the other.
 */
async function drugsComRows(dir: string): Promise<{ text: string; label: Label }[]> {
	const full = join(dir, DRUGSCOM_FULL_FILE);
	if (!existsSync(full)) return readLabelledCsv(join(dir, 'drugscom-subset.csv'));
	const seen = new Set<string>();
	const out: { text: string; label: Label }[] = [];
	for (const r of await query<{ text: string; rating: number }>(DRUGSCOM_FULL_SQL, {
		path: full
	})) {
		const text = cleanDrugsComReview(r.text);
		// The same review is often listed under a brand and its generic name: once is enough.
		if (!text || seen.has(text)) continue;
		seen.add(text);
		out.push({ text, label: labelFromRating(Math.round(r.rating)) });
	}
	return out;
}

// -- the installation's rated survey comments, the product's own in-domain labels
const SURVEY_COMMENTS_SQL = `
SELECT comment, csat, nps FROM surveys
WHERE comment IS NOT NULL AND length(trim(comment)) > 0 AND (csat IS NOT NULL OR nps IS NOT NULL)
ORDER BY survey_id`;

async function query<T extends Record<string, unknown>>(
	sql: string,
	params: Record<string, string>
): Promise<T[]> {
	const instance = await DuckDBInstance.create(':memory:', {
		autoinstall_known_extensions: 'false'
	});
	const conn = await instance.connect();
	try {
		return await all<T>(conn, sql, params);
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

/** Rows of a `text,label` CSV; a label outside negative/neutral/positive is an error. */
export async function readLabelledCsv(path: string): Promise<{ text: string; label: Label }[]> {
	if (!existsSync(path)) throw new Error(`No such file: ${path}.`);
	const rows = await query<{ text: string | null; label: string | null }>(LABELLED_CSV_SQL, {
		path
	});
	return rows.map((row, i) => {
		const label = row.label ?? '';
		if (!isLabel(label)) {
			throw new Error(
				`${path} row ${i + 1}: label must be negative, neutral or positive, not "${label}".`
			);
		}
		return { text: row.text ?? '', label };
	});
}

/** SST-2 is tokenised ("did n't", "-lrb-"); bring it close to how people type. */
export function untokenizeSst(text: string): string {
	return text
		.replace(/-lrb-|-rrb-/g, '')
		.replace(/\bca n't\b/g, "can't")
		.replace(/\bwo n't\b/g, "won't")
		.replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
		.replace(/ ([,.!?;:])/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

function sstSentences(dir: string): { text: string; label: Label }[] {
	const out: { text: string; label: Label }[] = [];
	for (const line of readFileSync(join(dir, 'sst2-train.tsv'), 'utf8').split('\n')) {
		const tab = line.indexOf('\t');
		if (tab < 0) continue;
		const label: Label = line.slice(0, tab) === '1' ? 'positive' : 'negative';
		out.push({ text: line.slice(tab + 1).trim(), label });
	}
	return out;
}

export interface LoadOptions {
	/** Folder with the public corpora (resolveCorpusDir). */
	corpusDir: string;
	/** Folder with the team's hand-written sets (default data/sentiment). */
	teamDir?: string;
}

export async function loadCorpora(opts: LoadOptions): Promise<Corpora> {
	const dir = opts.corpusDir;
	const teamDir = opts.teamDir ?? TEAM_DIR;
	const c: Corpora = { train: [], validation: [], test: [], tests: {} };
	const add = (set: SetName, ex: Example, split = assignSplit(set, ex.text)) => {
		c[split].push(ex);
		if (split === 'test') (c.tests[set] ??= []).push(ex);
		return split;
	};

	// SST-2: whole sentences are split; a phrase is trained on only when it is not part of a
	// held-out sentence (the phrase file holds every sentence's labelled sub-phrases).
	const heldOutSentences: string[] = [];
	const sentences = new Set<string>();
	for (const s of sstSentences(dir)) {
		const text = untokenizeSst(s.text);
		sentences.add(s.text);
		if (add('sst2', { text, label: s.label, source: 'sst2' }) !== 'train')
			heldOutSentences.push(s.text);
	}
	const phrases = await readLabelledCsv(join(dir, 'sst2-glue-phrases.csv'));
	for (const p of dropPhrasesOfHeldOut(phrases, heldOutSentences)) {
		if (sentences.has(p.text)) continue;
		c.train.push({ text: untokenizeSst(p.text), label: p.label, source: 'sst2-phrases' });
	}

	for (const set of ['imdb', 'amazon'] as const) {
		const file = { imdb: 'imdb-aclimdb.csv', amazon: 'amazon-multidomain.csv' }[set];
		for (const r of await readLabelledCsv(join(dir, file))) add(set, { ...r, source: set });
	}
	for (const r of await drugsComRows(dir)) add('drugscom', { ...r, source: 'drugscom' });

	const reviews = await query<DrugLibRow>(DRUGLIB_SQL, { path: join(dir, 'druglib-train.tsv') });
	for (const row of reviews) {
		if (!row.text) continue;
		const split = assignSplit('druglib', row.text);
		// Held-out reviews stay verbatim; training text has the drug's name masked (druglib.ts).
		const text = split === 'train' ? maskDrug(row.text, row.drug) : row.text;
		add('druglib', { text, label: labelFromRating(row.rating), source: 'druglib' }, split);
		if (split === 'train') c.train.push(...drugLibParts(row));
	}

	for (const r of await readLabelledCsv(join(teamDir, SEED_FILE))) {
		add('seed', { ...r, source: 'seed' });
	}
	const spanish = join(teamDir, SPANISH_EVAL_FILE);
	if (existsSync(spanish)) {
		for (const r of await readLabelledCsv(spanish))
			add('spanish', { ...r, source: 'spanish' }, 'test');
	}
	return c;
}

/** Rated survey comments from an installation's database (see labelFromSurvey for the mapping). */
export async function loadSurveyExamples(db: Db): Promise<Example[]> {
	const rows = await db.all<{ comment: string; csat: number | null; nps: number | null }>(
		SURVEY_COMMENTS_SQL
	);
	const out: Example[] = [];
	for (const row of rows) {
		const label = labelFromSurvey(row.csat, row.nps);
		if (label) out.push({ text: row.comment, label, source: 'surveys' });
	}
	return out;
}
