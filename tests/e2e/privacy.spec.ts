// PHI redaction end to end: with "keep the original text" on, an imported transcript shows tags
// instead of the date of birth and the spoken phone number; an admin reads the original (and the
// reading is in the audit log); a manager cannot.
import { expect, test } from '@playwright/test';
import { csvRecords, signIn, signOut } from './helpers.ts';

const FILES = ['interactions-privacy-e2e.csv', 'transcripts-privacy-e2e.csv'].map(
	(f) => `tests/fixtures/e2e/${f}`
);

test('imported text is redacted; only an admin reads the original, and it is audited', async ({
	page
}) => {
	test.setTimeout(180_000);
	await signIn(page, 'admin', '/settings/privacy');
	const keep = page.getByLabel('Keep the original text');
	await keep.check();
	await page.getByRole('button', { name: /save/i }).click();
	await expect(page.getByText('Privacy settings saved')).toBeVisible();

	await page.goto('/import');
	await page.getByLabel('Files').setInputFiles(FILES);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	const report = page.getByRole('table', { name: 'Report' });
	await expect(
		report.getByRole('row').filter({ hasText: 'transcripts-privacy-e2e.csv' })
	).toHaveCount(1, { timeout: 150_000 });

	await page.goto('/interactions/PRIV-1');
	const turns = page.getByRole('list', { name: 'Transcript turns' });
	await expect(turns).toContainText('Dana Whitlock, [DOB].');
	await expect(turns).toContainText('Please call me back at [PHONE].');
	await expect(turns).not.toContainText('1964');

	await page.getByRole('link', { name: 'Text before redaction' }).click();
	await expect(page.getByRole('cell', { name: 'Dana Whitlock, April 15, 1964.' })).toBeVisible();
	const csv = await (
		await page.request.get(
			'/settings/audit/export.csv?action=privacy.original_view&patient=P-E2E-PRIV'
		)
	).text();
	expect(csvRecords(csv).records.length).toBeGreaterThanOrEqual(1);

	// Back to the default, so later runs start from it.
	await page.goto('/settings/privacy');
	await page.getByLabel('Keep the original text').uncheck();
	await page.getByRole('button', { name: /save/i }).click();
	await expect(page.getByText('Privacy settings saved')).toBeVisible();
	await signOut(page);

	await signIn(page, 'manager', '/interactions/PRIV-1');
	await expect(page.getByRole('link', { name: 'Text before redaction' })).toHaveCount(0);
	const denied = await page.goto('/interactions/PRIV-1/original');
	expect(denied?.status()).toBe(403);
});

test('text imported while redaction was off is redacted by a job queued from Settings → Privacy', async ({
	page
}) => {
	test.setTimeout(240_000);
	const redact = async (on: boolean) => {
		await page.goto('/settings/privacy');
		const box = page.getByLabel('Redact identifiers in transcripts and comments');
		if (on) await box.check();
		else await box.uncheck();
		await page.getByRole('button', { name: /save/i }).click();
		await expect(page.getByText('Privacy settings saved')).toBeVisible();
	};
	await signIn(page, 'admin', '/settings/privacy');
	await redact(false);
	await page.goto('/import');
	await page
		.getByLabel('Files')
		.setInputFiles(
			['interactions-privacy-late-e2e.csv', 'transcripts-privacy-late-e2e.csv'].map(
				(f) => `tests/fixtures/e2e/${f}`
			)
		);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(
		page
			.getByRole('table', { name: 'Report' })
			.getByRole('row')
			.filter({ hasText: 'transcripts-privacy-late-e2e.csv' })
	).toHaveCount(1, { timeout: 150_000 });
	await page.goto('/interactions/PRIV-2');
	await expect(page.getByRole('list', { name: 'Transcript turns' })).toContainText(
		'It is 617-555-0199.'
	);

	await redact(true);
	await expect(page.getByText(/have not been through the current redactor yet/)).toBeVisible();
	await page.getByRole('button', { name: 'Redact stored text now' }).click();
	await expect(page.getByText(/queued as job \d+/)).toBeVisible();
	// The job runs after any import job before it; the page says so on each reload.
	await expect(async () => {
		await page.goto('/settings/privacy');
		await expect(page.getByText(/Last run \(job \d+\): Identifier redaction: /)).toBeVisible({
			timeout: 1_000
		});
	}).toPass({ timeout: 180_000 });
	await page.goto('/interactions/PRIV-2');
	const turns = page.getByRole('list', { name: 'Transcript turns' });
	await expect(turns).toContainText('It is [PHONE].');
	await expect(turns).not.toContainText('0199');
});
