// The Overview on paper and on a phone, and its filter bar from the keyboard: a print carries the
// period, the filters and when it was made; arrow keys in a filter select change nothing until
// Apply or Enter; chart text is at least 12 px; at 360 px tables show their key columns without
// sideways scrolling.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

/** Smallest rendered text size in the charts, in CSS px (SVG text scaled by its transform). */
const smallestChartText = (page: Page) =>
	page.evaluate(() => {
		let min = Infinity;
		for (const el of document.querySelectorAll<Element>('.chart-plot text, .chart-plot span')) {
			if (!el.textContent?.trim()) continue;
			const size = parseFloat(getComputedStyle(el).fontSize);
			const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
			min = Math.min(min, size * scale);
		}
		return min;
	});

const chartsDrawn = (page: Page) =>
	expect
		.poll(() =>
			page.evaluate(
				() =>
					document.querySelectorAll('.chart-plot').length > 0 &&
					[...document.querySelectorAll('.chart-plot')].every((el) => el.childElementCount > 0)
			)
		)
		.toBe(true);

test('a printed Overview names its period, filters and generation time; the form is not printed', async ({
	page
}) => {
	await signIn(page, 'manager', '/overview?period=last7&channel=voice');
	const summary = page.locator('.print-filters');
	await expect(summary).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(summary).toBeVisible();
	await expect(page.getByRole('search', { name: 'Filters' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Primary' })).toBeHidden();
	const text = await summary.innerText();
	expect(text).toMatch(/Period: Last 7 days, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
	expect(text).toContain('Channel: voice');
	expect(text).toContain('Team: all teams');
	// formatLocal: date, minutes and the zone's abbreviation (the e2e site zone is UTC).
	expect(text).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
	await page.emulateMedia({ media: 'screen' });
	await expect(summary).toBeHidden();
});

test('arrow keys in a filter select apply nothing; Enter applies the choice once', async ({
	page
}) => {
	await signIn(page, 'manager', '/overview?period=last30');
	// Each submission of the bar carries `shown` (the server then redirects to the clean address).
	const submissions: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (url.pathname.startsWith('/overview') && url.searchParams.has('shown'))
			submissions.push(url.searchParams.get('channel') ?? '');
	});
	const channel = page.getByLabel('Channel', { exact: true });
	const second = await channel.locator('option').nth(2).getAttribute('value');
	await channel.focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(channel).toHaveValue(second!);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`[?&]channel=${second}(&|$)`));
	await expect(channel).toHaveValue(second!);
	// One submission for the Enter, none for the two arrow keys (before: one per arrow key).
	expect(submissions).toEqual([second]);
});

for (const width of [1366, 360]) {
	test(`chart text is at least 12 px at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await signIn(page, 'manager', '/overview');
		await chartsDrawn(page);
		expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
		await page.goto('/adherence');
		await chartsDrawn(page);
		expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
	});
}

test('at 360 px the tables show their key columns without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	const fits = async (table: string, keys: string[]) => {
		const region = page.getByRole('region', { name: table });
		await expect(region).toBeVisible();
		for (const key of keys)
			await expect(region.getByRole('columnheader', { name: key })).toBeVisible();
		const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
		expect(overflow, `${table} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
	};
	await signIn(page, 'manager', '/agents');
	await fits('Agent scorecard', ['Agent', 'CSAT', 'FCR']);
	await page.goto('/interactions');
	await fits('Interactions', ['Started', 'Channel', 'Reason']);
	await page.goto('/overview');
	await fits('KPIs by channel', ['Channel', 'Contacts', 'CSAT']);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('at 360 px the import mapping preview and the NDC table fit the screen', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 740 });
	const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
	await signIn(page, 'manager', '/import/ndc');
	// NDC and drug are what a reader looks up; the table's own columns fit beside each other.
	const ndc = page.getByRole('table', { name: /entries/ });
	for (const key of ['NDC', 'Drug', 'Class'])
		await expect(ndc.getByRole('columnheader', { name: key })).toBeVisible();
	expect(await pageWidth()).toBeLessThanOrEqual(360);
	await page.goto('/import/mapping');
	await page
		.getByLabel('File (CSV, JSON, NDJSON or Excel .xlsx)')
		.setInputFiles('tests/fixtures/presets/five9-call-log.csv');
	await page.getByRole('button', { name: 'Preview', exact: true }).click();
	const preview = page.getByRole('table', { name: /records mapped/ });
	await expect(preview).toBeVisible();
	// A preview has one column per contract column: it scrolls inside its own region, which a
	// keyboard can reach, and the page itself never scrolls sideways.
	const region = page.getByRole('region', { name: /records mapped/ });
	await expect(region).toHaveAttribute('tabindex', '0');
	expect(await pageWidth()).toBeLessThanOrEqual(360);
});
