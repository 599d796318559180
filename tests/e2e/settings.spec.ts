// The one settings form on its three pages: a save that breaks a rule is refused whole with the
// rule in one sentence (JavaScript off, as a plain form post), a good save applies and shows up in
// the audit log as settings.update with from/to. Every value changed here is put back, so later
// specs see the defaults.
import { expect, test } from '@playwright/test';
import { credentials, signIn } from './helpers.ts';

test('KPI settings refuse NPS detractors reaching the promoters, without JavaScript', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const { email, password } = credentials('manager');
	await page.goto('/login?next=%2Fsettings%2Fkpi');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'KPI settings' })).toBeVisible();
	await expect(page.getByLabel('Service level: answered within (seconds)')).toHaveValue('30');
	await page.getByLabel('NPS: detractor up to score').fill('9');
	await page.getByLabel('Minimum sample').fill('12');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'NPS detractors must end below where promoters start.'
	);
	await page.goto('/settings/kpi');
	// Nothing was stored: neither the bad value nor the good one beside it.
	await expect(page.getByLabel('NPS: detractor up to score')).toHaveValue('6');
	await expect(page.getByLabel('Minimum sample')).toHaveValue('30');
	await context.close();
});

test('QA settings save through the same form and are audited with from and to', async ({
	page
}) => {
	await signIn(page, 'admin', '/qa/rubrics');
	const field = page.getByLabel('AHT target when none is set (s)');
	await expect(field).toHaveValue('300');
	await field.fill('900');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'QA settings saved.' })).toBeVisible();
	await page.goto('/qa/rubrics');
	await expect(page.getByLabel('AHT target when none is set (s)')).toHaveValue('900');

	await page.goto('/settings/audit?action=settings.update&actor=admin%40e2e.test');
	// The audit log shows the change in words: the setting, then from → to.
	await expect(page.getByRole('cell', { name: /300 → 900/ })).toBeVisible();

	await page.goto('/qa/rubrics');
	await page.getByLabel('AHT target when none is set (s)').fill('300');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'QA settings saved.' })).toBeVisible();
});
