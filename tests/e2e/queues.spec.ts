// The one queue pattern, in the review queue at 1366 px: opening row 41 keeps row 41 where it
// was; j moves the selection and keeps it in view; a key pressed while the next item loads acts
// on that item, not the one being left; what waits for the lead shows as a badge in the navigation.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

const list = (page: Page) => page.getByRole('region', { name: 'Review queue list' });

/** The row's box lies inside the list's visible area (the list scrolls on its own). */
async function inListView(page: Page, row: Locator): Promise<boolean> {
	const [box, area] = await Promise.all([row.boundingBox(), list(page).boundingBox()]);
	if (!box || !area) return false;
	const bottom = Math.min(area.y + area.height, page.viewportSize()!.height);
	return box.y >= area.y - 1 && box.y + box.height <= bottom + 1;
}

test.use({ viewport: { width: 1366, height: 800 } });

test('opening row 41 keeps it in view, and j keeps the selection in view', async ({ page }) => {
	await signIn(page, 'qa_lead', '/qa?owner=all');
	const rows = list(page).locator('tbody tr');
	expect(await rows.count(), 'the demo week has more than 41 items').toBeGreaterThan(44);
	const row41 = rows.nth(40);
	await row41.scrollIntoViewIfNeeded();
	const id = (await row41.getByRole('link').innerText()).trim();
	const before = await row41.boundingBox();
	await row41.getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/qa/(evaluate|evaluations)/`));
	await expect(page.getByRole('heading', { name: new RegExp(id) })).toBeVisible();
	await expect(row41).toHaveAttribute('aria-current', 'true');
	await expect.poll(() => inListView(page, row41)).toBe(true);
	// Where it was, not jumped to the top of the list.
	const after = await row41.boundingBox();
	expect(Math.abs(after!.y - before!.y)).toBeLessThan(60);

	for (let i = 0; i < 6; i++) await page.keyboard.press('j');
	const current = list(page).locator('tbody tr[aria-current="true"]');
	await expect(current).toHaveAttribute(
		'id',
		`row-${(await rows.nth(46).getByRole('link').innerText()).trim()}`
	);
	await expect.poll(() => inListView(page, current)).toBe(true);
	await page.keyboard.press('k');
	await expect(rows.nth(45)).toHaveAttribute('aria-current', 'true');
});

test('a key pressed while the next item loads acts on that item', async ({ page }) => {
	await signIn(page, 'qa_lead', '/qa?owner=all');
	const open = list(page).locator('tbody tr').filter({ hasText: 'unassigned' });
	const first = open.nth(10);
	const second = open.nth(11);
	const secondId = (await second.getByRole('link').innerText()).trim();
	await first.getByRole('link').click();
	await expect(page.getByText('Held by nobody yet')).toBeVisible();
	// j and then c at once: c waits for the item j opens, and takes that one.
	await page.keyboard.press('j');
	await page.keyboard.press('c');
	await expect(page.getByRole('heading', { name: `Evaluate ${secondId}` })).toBeVisible();
	await expect(page.getByText('Held by you')).toBeVisible();
	await expect(list(page).locator(`tr[id="row-${secondId}"]`)).toContainText('E2E qa_lead');
	// The item left behind is still nobody's.
	await expect(first).toContainText('unassigned');

	// What waits for the lead now shows beside QA in the navigation.
	const badge = page
		.getByRole('navigation', { name: 'Primary' })
		.getByRole('link', { name: /review items? held by you/ });
	await expect(badge).toBeVisible();
});
