// Imports as background work: another user keeps browsing while a manager's import and its job
// run; an empty file says there is nothing to import; uploads over the limits and malformed
// bodies get a sentence; a client that goes away stops its import; an upload a crashed server
// left behind is gone after start (tests/e2e/serve.sh plants one before the server starts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

const FILES = 'test-results/e2e-upload-files';

/** A contract interactions CSV of n generated rows (about 100 bytes each). */
function bigCsv(name: string, rows: number): string {
	mkdirSync(FILES, { recursive: true });
	const path = join(FILES, name);
	const lines = [
		'interaction_id,started_at,channel,patient_id,agent_id,reason,talk_seconds,disposition'
	];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		lines.push(
			`BIG-${name}-${i},2025-02-${day}T10:00:00Z,voice,PB${i % 5000},A00${i % 9},refill,${60 + (i % 500)},resolved`
		);
	}
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
}

async function liveImports(page: Page): Promise<{ by: string; phase: string }[]> {
	const res = await page.request.get('/import/status');
	return (await res.json()).live;
}

test('another user keeps browsing while a manager imports a large file', async ({ browser }) => {
	test.setTimeout(300_000);
	// 1M rows (≈ 90 MB): long enough to browse during, now that a 300k-row import takes ≈ 2 s.
	const file = bigCsv('interactions-browse.csv', 1_000_000);
	const manager = await browser.newContext();
	const other = await browser.newContext();
	const m = await manager.newPage();
	const q = await other.newPage();
	await signIn(m, 'manager', '/import');
	await signIn(q, 'qa_lead', '/agents');

	await m.getByLabel('Files').setInputFiles(file);
	await m.getByRole('button', { name: 'Import', exact: true }).click();
	// The upload arrives and its rows are being read (the page polls the server's progress).
	await expect(m.getByText(/Importing for manager@e2e\.test/)).toBeVisible({ timeout: 120_000 });

	// Meanwhile the QA lead browses: every page answers while the import is still running.
	const pages: [string, RegExp][] = [
		['/agents', /Agents/],
		['/interactions', /Interactions/],
		['/qa', /Review queue/]
	];
	let answered = 0;
	const timings: number[] = [];
	while ((await liveImports(m)).length > 0 && answered < 12) {
		const [path, heading] = pages[answered % pages.length];
		const started = Date.now();
		const res = await q.goto(path);
		expect(res?.status()).toBe(200);
		await expect(q.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		timings.push(Date.now() - started);
		answered++;
	}
	console.log(`Pages answered during the import: ${answered}, ms: ${timings.join(', ')}`);
	expect(answered).toBeGreaterThanOrEqual(3);

	// The report comes once the rows have landed; the job follows in the background.
	const report = m.getByRole('table', { name: 'Report' });
	await expect(
		report.getByRole('row').filter({ hasText: 'interactions-browse.csv' })
	).toContainText('Imported', { timeout: 240_000 });
	await expect(m.getByText(/The rows have landed\. Job \d+/)).toBeVisible();
	const res = await q.goto('/interactions');
	expect(res?.status()).toBe(200);
	await manager.close();
	await other.close();
});

test('an empty file says there is nothing to import, not a green success', async ({ page }) => {
	mkdirSync(FILES, { recursive: true });
	const empty = join(FILES, 'surveys-empty.csv');
	writeFileSync(empty, '');
	await signIn(page, 'manager', '/import');
	await page.getByLabel('Files').setInputFiles(empty);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	const row = page
		.getByRole('table', { name: 'Report' })
		.getByRole('row')
		.filter({ hasText: 'surveys-empty.csv' });
	const result = row.getByRole('cell').last();
	await expect(result).toHaveText('Nothing to import: the file holds no rows.', {
		timeout: 60_000
	});
	await expect(result).not.toHaveClass(/status-met/);
});

test('uploads over the file cap and malformed bodies are refused with a sentence', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'manager', '/import');
	// A browser without JavaScript: HTML answers, with the action's status.
	const headers = { origin: baseURL as string, accept: 'text/html' };
	// 10,000 one-line files: refused at the 21st file part (the default cap is 20 files).
	const many = new FormData();
	for (let i = 0; i < 10_000; i++) many.append('files', new File(['x\n'], `fills-${i}.csv`));
	const started = Date.now();
	const refused = await page.request.post('/import?/upload', { multipart: many, headers });
	console.log(`10,000-file upload answered in ${Date.now() - started} ms`);
	expect(refused.status()).toBe(413);
	expect(await refused.text()).toContain(
		'One upload may hold at most 20 files: import them in smaller groups, or a whole folder with careloop ingest.'
	);

	const malformed = await page.request.post('/import?/upload', {
		headers: { ...headers, 'content-type': 'multipart/form-data; boundary=xyz' },
		data: '--xyz\r\nContent-Disposition: form-data; name="files"; filename="fills.csv"\r\n\r\nfill_id'
	});
	expect(malformed.status()).toBe(400);
	expect(await malformed.text()).toContain('The upload was not a well-formed multipart form');
});

test('a client that goes away stops its import: nothing of the file lands', async ({ browser }) => {
	test.setTimeout(300_000);
	// Large enough that the import is still reading when the browser hangs up.
	const file = bigCsv('interactions-abandoned.csv', 1_000_000);
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'manager', '/import');
	const watcher = await (await browser.newContext()).newPage();
	await signIn(watcher, 'admin', '/import');
	await page.getByLabel('Files').setInputFiles(file);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByText(/Importing for manager@e2e\.test/)).toBeVisible({ timeout: 120_000 });
	await context.close(); // the browser hangs up mid-import

	await expect.poll(async () => (await liveImports(watcher)).length, { timeout: 120_000 }).toBe(0);
	await watcher.goto('/import');
	const recent = watcher.getByRole('table', { name: 'Recent imports' });
	await expect(recent).toBeVisible();
	await expect(recent.getByText('interactions-abandoned.csv')).toHaveCount(0);
});

test('an upload left behind by a crashed server is gone after start', async () => {
	// serve.sh wrote tmp/e2e/uploads/upload-crashed/a00000/fills.csv before starting the server.
	const dir = process.env.E2E_DIR ?? 'tmp/e2e';
	expect(existsSync(join(dir, 'uploads'))).toBe(true);
	expect(existsSync(join(dir, 'uploads', 'upload-crashed'))).toBe(false);
});
