// Adherence and sentiment charts. Sentiment uses the one diverging scale (SENTIMENT_COLOURS).
import * as Plot from '@observablehq/plot';
import {
	PALETTE,
	SENTIMENT_COLOURS,
	SENTIMENT_LABELS,
	TARGET_COLOUR,
	day,
	round,
	type ChartSpec,
	type SentimentLabel
} from './spec.ts';

export interface AdherenceClassRow {
	class: string;
	eligible: number;
	/** PDC ≥ threshold. */
	adherent: number;
	/** bandLow ≤ PDC < threshold: the patients worth a call. */
	band: number;
	href?: string;
}

const ADHERENCE_GROUPS = ['adherent', 'band', 'below'] as const;

/** Per class, eligible patients split into adherent / the intervention band / below, as shares. */
export function adherenceChart(
	rows: AdherenceClassRow[],
	threshold: number,
	bandLow: number
): ChartSpec {
	const pct = (x: number) => Math.round(x * 100);
	const names = {
		adherent: `adherent (PDC ≥ ${pct(threshold)} %)`,
		band: `band (${pct(bandLow)}–${pct(threshold) - 1} %)`,
		below: `below ${pct(bandLow)} %`
	};
	const data = rows.flatMap((r) => {
		const below = r.eligible - r.adherent - r.band;
		const counts = { adherent: r.adherent, band: r.band, below };
		return ADHERENCE_GROUPS.map((g) => ({
			class: r.class,
			group: names[g],
			count: counts[g],
			share: r.eligible > 0 ? round((100 * counts[g]) / r.eligible, 1) : 0,
			href: r.href
		}));
	});
	return {
		title: 'Adherence by drug class: share of eligible patients by PDC (%)',
		summary: rows
			.map(
				(r) => `${r.class}: ${r.adherent} of ${r.eligible} adherent, ${r.band} in the ${names.band}`
			)
			.join('; '),
		options: {
			height: 40 * rows.length + 70,
			marginLeft: 80,
			x: { label: 'share of eligible patients (%)', domain: [0, 100], grid: true },
			y: { label: null, domain: rows.map((r) => r.class) },
			color: {
				domain: Object.values(names),
				range: [PALETTE[2], PALETTE[1], '#cf222e'],
				legend: true
			},
			marks: [
				Plot.barX(
					data,
					Plot.stackX({
						y: 'class',
						x: 'share',
						fill: 'group',
						order: Object.values(names),
						href: 'href',
						tip: true,
						title: (d: (typeof data)[number]) =>
							`${d.class}, ${d.group}: ${d.count} patients (${d.share} %)`
					})
				),
				Plot.ruleX([threshold * 100], {
					stroke: TARGET_COLOUR,
					strokeDasharray: '6,4',
					strokeWidth: 2
				})
			]
		},
		table: {
			columns: ['class', 'eligible', 'adherent', 'band', 'below'],
			rows: rows.map((r) => [
				r.class,
				r.eligible,
				r.adherent,
				r.band,
				r.eligible - r.adherent - r.band
			]),
			hrefs: rows.map((r) => r.href)
		}
	};
}

export interface SentimentMixRow {
	date: string;
	label: SentimentLabel;
	count: number;
	href?: string;
}

/** Stacked shares of interactions by end-of-call sentiment (negative / neutral / positive) per bucket. */
export function sentimentMixChart(
	rows: SentimentMixRow[],
	bucket: 'day' | 'week' | 'month',
	rowsHref?: string
): ChartSpec {
	const totals = new Map<string, number>();
	for (const r of rows) totals.set(r.date, (totals.get(r.date) ?? 0) + r.count);
	const data = rows.map((r) => ({
		...r,
		when: day(r.date),
		share: round((100 * r.count) / (totals.get(r.date) || 1), 1)
	}));
	const dates = [...totals.keys()].sort();
	return {
		title: `End-of-call patient sentiment per ${bucket} (% of scored interactions)`,
		summary: `Share of interactions whose patient ended negative, neutral or positive, per ${bucket}, ${dates.length} buckets.`,
		options: {
			height: 220,
			marginLeft: 48,
			// At most ~8 labelled ticks: a month of daily bands would otherwise overprint.
			x: {
				type: 'band',
				label: null,
				ticks: dates.filter((_, i) => i % Math.max(1, Math.ceil(dates.length / 8)) === 0).map(day),
				tickFormat: (d: Date) => d.toISOString().slice(5, 10)
			},
			y: { label: 'share (%)', domain: [0, 100], grid: true },
			color: {
				domain: [...SENTIMENT_LABELS],
				range: SENTIMENT_LABELS.map((l) => SENTIMENT_COLOURS[l]),
				legend: true
			},
			marks: [
				Plot.barY(
					data,
					Plot.stackY({
						x: 'when',
						y: 'share',
						fill: 'label',
						order: [...SENTIMENT_LABELS],
						href: 'href',
						tip: true,
						title: (d: (typeof data)[number]) => `${d.date}, ${d.label}: ${d.count} (${d.share} %)`
					})
				)
			]
		},
		table: {
			columns: [bucket, ...SENTIMENT_LABELS],
			rows: dates.map((date) => [
				date,
				...SENTIMENT_LABELS.map(
					(l) => rows.find((r) => r.date === date && r.label === l)?.count ?? 0
				)
			])
		},
		rowsHref
	};
}

export interface ArcTurn {
	turn: number;
	speaker: string;
	/** −1 … 1 (negative … positive). */
	score: number;
	label: SentimentLabel;
}

/** The sentiment arc of one call: each scored turn's score over the turn order, zero line for neutral. */
export function sentimentArcChart(turns: ArcTurn[]): ChartSpec {
	const data = turns.map((t) => ({ ...t, score: round(t.score, 2) ?? 0 }));
	const first = data[0]?.score ?? null;
	const last = data.at(-1)?.score ?? null;
	return {
		title: 'Sentiment over the call (score −1 to 1)',
		summary:
			data.length === 0
				? 'No scored turns.'
				: `Sentiment from ${first} at the first scored turn to ${last} at the last, over ${data.length} turns.`,
		options: {
			height: 140,
			marginLeft: 40,
			x: { label: 'turn', grid: false },
			y: { label: 'sentiment', domain: [-1, 1], grid: true },
			color: {
				domain: [...SENTIMENT_LABELS],
				range: SENTIMENT_LABELS.map((l) => SENTIMENT_COLOURS[l])
			},
			marks: [
				Plot.ruleY([0], { stroke: '#8c959f' }),
				Plot.line(data, { x: 'turn', y: 'score', stroke: '#57606a' }),
				Plot.dot(data, {
					x: 'turn',
					y: 'score',
					fill: 'label',
					r: 4,
					tip: true,
					title: (d: (typeof data)[number]) =>
						`turn ${d.turn} (${d.speaker}): ${d.label} ${d.score}`
				})
			]
		},
		table: {
			columns: ['turn', 'speaker', 'label', 'score'],
			rows: data.map((d) => [d.turn, d.speaker, d.label, d.score])
		}
	};
}
