import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { csvRecords, download, signIn, signOut } from './helpers.ts';

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

test('a sign-in form declared over 1 MB is refused with a 413 before it is read', async ({
	request,
	baseURL
}) => {
	// 1 MB + 1 byte of form: the server's BODY_SIZE_LIMIT (1100M) is meant for uploads only.
	const response = await request.post('/login', {
		headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
		data: 'email=' + 'a'.repeat(1024 * 1024 - 5)
	});
	expect(response.status()).toBe(413);
	expect(await response.text()).toBe(
		'This request is too large: forms take at most 1 MB (files go through Import).'
	);
});

test('a sign-in form sent chunked (no declared length) past 1 MB gets the same 413', async ({
	baseURL
}) => {
	// 20 chunks of 64 KiB = 1.25 MiB with Transfer-Encoding: chunked, which Playwright's request
	// API never sends: node:http does. The server stops reading once the body passes 1 MB.
	const url = new URL('/login', baseURL);
	const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = httpRequest(
			url,
			{
				method: 'POST',
				headers: {
					origin: baseURL!,
					'content-type': 'application/x-www-form-urlencoded',
					'transfer-encoding': 'chunked'
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			}
		);
		// The server may answer and close before every chunk is written.
		req.on('error', (err) => (req.writableEnded ? undefined : reject(err)));
		req.write('email=');
		for (let i = 0; i < 20; i++) req.write('a'.repeat(64 * 1024));
		req.end();
	});
	expect(answer.status).toBe(413);
	expect(answer.text).toBe(
		'This request is too large: forms take at most 1 MB (files go through Import).'
	);
});

// Least privilege: staff reach a patient only through a task they hold (the probe exported ~940
// queue rows with patient ids from a staff account, and opened any unassigned task's context).
test('staff see an unclaimed task without its patient, and export only their own tasks', async ({
	page
}) => {
	await signIn(page, 'staff', '/complaints?kind=complaint&status=open&assignee=unassigned');
	const rows = page.locator('table.queue-table').getByRole('row');
	await rows.getByRole('link').first().click();
	await expect(page.getByText('Take this follow-up to see the patient')).toBeVisible();
	await expect(
		page
			.locator('.facts div')
			.filter({ hasText: /^Patient/ })
			.locator('dd')
	).toHaveText('shown once you take it');
	// Every move but claiming is refused until the task is theirs.
	await page.getByLabel('Add a note').fill('E2E: trying without claiming');
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.getByRole('alert')).toContainText('Take this follow-up first');

	await page.goto('/complaints?status=all');
	const { text } = await download(page, page.getByRole('link', { name: 'Download CSV' }));
	const { header, records } = csvRecords(text);
	const assignee = header.split(',').indexOf('assignee');
	expect(assignee).toBeGreaterThan(-1);
	// Only the tasks staff@e2e.test holds (earlier specs claimed some); none unassigned.
	expect(records.every((r) => r[assignee] === 'E2E staff')).toBe(true);
});

// Audit: a list or export names its patients, and rejected rows count as patient data.
test('an export is found by searching the audit for one of its patients; rejects.csv is audited', async ({
	page
}) => {
	await signIn(page, 'manager', '/complaints?status=all');
	const { text } = await download(page, page.getByRole('link', { name: 'Download CSV' }));
	const { header, records } = csvRecords(text);
	const patient = records.map((r) => r[header.split(',').indexOf('patient_id')]).find(Boolean);
	expect(patient, 'the manager export shows patient ids').toBeTruthy();
	const rejects = await page.request.get('/import/rejects.csv');
	expect(rejects.status()).toBe(200);
	await signOut(page);

	await signIn(page, 'admin', '/settings');
	const audited = async (query: string) => {
		const csv = await (await page.request.get(`/settings/audit/export.csv?${query}`)).text();
		const parsed = csvRecords(csv);
		const action = parsed.header.split(',').indexOf('action');
		return parsed.records.map((r) => r[action]);
	};
	const search = new URLSearchParams({ patient: patient!, actor: 'manager@e2e.test' });
	expect(await audited(search.toString())).toContain('follow_up.export');
	expect(await audited('action=import.rejects_export&actor=manager%40e2e.test')).toHaveLength(1);
});
