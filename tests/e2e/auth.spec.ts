import { expect, test } from '@playwright/test';
import { signIn, signOut } from './helpers.ts';

// Navigation per role: src/lib/server/nav.ts shows the items whose route the role may open
// (routeAccess in src/lib/server/auth/access.ts); Settings is admin-only.
const navByRole = {
	admin: [
		'Overview',
		'Agents',
		'Interactions',
		'QA',
		'Follow-ups',
		'Coaching',
		'Adherence',
		'Targets',
		'Import',
		'Settings'
	],
	manager: [
		'Overview',
		'Agents',
		'Interactions',
		'QA',
		'Follow-ups',
		'Coaching',
		'Adherence',
		'Targets',
		'Import'
	],
	qa_lead: ['Agents', 'Interactions', 'QA', 'Follow-ups', 'Coaching'],
	staff: ['Follow-ups']
} as const;

test('anonymous visitors are sent to sign in, with no data shown', async ({ page }) => {
	await page.goto('/overview');
	await expect(page).toHaveURL(/\/login\?next=%2Foverview/);
	await expect(page.getByRole('heading', { name: 'Sign in to CareLoop' })).toBeVisible();
});

for (const [role, items] of Object.entries(navByRole)) {
	test(`${role} sees exactly their navigation`, async ({ page }) => {
		// /account is open to every role and light to render.
		await signIn(page, role as keyof typeof navByRole, '/account');
		const nav = page.getByRole('navigation', { name: 'Primary' });
		// The pages themselves; the badges beside them (what waits for the person) are links too.
		await expect(nav.locator('a:not(.badge)')).toHaveText([...items]);
	});
}

test('staff asking for a manager page gets 403', async ({ page }) => {
	await signIn(page, 'staff', '/complaints');
	const response = await page.goto('/overview');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
});

test('sign-out really ends the session', async ({ page, context }) => {
	await signIn(page, 'manager', '/overview');
	const cookiesBefore = await context.cookies();
	await signOut(page);
	// Replaying the old cookie must not get back in.
	await context.addCookies(cookiesBefore);
	await page.goto('/overview');
	await expect(page).toHaveURL(/\/login/);
});

test('the audit log records sign-ins and patient-data views', async ({ page }) => {
	await signIn(page, 'admin', '/interactions?period=last7');
	// Open one interaction: a patient-level view, so it must be audited with its patient.
	const row = page.getByRole('table', { name: 'Interactions' }).getByRole('row').nth(1);
	const cells = await row.getByRole('cell').allInnerTexts();
	const patient = cells.at(-1)!;
	await row.getByRole('link').first().click();
	await expect(page.getByRole('heading', { name: /^Interaction / })).toBeVisible();
	const interactionId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

	await page.goto('/settings/audit?actor=admin%40e2e.test&action=patient.view');
	await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
	const newest = page.getByRole('table').getByRole('row').nth(1);
	await expect(newest).toContainText('patient.view');
	await expect(newest).toContainText(interactionId);
	if (patient !== '–') await expect(newest).toContainText(patient);

	await page.goto('/settings/audit?actor=admin%40e2e.test&action=auth.sign_in');
	const signIns = page.getByRole('table').getByRole('row');
	await expect(signIns.nth(1)).toContainText('auth.sign_in');
	await expect(signIns.nth(1)).toContainText('admin@e2e.test');
});
