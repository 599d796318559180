// A manager maps a Five9 call log through Import → map a vendor export: the preset is detected,
// the preview shows each cell's value and verdict, the source time zone is set and previewed
// again, the mapping is saved by name, and the file is imported with it.
import { expect, test } from '@playwright/test';
import { signIn } from './helpers.ts';

// tests/fixtures/presets/five9-call-log.csv: 7 records, C101 has two legs (its second listed
// twice), C104 has TALK TIME "4 min". In New York time 19:30 EST on 8 March is 00:30Z on the 9th.
test('a manager previews, edits, saves and imports a Five9 export', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'manager', '/import');
	await page.getByRole('link', { name: 'map a vendor export' }).click();
	await expect(page.getByRole('heading', { name: 'Map a vendor export', level: 1 })).toBeVisible();
	await page
		.getByLabel('File (CSV, JSON, NDJSON or Excel .xlsx)')
		.setInputFiles('tests/fixtures/presets/five9-call-log.csv');
	await page.getByRole('button', { name: 'Preview', exact: true }).click();

	await expect(page.getByRole('heading', { name: 'Five9 call log → interactions' })).toBeVisible();
	const preview = page.getByRole('table', { name: /records mapped/ });
	await expect(preview).toContainText(
		'First 7 of 7 records mapped: 6 would be accepted, 1 rejected.'
	);
	const header = await preview.getByRole('columnheader').allTextContents();
	const cell = (line: string, column: string) =>
		preview
			.getByRole('row')
			.filter({ has: page.getByRole('cell', { name: new RegExp(`^${line}( |$)`) }) })
			.getByRole('cell')
			.nth(header.indexOf(column));
	// Without a source time zone the local time reads as UTC.
	await expect(cell('2', 'started_at')).toContainText('2025-03-08T19:30:00Z');
	await expect(cell('8', 'talk_seconds')).toContainText('invalid talk_seconds');

	await page
		.getByLabel('Source time zone of times written without an offset (IANA name)')
		.fill('America/New_York');
	await page.getByLabel('Name (to save this mapping)').fill('Five9 New York');
	await page.getByRole('button', { name: 'Preview again' }).click();
	await expect(cell('2', 'started_at')).toContainText('2025-03-09T00:30:00Z');
	// Line 3 starts C101: its legs (lines 3–5, one listed twice) give 120 + 180 s of talk.
	await expect(cell('3', 'talk_seconds')).toContainText('300');
	await expect(cell('3', 'Line')).toContainText('3 records');

	await page.getByRole('button', { name: 'Save mapping' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Saved the mapping “Five9 New York”.' })
	).toBeVisible();
	await expect(
		page.getByLabel('Read it as').locator('option', { hasText: 'Saved mapping: Five9 New York' })
	).toHaveCount(1);

	await page.getByRole('button', { name: 'Import with this mapping' }).click();
	await expect(page.getByRole('heading', { name: 'Imported five9-call-log.csv' })).toBeVisible({
		timeout: 90_000
	});
	await expect(page.getByRole('status').filter({ hasText: 'read' })).toHaveText(
		/7 read, 6 accepted \(4 new, 2 unchanged, 2 folded into their contact\), 1 rejected\./
	);
});

test('a file of an unknown shape gets one sentence saying what was expected', async ({ page }) => {
	await signIn(page, 'manager', '/import/mapping');
	await page.getByLabel('File (CSV, JSON, NDJSON or Excel .xlsx)').setInputFiles({
		name: 'export.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('caller,when,length\n555,yesterday,3\n')
	});
	await page.getByRole('button', { name: 'Preview', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(
		/^The file matches no preset and lacks CareLoop's own columns: expected .*\.$/
	);
});

test('a roster imported as agents* puts names beside ids', async ({ page }) => {
	test.setTimeout(120_000);
	await signIn(page, 'manager', '/import');
	// The demo world's agent A001 gets a name; other ids stay bare.
	await page.getByLabel('Files').setInputFiles({
		name: 'agents-e2e.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('agent_id,name,team,site,active\nA001,Robin Example,,Leeds,yes\n')
	});
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	const row = page
		.getByRole('table', { name: 'Report' })
		.getByRole('row')
		.filter({ hasText: 'agents-e2e.csv' });
	await expect(row).toContainText('agents', { timeout: 90_000 });
	await page.goto('/agents/A001');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Robin Example\s+A001/);
	await page.goto('/agents?period=last30');
	await expect(page.getByRole('link', { name: 'Robin Example (A001)' })).toBeVisible();
});

test('a manager adds and removes an NDC table entry', async ({ page }) => {
	await signIn(page, 'manager', '/import/ndc');
	await expect(page.getByRole('table', { name: /entries/ })).toContainText('00071-0155');
	// 5-3-2 form → 11 digits with the product's leading zero.
	await page.getByLabel(/^NDC/).fill('00093-721-01');
	await page.getByLabel('Generic drug name').fill('Lisinopril');
	await page.getByRole('button', { name: 'Save entry' }).click();
	await expect(page.getByRole('status')).toHaveText('Set 00093-0721-01 → lisinopril.');
	const row = page.getByRole('row').filter({ hasText: '00093-0721-01' });
	await expect(row).toContainText('lisinopril');
	await row.getByRole('button', { name: 'Remove 00093-0721-01' }).click();
	await expect(page.getByRole('status')).toHaveText('Removed 00093-0721-01.');
	await expect(page.getByRole('row').filter({ hasText: '00093-0721-01' })).toHaveCount(0);
});
