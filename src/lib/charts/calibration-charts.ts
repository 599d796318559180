// The calibration heat map: graders down, rubric items across, each cell the grader's mean
// deviation from the expert's key on that item (item-score points, 0 = always the key's answer).
// The number is printed in every cell, so the chart never relies on colour alone.
import * as Plot from '@observablehq/plot';
import { round, type ChartSpec } from './spec.ts';

export interface DeviationCell {
	grader: string;
	item: string;
	/** Mean |grader − key| in points, null when no subject had one (N/A against an answer). */
	deviation: number | null;
	/** Share of answers equal to the key, 0–1. */
	keyAgreement: number | null;
}

function shorten(label: string): string {
	return label.length > 24 ? `${label.slice(0, 23).trimEnd()}…` : label;
}

export function calibrationHeatmap(cells: DeviationCell[], rowsHref?: string): ChartSpec {
	const graders = [...new Set(cells.map((c) => c.grader))];
	const items = [...new Set(cells.map((c) => c.item))];
	const data = cells.map((c) => ({
		...c,
		value: round(c.deviation, 1),
		match: c.keyAgreement === null ? null : round(100 * c.keyAgreement, 0),
		text: c.deviation === null ? '–' : String(round(c.deviation, 0))
	}));
	return {
		title: 'Deviation from the answer key per grader and item (points, 0–100)',
		summary: `Mean distance of each grader's answers from the expert's key, ${graders.length} graders × ${items.length} rubric items; darker is further from the key.`,
		options: {
			height: 40 * graders.length + 90,
			marginLeft: 110,
			marginBottom: 110,
			padding: 0.05,
			// Rubric labels are long: the axis shows their start, the tip and the table the whole.
			x: { label: null, domain: items, tickRotate: -30, tickFormat: shorten },
			y: { label: null, domain: graders },
			color: { type: 'linear', domain: [0, 100], scheme: 'oranges', legend: true, label: 'points' },
			marks: [
				Plot.cell(data, {
					x: 'item',
					y: 'grader',
					fill: (d: (typeof data)[number]) => d.value ?? 0,
					tip: true,
					title: (d: (typeof data)[number]) =>
						`${d.grader}, ${d.item}: ${d.text} points from the key, ${d.match ?? '–'} % of answers equal to it`
				}),
				Plot.text(data, {
					x: 'item',
					y: 'grader',
					text: 'text',
					fill: (d: (typeof data)[number]) => ((d.value ?? 0) > 50 ? 'white' : 'black')
				})
			]
		},
		table: {
			columns: ['grader', 'item', 'deviation (points)', 'answers equal to the key (%)'],
			rows: data.map((d) => [d.grader, d.item, d.value, d.match])
		},
		rowsHref
	};
}
