// The calibration report: how far each grader is from the expert's key, and how much graders agree
// with each other, per grader and per rubric item. Only submitted scores count (drafts are
// private). Definitions:
// - a subject is one rubric item of one interaction; a grader's answer "matches the key" when it
//   is the key's answer (N/A included);
// - deviation from the key = |grader's item score − key's item score| in points (0–100, the
//   rubric's item score); a subject where exactly one of the two is N/A has no deviation and does
//   not match;
// - score deviation = grader's evaluation score − key's, averaged over the interactions (signed:
//   above 0 the grader is more lenient);
// - percent agreement and Fleiss' kappa among the graders (the key is not a rater), over every
//   subject of the session ("overall") or over the interactions of one item.
import type { Db } from '../../db/index.ts';
import { readVersion, type RubricItem } from '../rubrics.ts';
import { itemScore } from '../scoring.ts';
import { listSideEvaluations, type SideEvaluation } from '../side-evaluations.ts';
import { category, fleissKappa, type KappaResult } from './agreement.ts';
import type { Member, Session } from './sessions.ts';

export interface ItemFigures {
	itemKey: string;
	label: string;
	kappa: KappaResult;
	/** Share of grader answers matching the key, 0–1; null without a submitted key. */
	keyAgreement: number | null;
	/** Mean deviation from the key in points; null when no subject has one. */
	deviation: number | null;
}

export interface GraderFigures {
	userId: string;
	name: string;
	keyAgreement: number | null;
	deviation: number | null;
	scoreDeviation: number | null;
	scores: Record<string, number | null>;
}

export interface Cell {
	grader: string;
	itemKey: string;
	label: string;
	deviation: number | null;
	keyAgreement: number | null;
}

export interface CalibrationReport {
	items: ItemFigures[];
	graders: GraderFigures[];
	cells: Cell[];
	overall: KappaResult;
	keyScores: Record<string, number | null>;
	/** Graders still scoring (their drafts do not count). */
	pending: string[];
	keySubmitted: boolean;
}

type Answer = number | null | undefined;

function compare(item: RubricItem, a: Answer, key: Answer) {
	if (a === undefined || key === undefined) return null;
	const match = a === key;
	const deviation =
		a !== null && key !== null
			? Math.abs(itemScore(item.scale, a) - itemScore(item.scale, key))
			: a === key
				? 0
				: null;
	return { match, deviation };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function buildReport(
	session: Session,
	items: RubricItem[],
	scores: SideEvaluation[]
): CalibrationReport {
	const submitted = (m: Member) => m.submittedAt !== null;
	const graders = session.members.filter((m) => m.role === 'grader' && submitted(m));
	const expert = session.members.find((m) => m.role === 'expert' && submitted(m)) ?? null;
	const byMember = (userId: string, interactionId: string) =>
		scores.find((s) => s.graderId === userId && s.interactionId === interactionId);
	const answer = (userId: string, interactionId: string, key: string): Answer => {
		const a = byMember(userId, interactionId)?.answers[key];
		return a === undefined ? undefined : a.value;
	};
	const keyOf = (interactionId: string, key: string): Answer =>
		expert ? answer(expert.userId, interactionId, key) : undefined;

	const subjectsOf = (list: RubricItem[]) =>
		session.interactionIds.flatMap((id) =>
			list.map((item) =>
				graders.map((g) => `${item.scale}:${category(answer(g.userId, id, item.key) ?? null)}`)
			)
		);
	const cells: Cell[] = [];
	const graderFigures: GraderFigures[] = graders.map((g) => {
		const matches: boolean[] = [];
		const deviations: number[] = [];
		const scoreDiffs: number[] = [];
		const scoreMap: Record<string, number | null> = {};
		for (const item of items) {
			const m: boolean[] = [];
			const d: number[] = [];
			for (const id of session.interactionIds) {
				const c = compare(item, answer(g.userId, id, item.key), keyOf(id, item.key));
				if (!c) continue;
				m.push(c.match);
				if (c.deviation !== null) d.push(c.deviation);
			}
			matches.push(...m);
			deviations.push(...d);
			cells.push({
				grader: g.name,
				itemKey: item.key,
				label: item.label,
				deviation: mean(d),
				keyAgreement: m.length ? m.filter(Boolean).length / m.length : null
			});
		}
		for (const id of session.interactionIds) {
			const mine = byMember(g.userId, id)?.score ?? null;
			scoreMap[id] = mine;
			const key = expert ? (byMember(expert.userId, id)?.score ?? null) : null;
			if (mine !== null && key !== null) scoreDiffs.push(mine - key);
		}
		return {
			userId: g.userId,
			name: g.name,
			keyAgreement: matches.length ? matches.filter(Boolean).length / matches.length : null,
			deviation: mean(deviations),
			scoreDeviation: mean(scoreDiffs),
			scores: scoreMap
		};
	});
	const itemFigures: ItemFigures[] = items.map((item) => {
		const mine = cells.filter((c) => c.itemKey === item.key);
		const matchShares = mine.map((c) => c.keyAgreement).filter((x): x is number => x !== null);
		const devs = mine.map((c) => c.deviation).filter((x): x is number => x !== null);
		return {
			itemKey: item.key,
			label: item.label,
			kappa: fleissKappa(subjectsOf([item])),
			// Every grader answers every interaction, so the mean of the graders' shares is the share.
			keyAgreement: mean(matchShares),
			deviation: mean(devs)
		};
	});
	const keyScores: Record<string, number | null> = {};
	for (const id of session.interactionIds)
		keyScores[id] = expert ? (byMember(expert.userId, id)?.score ?? null) : null;
	return {
		items: itemFigures,
		graders: graderFigures,
		cells,
		overall: fleissKappa(subjectsOf(items)),
		keyScores,
		pending: session.members.filter((m) => !submitted(m)).map((m) => m.name),
		keySubmitted: expert !== null
	};
}

export async function loadReport(db: Db, session: Session): Promise<CalibrationReport> {
	const [rubric, scores] = await Promise.all([
		db.withConnection((conn) => readVersion(conn, session.versionId)),
		listSideEvaluations(db, { sessionId: session.sessionId })
	]);
	if (!rubric) throw new Error(`Session ${session.sessionId} points at a missing rubric version.`);
	return buildReport(session, rubric.items, scores);
}
