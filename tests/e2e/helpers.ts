// Shared steps for end-to-end tests. Users are created by tests/e2e/serve.sh, one per role.
import { expect, type Page } from '@playwright/test';

export type Role = 'admin' | 'manager' | 'qa_lead' | 'staff';

export const credentials = (role: Role) => ({
	email: `${role}@e2e.test`,
	password: `e2e-password-${role}`
});

export async function signIn(page: Page, role: Role, next = '/'): Promise<void> {
	const { email, password } = credentials(role);
	await page.goto(`/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL(/\/login/);
}
