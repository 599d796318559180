import { expect, test } from '@playwright/test';
import { signIn, signOut } from './helpers.ts';

// Navigation per role, from design/ui.md ("who sees what"); the access table is the source.
const navByRole = {
	admin: ['Overview', 'Agents', 'Interactions', 'QA', 'Follow-ups', 'Coaching', 'Adherence', 'Targets', 'Import', 'Settings'],
	manager: ['Overview', 'Agents', 'Interactions', 'QA', 'Follow-ups', 'Coaching', 'Adherence', 'Targets', 'Import'],
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
		await signIn(page, role as keyof typeof navByRole);
		const nav = page.getByRole('navigation', { name: 'Primary' });
		await expect(nav.getByRole('link')).toHaveText([...items]);
	});
}

test('staff asking for a manager page gets 403', async ({ page }) => {
	await signIn(page, 'staff');
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
