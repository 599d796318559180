import { expect, test } from '@playwright/test';

// Runs last (files run in name order, one worker): the per-address throttle it trips would
// otherwise lock every later sign-in from 127.0.0.1.
test('ten failed sign-ins are throttled with a clear message', async ({ page }) => {
	for (let i = 0; i < 10; i++) {
		await page.goto('/login');
		await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
		await page.getByLabel('Email').fill('nobody@e2e.test');
		await page.getByLabel('Password').fill(`wrong-password-${i}`);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
	}
	await expect(page.getByRole('alert')).toContainText(/too many/i);
});
