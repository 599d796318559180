// Keeps a queue row inside the part of its list a person can actually see. The list scrolls on its
// own and is sticky, so before the page is scrolled its lower end lies below the window: the
// browser's scrollIntoView({ block: 'nearest' }) stops at the list's edge and leaves the row out of
// sight, and a navigation's scroll reset afterwards moves it again. This scrolls the list only
// (never the page), so the open item's top stays where it is.

/** Moves `row` within its scrolling list so it lies inside both the list's box and the window. */
export function keepRowInView(row: HTMLElement): void {
	const list = scrollingParent(row);
	if (!list) {
		row.scrollIntoView({ block: 'nearest' });
		return;
	}
	const area = list.getBoundingClientRect();
	const margin = 8;
	const top = Math.max(area.top, 0) + margin;
	const bottom = Math.min(area.bottom, window.innerHeight) - margin;
	const box = row.getBoundingClientRect();
	if (box.top < top) list.scrollTop -= top - box.top;
	else if (box.bottom > bottom) list.scrollTop += Math.min(box.bottom - bottom, box.top - top);
}

function scrollingParent(el: HTMLElement): HTMLElement | null {
	for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
		const overflow = getComputedStyle(p).overflowY;
		if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) return p;
	}
	return null;
}
