// A manager imports a small file through the Import page, reads the counts, sees the
// rejected row with its reason and line, and downloads the rejects as CSV.
import { expect, test } from '@playwright/test';
import { csvRecords, download, signIn } from './helpers.ts';

const FILE = 'interactions-e2e-upload.csv';

// tests/fixtures/e2e/interactions-e2e-upload.csv: 3 records after the header.
// E2E-1 valid; E2E-2 has channel "fax" (not an allowed value) → rejected "invalid channel";
// E2E-3 valid (space instead of T, direction empty → inbound, enums in other case).
// So read 3 = accepted 2 + rejected 1, and the reject is on line 3 (the header is line 1).
// Accepted stays 2 if the same rows were imported before (they count as unchanged).
test('a manager imports a file and sees the counts, the reject and its CSV', async ({ page }) => {
	// The server checks and imports (the rules run after, in a background job): still slow on a
	// busy machine, so the report gets a longer wait than a plain page.
	test.setTimeout(120_000);
	await signIn(page, 'manager', '/import');
	await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
	await page.getByLabel('Files').setInputFiles(`tests/fixtures/e2e/${FILE}`);
	await page.getByRole('button', { name: 'Import', exact: true }).click();

	const report = page.getByRole('table', { name: 'Report' });
	const row = report.getByRole('row').filter({ hasText: FILE });
	await expect(row).toHaveCount(1, { timeout: 90_000 });
	const header = await report.getByRole('columnheader').allTextContents();
	const cell = (name: string) => row.getByRole('cell').nth(header.indexOf(name));
	await expect(cell('Kind')).toHaveText('interactions');
	await expect(cell('Read')).toHaveText('3');
	await expect(cell('Accepted')).toHaveText('2');
	await expect(cell('Rejected')).toHaveText('1');
	// 1 of 3 rows rejected = 33.3 %: imported, but amber, not green.
	await expect(cell('Result')).toHaveText('Imported with rejects: 1 of 3 rows rejected (33.3 %)');
	await expect(cell('Result')).toHaveClass(/status-near/);

	const rejects = page.getByRole('table', { name: new RegExp(`Rejected rows in ${FILE}`) });
	await expect(rejects.getByRole('row')).toHaveCount(2); // header + the one reject
	const reject = rejects.getByRole('row').nth(1).getByRole('cell');
	await expect(reject.nth(0)).toHaveText('3');
	await expect(reject.nth(1)).toHaveText('invalid channel');
	await expect(reject.nth(2)).toContainText('E2E-2,2026-01-05T09:05:00Z,fax');

	const csv = await download(page, rejects.getByRole('link', { name: 'download all as CSV' }));
	expect(csv.name).toMatch(/^rejects-import-\d+\.csv$/);
	const { header: csvHeader, records } = csvRecords(csv.text);
	expect(csvHeader).toBe('file,line,reasons,raw');
	expect(records).toHaveLength(1);
	expect(records[0].slice(0, 3)).toEqual([FILE, '3', 'invalid channel']);
	expect(records[0][3]).toMatch(/^E2E-2,/);
});
