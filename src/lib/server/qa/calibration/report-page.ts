// The report's page data and CSV tables, shared by the page and its download: figures rounded for
// reading only in the page; the CSV keeps every digit.
import { error } from '@sveltejs/kit';
import type { Db } from '../../db/index.ts';
import { kappaWords } from './agreement.ts';
import { loadReport } from './report.ts';
import { mayReadReport, type Session } from './sessions.ts';

export async function readableReport(db: Db, session: Session, userId: string) {
	if (!mayReadReport(session, userId))
		error(403, 'You score blind: the report opens to you once you submit your scores.');
	const report = await loadReport(db, session);
	return {
		...report,
		overallWords: kappaWords(report.overall.kappa),
		items: report.items.map((i) => ({ ...i, words: kappaWords(i.kappa.kappa) }))
	};
}

export const CSV_TABLES = ['graders', 'items', 'cells'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function reportCsvRows(
	report: Awaited<ReturnType<typeof readableReport>>,
	table: CsvTable,
	session: Session
): { header: string[]; rows: unknown[][] } {
	if (table === 'graders')
		return {
			header: [
				'grader',
				'answers_equal_to_key',
				'mean_deviation_points',
				'mean_score_difference',
				...session.interactionIds.map((id) => `score_${id}`)
			],
			rows: report.graders.map((g) => [
				g.name,
				g.keyAgreement,
				g.deviation,
				g.scoreDeviation,
				...session.interactionIds.map((id) => g.scores[id])
			])
		};
	if (table === 'items')
		return {
			header: [
				'item',
				'percent_agreement',
				'fleiss_kappa',
				'answers_equal_to_key',
				'mean_deviation_points'
			],
			rows: report.items.map((i) => [
				i.label,
				i.kappa.agreement === null ? null : 100 * i.kappa.agreement,
				i.kappa.kappa,
				i.keyAgreement,
				i.deviation
			])
		};
	return {
		header: ['grader', 'item', 'mean_deviation_points', 'answers_equal_to_key'],
		rows: report.cells.map((c) => [c.grader, c.label, c.deviation, c.keyAgreement])
	};
}
