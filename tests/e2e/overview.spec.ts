// The Overview on the demo data: every KPI tile with its target, filters in the URL that change the
// figures, a tile that opens its interactions, a transcript with sentiment, the filtered CSV, and
// screenshots of Overview, Agents and an interaction as test artifacts.
import { expect, test, type Page } from '@playwright/test';
import { csvRecords, download, screenshot, signIn } from './helpers.ts';

// Every tile, keyed as the Overview renders them (data-kpi), with the default targets README
// documents (migrations seed them). CES only needs some target.
const TILES: Record<string, { label: string; target: string | RegExp }> = {
	csat: { label: 'CSAT', target: 'target ≥ 80.0 %' },
	nps: { label: 'NPS', target: 'target ≥ 70.0 pts' },
	ces: { label: 'Customer effort (CES)', target: /target [≥≤] \d/ },
	fcr: { label: 'First-contact resolution', target: 'target ≥ 70.0 %' },
	aht: { label: 'Average handle time', target: 'target ≤ 300 s' },
	asa: { label: 'Average speed of answer', target: 'target ≤ 30 s' },
	abandon: { label: 'Abandon rate', target: 'target ≤ 5.0 %' },
	response: { label: 'Survey response rate', target: 'target ≥ 30.0 %' },
	service_level: { label: 'Service level', target: 'target ≥ 80.0 %' },
	pdc_adherent_share: { label: 'PDC adherent share', target: 'target ≥ 80.0 %' },
	refill_on_time: { label: 'Refills on time', target: 'target ≥ 90.0 %' }
};

const tileList = (page: Page) => page.getByRole('list', { name: 'KPI tiles' });

test('the Overview shows every KPI with a target, filters drive the URL and figures, a tile drills down', async ({
	page
}, testInfo) => {
	await signIn(page, 'manager', '/overview');
	const tiles = tileList(page);
	await expect(tiles.getByRole('listitem')).toHaveCount(Object.keys(TILES).length);
	for (const [key, { label, target }] of Object.entries(TILES)) {
		// Soft: one tile's fault is reported without hiding the rest of the journey.
		const tile = tiles.locator(`a[data-kpi="${key}"]`);
		await expect.soft(tile, `${label} tile`).toContainText(label);
		await expect.soft(tile, `${label} has its target`).toContainText(target);
		// A figure and a status: the demo data covers every KPI.
		await expect.soft(tile, `${label} has a figure`).toContainText(/\d/);
		await expect.soft(tile, `${label} is judged`).toContainText(/Met|Near|Missed/);
	}
	await screenshot(page, testInfo, 'overview');

	// A filter change is a URL change, and the figures follow it (AHT and ASA differ by channel).
	const before = await tiles.innerText();
	const channel = page.getByLabel('Channel', { exact: true });
	const firstChannel = await channel.locator('option').nth(1).getAttribute('value');
	expect(firstChannel).toBeTruthy();
	await channel.selectOption(firstChannel!);
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]channel=${firstChannel}(&|$)`));
	await expect(channel).toHaveValue(firstChannel!);
	await expect.poll(() => tiles.innerText()).not.toBe(before);

	// The FCR tile opens the interactions behind it, with the channel filter kept.
	await tiles.locator('a[data-kpi="fcr"]').click();
	await expect(page).toHaveURL(/\/interactions\?/);
	await expect(page).toHaveURL(new RegExp(`[?&]channel=${firstChannel}(&|$)`));
	await expect(page.getByRole('heading', { name: 'Interactions', level: 1 })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('FCR');
	const table = page.getByRole('table', { name: 'Interactions' });
	const headers = await table.getByRole('columnheader').allInnerTexts();
	const channelCol = headers.findIndex((h) => h.startsWith('Channel'));
	const cells = table.locator(`tbody tr td:nth-child(${channelCol + 1})`);
	await expect(cells.first()).toBeVisible();
	// Cells show the channel's label, as the option does ("sms" reads "SMS").
	const channelLabel = (
		await channel.locator(`option[value="${firstChannel}"]`).innerText()
	).trim();
	for (const text of await cells.allInnerTexts())
		expect(text.replace(' (out)', '')).toBe(channelLabel);
});

test('an interaction shows its transcript with sentiment; the list CSV has the filtered rows', async ({
	page
}, testInfo) => {
	// Interactions whose call ended negatively: each has a scored transcript. Last 7 days keeps the
	// CSV small; the channel narrows it further.
	await signIn(page, 'manager', '/interactions?period=last7&sentiment=negative');
	const table = page.getByRole('table', { name: 'Interactions' });
	await expect(table.getByRole('row').nth(1)).toBeVisible();
	// Narrow to the channel of the newest such interaction (so rows remain).
	const channel = page.getByLabel('Channel', { exact: true });
	const firstChannel = (
		await table.getByRole('row').nth(1).getByRole('cell').nth(1).innerText()
	).replace(' (out)', '');
	// The cell shows the channel's label ("SMS"); the URL carries its value ("sms").
	await channel.selectOption({ label: firstChannel });
	const channelValue = await channel.inputValue();
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(new RegExp(`[?&]channel=${channelValue}(&|$)`));
	await expect(page).toHaveURL(/[?&]sentiment=negative(&|$)/);

	// "N rows" above the table counts every filtered row (all pages); the CSV must hold exactly those.
	const count = page.locator('.data-table .count');
	await expect(count).toHaveText(/^\s*[\d,]+ rows/);
	const total = Number((await count.innerText()).match(/([\d,]+) rows/)![1].replaceAll(',', ''));
	expect(total).toBeGreaterThan(0);
	const csv = await download(page, page.getByRole('link', { name: 'Download CSV (all rows)' }));
	expect(csv.name).toMatch(/\.csv$/);
	const { header, records } = csvRecords(csv.text);
	expect(header.split(',').slice(0, 4)).toEqual([
		'interaction_id',
		'started_at',
		'channel',
		'direction'
	]);
	expect(records).toHaveLength(total);
	// The CSV carries the channel's value ("sms"), the cell its label ("SMS").
	for (const r of records) expect(r[2]).toBe(channelValue);

	// The first row opens the interaction: its transcript, each turn with a sentiment label.
	await table.getByRole('row').nth(1).getByRole('link').first().click();
	await expect(page.getByRole('heading', { name: /^Interaction /, level: 1 })).toBeVisible();
	const turns = page.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem');
	await expect(turns.first()).toBeVisible();
	await expect(page.getByText(/^Patient sentiment .*— end of call: negative/)).toBeVisible();
	const labels = turns.locator('.sent-label');
	await expect(labels.first()).toHaveText(/^(agent tone: )?(positive|neutral|negative)$/);
	expect(await labels.count()).toBeGreaterThan(1);
	await screenshot(page, testInfo, 'interaction');

	// Agents: the scorecard, for the screenshot artifact.
	await page.goto('/agents');
	await expect(
		page.getByRole('table', { name: 'Agent scorecard' }).getByRole('row').nth(1)
	).toBeVisible();
	await screenshot(page, testInfo, 'agents');
});

test('typed From/To dates win over the period preset, and a preset chosen later wins over them', async ({
	page
}) => {
	await signIn(page, 'manager', '/overview?period=last30');
	const note = page.locator('.period-note');
	// Type a range into the bar without touching the Period select (still "Last 30 days").
	const from = page.getByLabel('From');
	const to = page.getByLabel('To (inclusive)');
	const last = await to.inputValue();
	// a From one day later than shown (the 30-day range always spans more than one day)
	const shownFrom = new Date(`${await from.inputValue()}T00:00:00Z`);
	const typed = new Date(shownFrom.getTime() + 86_400_000).toISOString().slice(0, 10);
	await from.fill(typed);
	await page.getByRole('button', { name: 'Apply' }).click();
	// The address bar keeps only what the page shows: the typed range, no preset.
	await expect(page).toHaveURL(new RegExp(`\\?from=${typed}&to=${last}$`));
	await expect(note).toContainText(`${typed} to ${last}`);
	await expect(page.getByLabel('Period')).toHaveValue('custom');
	// Choosing a preset afterwards leaves the shown dates alone: the preset wins.
	await page.getByLabel('Period').selectOption('last7');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/\?period=last7$/);
});
