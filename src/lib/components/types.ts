// Display shapes the server hands to components: already formatted, so components stay UI only.

export type Status = 'met' | 'near' | 'missed';

export interface TileView {
	/** Stable id: csat, nps, ces, fcr, aht, asa, abandon, response, pdc, refill. */
	key: string;
	label: string;
	/** Formatted value without unit, or null when there is no data. */
	value: string | null;
	unit: string;
	/** "target ≥ 80 %", or null when none is set. */
	target: string | null;
	status: Status | null;
	/** "95 % CI 76.1–83.9". */
	interval: string | null;
	/** "+2.1 vs previous 30 days". */
	change: string | null;
	significant: boolean | null;
	/** What the figure covers when it is not the filter's contacts ("All patients, …"). */
	coverage?: string | null;
	tooFew: boolean;
	n: number;
	/** The rows behind the figure. */
	href: string;
	/** Values of recent buckets, oldest first, for the sparkline. */
	spark?: (number | null)[];
}

export interface Column<T> {
	key: string;
	label: string;
	numeric?: boolean;
	sortable?: boolean;
	/** Cell text. */
	text: (row: T) => string;
	/** Optional link for the cell. */
	href?: (row: T) => string | null;
	/** Optional status for colour + word (met / near / missed). */
	status?: (row: T) => Status | null;
	/**
	 * Hidden on a phone-width screen so the key columns fit without sideways scrolling; wider
	 * screens, print and the CSV keep it.
	 */
	minor?: boolean;
}

export interface Paging {
	total: number;
	page: number;
	pages: number;
	sort: string;
	dir: 'asc' | 'desc';
}

/** One setting as the shared settings form shows it (src/lib/server/settings/form.ts builds it). */
export interface SettingsFormField {
	key: string;
	kind: 'int' | 'number' | 'boolean' | 'timezone';
	label: string;
	help: string;
	unit: string | null;
	min: number | null;
	max: number | null;
	value: string;
	default: string;
}
