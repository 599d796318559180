import { expect, test } from '@playwright/test';
import { credentials, csvRecords, signIn } from './helpers.ts';

const failedSignIns = async (get: (url: string) => Promise<{ text(): Promise<string> }>) =>
	csvRecords(
		await (
			await get('/settings/audit/export.csv?actor=staff%40e2e.test&action=auth.sign_in_failed')
		).text()
	).records.length;

// Runs last (files run in name order, one worker): the per-address throttle it trips would
// otherwise lock every later sign-in from 127.0.0.1.

test('60 parallel sign-ins for one account, right password last: throttled, no session, all audited', async ({
	page,
	request,
	baseURL
}) => {
	await signIn(page, 'admin', '/settings');
	const before = await failedSignIns((url) => page.request.get(url));
	const { email, password } = credentials('staff');
	const responses = await Promise.all(
		Array.from({ length: 60 }, (_, i) =>
			request.post('/login', {
				form: { email, password: i === 59 ? password : `wrong-password-${i}` },
				// A browser's plain form post (no JavaScript): the answer's status is the action's.
				headers: { origin: baseURL!, accept: 'text/html' },
				maxRedirects: 0
			})
		)
	);
	const statuses = responses.map((r) => r.status());
	// The pair lock (5 failures of one account from one address): 4 plain "wrong" (400), the
	// 5th and the 55 refused unchecked answer 429 — the right password, last, among them.
	expect(statuses.filter((s) => s >= 500)).toEqual([]);
	expect(statuses.filter((s) => s === 400)).toHaveLength(4);
	expect(statuses.filter((s) => s === 429)).toHaveLength(56);
	const cookies = responses.map((r) => r.headers()['set-cookie'] ?? '');
	expect(cookies.filter((c) => c.includes('careloop_session='))).toEqual([]);
	expect(await failedSignIns((url) => page.request.get(url))).toBe(before + 60);
});
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
