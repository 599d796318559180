/**
 * The item a queue offers once the open one is finished: the first unfinished item after it in
 * list order, wrapping round to the top. `undefined` while nothing is open or the open item is
 * still unfinished (no offer yet); `null` when nothing unfinished is left. An open item that is
 * no longer in the list (filtered out, or closed away) offers the first unfinished one.
 */
export function nextAfter<T>(
	items: readonly T[],
	isOpen: ((item: T) => boolean) | null,
	finished: (item: T) => boolean
): T | null | undefined {
	if (isOpen === null) return undefined;
	const at = items.findIndex(isOpen);
	if (at !== -1 && !finished(items[at])) return undefined;
	const after = [...items.slice(at + 1), ...items.slice(0, Math.max(at, 0))];
	return after.find((item) => !finished(item)) ?? null;
}
