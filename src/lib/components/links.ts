// Query-string links for filters and drill-downs. Pure, shared by server loads and components.

export type Query = Record<string, string | number | null | undefined>;

/** `path?k=v&…` with empty values dropped, keys in insertion order (stable, bookmarkable). */
export function hrefWith(path: string, ...parts: Query[]): string {
	const params = new URLSearchParams();
	for (const part of parts) {
		for (const [key, value] of Object.entries(part)) {
			if (value === null || value === undefined || value === '') params.delete(key);
			else params.set(key, String(value));
		}
	}
	const qs = params.toString();
	return qs ? `${path}?${qs}` : path;
}

/** The rows behind a figure: the interaction list with the page's filters plus the drill params. */
export function drillHref(filters: Query, drill: Query = {}): string {
	return hrefWith('/interactions', filters, drill);
}
