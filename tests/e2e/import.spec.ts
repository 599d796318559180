import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

// tests/fixtures/e2e/interactions-e2e-upload.csv: 3 records after the header.
// E2E-1 valid; E2E-2 has channel "fax" (not an allowed value) → rejected "invalid channel";
// E2E-3 valid (space instead of T, direction null → inbound, enums lower-cased).
// So read 3 = accepted 2 + rejected 1, and the reject is line 3 (header is line 1).
test('a manager imports a file on the Import page and sees counts and the reject', async ({ page }) => {
	await signIn(page, 'manager', '/import');
	await page.getByLabel(/files/i).setInputFiles('tests/fixtures/e2e/interactions-e2e-upload.csv');
	await page.getByRole('button', { name: /import/i }).click();

	const report = page.getByRole('region', { name: /import report/i });
	await expect(report).toContainText('interactions-e2e-upload.csv');
	const row = report.getByRole('row', { name: /interactions-e2e-upload\.csv/ });
	await expect(row.getByRole('cell').nth(2)).toHaveText('3');
	await expect(report).toContainText('invalid channel');
	await expect(report).toContainText('E2E-2');
});
