// Engine figures → display strings. Formatting only: every number comes from the KPI engine.
import type { KpiTile } from '../kpi/index.ts';
import { addDays } from '../time/index.ts';
import type { Status, TileView } from '../../components/types.ts';

export type Unit = KpiTile['unit'];

/** Display unit: shares (0–1) are shown as percentages. */
export function displayUnit(unit: Unit): string {
	return unit === 'share' ? '%' : unit === 'score' ? '' : unit;
}

/** A figure in its display scale (shares × 100). */
export function scaled(value: number | null, unit: Unit): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	return unit === 'share' ? value * 100 : value;
}

export function formatValue(value: number | null, unit: Unit): string | null {
	const v = scaled(value, unit);
	if (v === null) return null;
	if (unit === 's') return Math.round(v).toLocaleString('en');
	if (unit === 'score') return v.toFixed(2);
	return v.toFixed(1);
}

function withUnit(text: string, unit: Unit): string {
	const u = displayUnit(unit);
	return u ? `${text} ${u}` : text;
}

export function formatTarget(target: KpiTile['target'], unit: Unit): string | null {
	if (!target) return null;
	return `target ${target.comparison === 'min' ? '≥' : '≤'} ${withUnit(formatValue(target.value, unit) ?? '', unit)}`;
}

export function formatInterval(interval: KpiTile['interval'], unit: Unit): string | null {
	if (!interval) return null;
	return `95 % CI ${formatValue(interval.low, unit)}–${withUnit(formatValue(interval.high, unit) ?? '', unit)}`;
}

/** "+2.1 pts vs previous 30 days": rates change in percentage points. */
export function formatChange(change: number | null, unit: Unit, against: string): string | null {
	const v = scaled(change, unit);
	if (v === null) return null;
	const digits = unit === 's' ? 0 : unit === 'score' ? 2 : 1;
	const size = Math.abs(v).toFixed(digits);
	// The sign follows the shown digits: −0.04 shows as ±0.0, not −0.0.
	const sign = Number(size) === 0 ? '±' : v > 0 ? '+' : '−';
	const u = unit === '%' || unit === 'share' || unit === 'pts' ? ' pts' : unit === 's' ? ' s' : '';
	return `${sign}${size}${u} vs ${against}`;
}

const previousDays = (days: number) => `previous ${days} day${days === 1 ? '' : 's'}`;

/**
 * What an adherence tile covers, in words: fills carry no team or channel, so the figure is every
 * patient's, over its window (inclusive last day).
 */
function coverageText(t: KpiTile, filtered: boolean): string | null {
	if (!t.coverage) return null;
	const last = addDays(t.coverage.to, -1);
	return `All patients${filtered ? ' (team and channel filters do not apply)' : ''}, ${t.coverage.from} to ${last}`;
}

export function tileView(
	t: KpiTile,
	href: string,
	days: number,
	spark?: (number | null)[],
	filtered = false
): TileView {
	const against = t.coverage
		? `the window ending ${addDays(t.coverage.previousTo, -1)}`
		: previousDays(days);
	return {
		key: t.kpi,
		label: t.label,
		value: formatValue(t.value, t.unit),
		unit: displayUnit(t.unit),
		target: formatTarget(t.target, t.unit),
		status: (t.status as Status | null) ?? null,
		interval: formatInterval(t.interval, t.unit),
		change: formatChange(t.change, t.unit, against),
		coverage: coverageText(t, filtered),
		significant: t.change === null ? null : t.significant,
		tooFew: t.tooFew,
		n: t.n,
		href,
		spark
	};
}
