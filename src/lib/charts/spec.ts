// What a chart builder returns: the Plot options (without width: the component owns it), plus the
// title, unit and a table of the same rows as the text alternative. Pure data, no DOM.
import type { PlotOptions } from '@observablehq/plot';

export interface ChartTable {
	columns: string[];
	rows: (string | number | null)[][];
	/** Per row, the list behind it: the keyboard's way to what a click on a mark opens. */
	hrefs?: (string | null | undefined)[];
	/** Which cell of a row carries its link (default the first). */
	linkColumn?: number;
}

export interface ChartSpec {
	title: string;
	/** One sentence for screen readers: what the chart shows. */
	summary: string;
	options: PlotOptions;
	table: ChartTable;
	/** The list of rows behind the whole chart ("view rows"). */
	rowsHref?: string;
}

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#56B4E9',
	'#D55E00',
	'#F0E442',
	'#000000'
];
export const TARGET_COLOUR = '#C77700';
/** One diverging sentiment scale everywhere: negative ↔ neutral ↔ positive (ui.md). */
export const SENTIMENT_COLOURS = {
	negative: '#B2182B',
	neutral: '#8C959F',
	positive: '#2166AC'
} as const;
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export function round(value: number | null, digits = 1): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** Axis label with its unit, e.g. "CSAT (%)". */
export function withUnit(label: string, unit: string): string {
	return unit ? `${label} (${unit})` : label;
}

/** Days come from the server as YYYY-MM-DD; Plot wants Dates for a time axis. */
export function day(s: string): Date {
	return new Date(`${s}T00:00:00Z`);
}
