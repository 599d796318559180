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

test('59 parallel wrong sign-ins for one account, then the right password: throttled, no session, all audited', async ({
	page,
	request,
	baseURL
}) => {
	await signIn(page, 'admin', '/settings');
	const before = await failedSignIns((url) => page.request.get(url));
	const { email, password } = credentials('staff');
	const post = (pw: string) =>
		request.post('/login', {
			form: { email, password: pw },
			// A browser's plain form post (no JavaScript): the answer's status is the action's.
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
	// 59 wrong passwords at once, then the right one: parallel requests arrive in no set order, so
	// the right password goes last on purpose (had it come among the first five it would rightly
	// have signed in).
	const wrong = await Promise.all(
		Array.from({ length: 59 }, (_, i) => post(`wrong-password-${i}`))
	);
	const responses = [...wrong, await post(password)];
	const statuses = responses.map((r) => r.status());
	// The pair lock (5 failures of one account from one address): at most 4 passwords are checked
	// and answered "wrong" (400; fewer when a burst's reservations trip the lock first), every
	// other attempt is refused unchecked (429) — and so is the right password after them.
	expect(statuses.filter((s) => s >= 500)).toEqual([]);
	const checked = statuses.filter((s) => s === 400).length;
	expect(checked).toBeGreaterThanOrEqual(1);
	expect(checked).toBeLessThanOrEqual(4);
	expect(statuses.filter((s) => s === 429)).toHaveLength(60 - checked);
	expect(statuses.at(-1)).toBe(429);
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
