import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

// Malformed input answers 400 with a sentence (the probe found 500s for these).
test('an id past int64 in the path is a 400 that says what is wrong', async ({ page }) => {
	await signIn(page, 'manager', '/complaints');
	for (const [path, what] of [
		['/complaints/99999999999999999999', 'follow-up'],
		['/coaching/99999999999999999999', 'coaching task'],
		['/qa/evaluations/99999999999999999999', 'evaluation']
	]) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(400);
		await expect(page.getByText(`is not a valid ${what} number`)).toBeVisible();
	}
});

test('a broken multipart form post is a 400, not a server error', async ({ page, baseURL }) => {
	await signIn(page, 'manager', '/complaints');
	const response = await page.request.post('/complaints/1?/note', {
		headers: {
			origin: baseURL!,
			accept: 'text/html',
			'content-type': 'multipart/form-data; boundary=zzz'
		},
		data: '--zzz\r\nContent-Disposition: form-data; name="bo'
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('The form could not be read');
});
