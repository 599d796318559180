// Draws a chart spec with Observable Plot and makes the result safe to hide from assistive
// technology: the figure is aria-hidden (the caption, summary and data table carry its content),
// so nothing inside may take focus, and every piece of its text is at least CHART_FONT_PX.
import type * as PlotModule from '@observablehq/plot';
import type { PlotOptions } from '@observablehq/plot';

export const CHART_FONT_PX = 12;

/** Plot with the given document (a server-side DOM in tests, the page's in the browser). */
export function renderChart(
	Plot: Pick<typeof PlotModule, 'plot'>,
	options: PlotOptions,
	width: number,
	document?: Document
): SVGSVGElement | HTMLElement {
	const figure = Plot.plot({
		...options,
		...(document ? { document } : {}),
		width,
		style: { fontSize: `${CHART_FONT_PX}px`, background: 'transparent' }
	});
	figure.setAttribute('aria-hidden', 'true');
	// With a legend Plot wraps the drawing in a <figure>, whose default 40 px side margins would
	// squeeze the drawing below its drawn width and shrink every label by a fifth.
	if (figure.tagName.toLowerCase() === 'figure') (figure as HTMLElement).style.margin = '0';
	// Marks link to their rows for the mouse; keyboard and screen-reader users reach the same rows
	// through the data table's links. A tabbable link inside a hidden figure would be focusable
	// with no name at all (axe: aria-hidden-focus).
	for (const link of figure.querySelectorAll('a')) link.setAttribute('tabindex', '-1');
	// Plot's legends set 10 px in their own stylesheet; inline size wins over it.
	for (const legend of figure.querySelectorAll('[class]')) {
		if (/-(swatches|ramp)(\s|$)/.test(legend.getAttribute('class') ?? ''))
			(legend as HTMLElement | SVGElement).style.fontSize = `${CHART_FONT_PX}px`;
	}
	// Marks such as text set their own size as an attribute, which beats the inherited size.
	for (const el of figure.querySelectorAll('[font-size]')) {
		const px = Number(el.getAttribute('font-size'));
		if (Number.isFinite(px) && px < CHART_FONT_PX)
			el.setAttribute('font-size', String(CHART_FONT_PX));
	}
	return figure;
}
