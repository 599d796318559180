// Precision and recall of the redactor on hand-labelled turns (tests/fixtures/privacy/): one JSON
// object per line with the turn's text, the turn before it when it matters, and each identifier
// as [ENTITY, "its exact words"]. A finding counts when it overlaps a labelled identifier of the
// same entity; "masked" counts a labelled identifier covered by any finding (it is gone from the
// text, whatever its tag).
import { readFileSync } from 'node:fs';
import { findPhi } from './detect.ts';
import { ENTITIES, type Entity } from './entities.ts';

export interface LabelledTurn {
	id: string;
	source: 'demo' | 'hand';
	speaker: string;
	previous?: string;
	text: string;
	spans: [Entity, string][];
}

export interface EntityFigures {
	entity: Entity;
	labelled: number;
	found: number;
	/** Labelled identifiers found with the right entity. */
	recalled: number;
	/** Findings that overlap a labelled identifier of their entity. */
	correct: number;
	/** Labelled identifiers covered by any finding. */
	masked: number;
	precision: number | null;
	recall: number | null;
}

export interface Evaluation {
	turns: number;
	entities: EntityFigures[];
	all: Omit<EntityFigures, 'entity'>;
	/** Share of the labelled identifiers' characters that end up inside some finding. */
	charactersMasked: number | null;
	misses: { id: string; entity: Entity; text: string }[];
	falseAlarms: { id: string; entity: Entity; text: string }[];
}

/** Reads and checks the fixture: every labelled phrase must occur in its text. */
export function loadLabelled(path: string): LabelledTurn[] {
	const lines = readFileSync(path, 'utf8')
		.split('\n')
		.filter((l) => l.trim());
	return lines.map((line, i) => {
		const turn = JSON.parse(line) as LabelledTurn;
		for (const [entity, phrase] of turn.spans) {
			if (!(ENTITIES as readonly string[]).includes(entity))
				throw new Error(`Line ${i + 1} of ${path}: unknown entity ${entity}.`);
			if (!turn.text.includes(phrase))
				throw new Error(`Line ${i + 1} of ${path}: "${phrase}" is not in the text.`);
		}
		return turn;
	});
}

/** Each labelled phrase as a range; a repeated phrase takes its next occurrence. */
function goldRanges(turn: LabelledTurn) {
	const from = new Map<string, number>();
	return turn.spans.map(([entity, phrase]) => {
		const start = turn.text.indexOf(phrase, from.get(phrase) ?? 0);
		from.set(phrase, start + phrase.length);
		return { entity, start, end: start + phrase.length };
	});
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function evaluate(turns: LabelledTurn[], opts: { year?: number } = {}): Evaluation {
	const counts = new Map(
		ENTITIES.map((e) => [e, { labelled: 0, found: 0, recalled: 0, correct: 0, masked: 0 }])
	);
	const misses: Evaluation['misses'] = [];
	const falseAlarms: Evaluation['falseAlarms'] = [];
	let chars = 0;
	let covered = 0;
	for (const turn of turns) {
		const gold = goldRanges(turn);
		const found = findPhi(turn.text, { previous: turn.previous, year: opts.year });
		for (const g of gold) {
			const c = counts.get(g.entity)!;
			c.labelled++;
			if (found.some((f) => f.entity === g.entity && overlaps(f, g))) c.recalled++;
			else misses.push({ id: turn.id, entity: g.entity, text: turn.text.slice(g.start, g.end) });
			if (found.some((f) => overlaps(f, g))) c.masked++;
			chars += g.end - g.start;
			for (let i = g.start; i < g.end; i++)
				if (found.some((f) => f.start <= i && i < f.end)) covered++;
		}
		for (const f of found) {
			const c = counts.get(f.entity)!;
			c.found++;
			if (gold.some((g) => g.entity === f.entity && overlaps(f, g))) c.correct++;
			else
				falseAlarms.push({ id: turn.id, entity: f.entity, text: turn.text.slice(f.start, f.end) });
		}
	}
	const figures = (c: {
		labelled: number;
		found: number;
		recalled: number;
		correct: number;
		masked: number;
	}) => ({
		...c,
		precision: ratio(c.correct, c.found),
		recall: ratio(c.recalled, c.labelled)
	});
	const total = { labelled: 0, found: 0, recalled: 0, correct: 0, masked: 0 };
	for (const c of counts.values())
		for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
	return {
		turns: turns.length,
		entities: ENTITIES.map((entity) => ({ entity, ...figures(counts.get(entity)!) })),
		all: figures(total),
		charactersMasked: ratio(covered, chars),
		misses,
		falseAlarms
	};
}
