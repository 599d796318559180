// Labelled text for training and evaluation, and the deterministic held-out splits.
// Splits go by a hash of the text (so duplicates land on the same side) and never by the seed:
// whatever seed trains the model, the held-out files are the same and never trained on.
//   SST-2:    1 in 10 sentences held out (binary movie sentences)
//   DrugLib:  1 in 5 reviews held out; a review = benefits + side effects + comments text;
//             rating ≤ 4 negative, 5–6 neutral, ≥ 7 positive
//   seed set: 1 in 4 held out (hand-written pharmacy comments, English/Spanish/mixed)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { fnv1a } from './features.ts';
import { isLabel, labelFromRating, labelFromSurvey, type Label } from './labels.ts';

export interface Example {
	text: string;
	label: Label;
	source: 'sst2' | 'druglib' | 'druglib-parts' | 'seed' | 'templates' | 'surveys';
	/** For text cut from a larger document: that document, so a split never separates them. */
	parent?: string;
}

export interface Corpora {
	train: Example[];
	heldOut: Record<'sst2' | 'druglib' | 'seed', Example[]>;
}

export const DEFAULT_CORPUS_DIR = 'data/sentiment';

// -- DrugLib reviews: three free-text fields joined into one review per row
const DRUGLIB_SQL = `
SELECT rating::INTEGER AS rating, DrugName AS drug, effectiveness, sideEffects AS side_effects,
	trim(benefitsReview) AS benefits, trim(sideEffectsReview) AS side, trim(commentsReview) AS comments,
	concat_ws(E'\\n', nullif(trim(benefitsReview), ''), nullif(trim(sideEffectsReview), ''),
		nullif(trim(commentsReview), '')) AS text
FROM read_csv($path, delim = '\t', quote = '"', escape = '"', header = true, all_varchar = true)
WHERE try_cast(rating AS INTEGER) BETWEEN 1 AND 10
ORDER BY num::INTEGER`;

// -- a labelled CSV with columns text,label (any other columns ignored)
const LABELLED_CSV_SQL = `
SELECT text, lower(trim(label)) AS label
FROM read_csv($path, header = true, all_varchar = true, quote = '"', escape = '"')`;

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
function untokenizeSst(text: string): string {
	return text
		.replace(/-lrb-|-rrb-/g, '')
		.replace(/\bca n't\b/g, "can't")
		.replace(/\bwo n't\b/g, "won't")
		.replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1')
		.replace(/ ([,.!?;:])/g, '$1');
}

function split(source: string, text: string, every: number): boolean {
	return fnv1a(`${source}:${text}`) % every === 0;
}

export async function loadCorpora(dir = DEFAULT_CORPUS_DIR): Promise<Corpora> {
	const train: Example[] = [];
	const heldOut: Corpora['heldOut'] = { sst2: [], druglib: [], seed: [] };
	const add = (ex: Example, held: boolean, key: 'sst2' | 'druglib' | 'seed') =>
		held ? heldOut[key].push(ex) : train.push(ex);

	const sstPath = join(dir, 'sst2-train.tsv');
	for (const line of readFileSync(sstPath, 'utf8').split('\n')) {
		const tab = line.indexOf('\t');
		if (tab < 0) continue;
		const text = untokenizeSst(line.slice(tab + 1).trim());
		const label: Label = line.slice(0, tab) === '1' ? 'positive' : 'negative';
		add({ text, label, source: 'sst2' }, split('sst2', text, 10), 'sst2');
	}

	const reviews = await query<DrugLibRow>(DRUGLIB_SQL, { path: join(dir, 'druglib-train.tsv') });
	for (const row of reviews) {
		if (!row.text) continue;
		const held = split('druglib', row.text, 5);
		// Held-out reviews stay verbatim; training text has the drug's name masked (below).
		const text = held ? row.text : maskDrug(row.text, row.drug);
		add({ text, label: labelFromRating(row.rating), source: 'druglib' }, held, 'druglib');
		if (!held) train.push(...drugLibParts(row));
	}

	for (const { text, label } of await readLabelledCsv(join(dir, 'seed-pharmacy.csv'))) {
		add({ text, label, source: 'seed' }, split('seed', text, 4), 'seed');
	}
	return { train, heldOut };
}

type DrugLibRow = {
	rating: number;
	drug: string | null;
	text: string | null;
	effectiveness: string | null;
	side_effects: string | null;
	benefits: string | null;
	side: string | null;
	comments: string | null;
};

const EFFECTIVENESS: Record<string, Label> = {
	'Highly Effective': 'positive',
	'Considerably Effective': 'positive',
	'Moderately Effective': 'neutral',
	'Marginally Effective': 'negative',
	Ineffective: 'negative'
};
const SIDE_EFFECTS: Record<string, Label> = {
	'Severe Side Effects': 'negative',
	'Extremely Severe Side Effects': 'negative',
	'Moderate Side Effects': 'neutral'
};

/**
 * A drug's name says nothing about how a patient feels, but in 3,000 reviews the model would
 * learn "atorvastatin" as negative because its reviewers were unhappy, and then score every
 * pharmacy comment naming it. So training text calls it "the medication".
 */
function maskDrug(text: string, drug: string | null): string {
	if (!drug || drug.length < 3) return text;
	const escaped = drug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return text.replace(new RegExp(`\\b${escaped}\\b`, 'gi'), 'the medication');
}

/**
 * Extra training text from a training review, labelled by the corpus's own annotations: the
 * comments field alone by the rating, the benefits field by the reviewer's effectiveness grade,
 * the side-effects field when graded moderate or severe.
 */
function drugLibParts(row: DrugLibRow): Example[] {
	const out: Example[] = [];
	const push = (text: string | null, label: Label | undefined) => {
		if (text && label) {
			out.push({
				text: maskDrug(text, row.drug),
				label,
				source: 'druglib-parts',
				parent: row.text ?? ''
			});
		}
	};
	push(row.comments, labelFromRating(row.rating));
	push(row.benefits, EFFECTIVENESS[row.effectiveness ?? '']);
	push(row.side, SIDE_EFFECTS[row.side_effects ?? '']);
	return out;
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

function csvField(text: string): string {
	return `"${text.replace(/"/g, '""')}"`;
}

/** Writes the held-out splits as `text,label` CSVs (idempotent: same corpora, same files). */
export function writeHeldOut(corpora: Corpora, dir = DEFAULT_CORPUS_DIR): string[] {
	const written: string[] = [];
	for (const [name, rows] of Object.entries(corpora.heldOut)) {
		const path = join(dir, `heldout-${name}.csv`);
		const body = rows.map((r) => `${csvField(r.text)},${r.label}`).join('\n');
		writeFileSync(path, `text,label\n${body}\n`);
		written.push(path);
	}
	return written;
}
