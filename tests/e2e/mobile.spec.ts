// Phone width (design/ui.md: usable at 360 px): no horizontal page overflow on the Overview and the
// follow-up queue, and the navigation, folded away, opens from the Menu button.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

test.use({ viewport: { width: 360, height: 740 } });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('at 360 px the Overview and the follow-up queue fit, and the Menu button opens the navigation', async ({
	page
}) => {
	await signIn(page, 'manager', '/overview');
	await expect(page.getByRole('list', { name: 'KPI tiles' })).toBeVisible();
	expect(await pageWidth(page)).toBeLessThanOrEqual(360);

	const nav = page.getByRole('navigation', { name: 'Primary' });
	const menu = page.getByRole('button', { name: 'Menu' });
	await expect(nav.getByRole('link', { name: 'Follow-ups' })).toBeHidden();
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await nav.getByRole('link', { name: 'Follow-ups' }).click();
	await expect(page).toHaveURL(/\/complaints$/);
	await expect(page.getByRole('heading', { name: 'Follow-ups', level: 1 })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Follow-ups' })).toBeHidden();
	await expect(page.getByRole('heading', { name: /^Queue/ })).toBeVisible();
	expect(await pageWidth(page)).toBeLessThanOrEqual(360);
});
