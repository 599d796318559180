// A staff member works a follow-up end to end (claim, contact attempt, written response,
// resolve) and the queue's SLA compliance moves; a medication-error follow-up cannot close
// without a reviewed incident report.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

/** "SLA compliance" figure: met and total from "M of T on time". */
async function sla(page: Page): Promise<{ met: number; total: number }> {
	const card = page
		.locator('.fig')
		.filter({ has: page.getByText('SLA compliance', { exact: true }) });
	const text = await card.getByText(/\d+ of \d+ on time/).innerText();
	const [, met, total] = text.match(/(\d+) of (\d+) on time/)!;
	return { met: Number(met), total: Number(total) };
}

const taskHeading = (page: Page) => page.getByRole('heading', { name: /^Follow-up #\d+:/ });
const status = (page: Page) =>
	page
		.locator('.facts div')
		.filter({ hasText: /^Status/ })
		.locator('dd');

test('staff claim the most urgent follow-up, log an attempt, respond, resolve, and SLA compliance moves', async ({
	page
}) => {
	// Unclaimed complaint follow-ups, most urgent first. SLA compliance = closed on time / (closed +
	// open past due), so closing a task already past due cannot move it: take the most urgent one
	// still inside its SLA, which closing now adds to both sides (met + 1, total + 1).
	await signIn(page, 'staff', '/complaints?kind=complaint&status=open');
	const queue = page.locator('section.list table');
	const rows = queue.getByRole('row').filter({ has: page.getByText(/^due in /) });
	const row = rows.first();
	await expect(row, 'an unclaimed complaint follow-up still inside its SLA').toBeVisible();
	const before = await sla(page);
	await row.getByRole('link').click();
	await expect(taskHeading(page)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Incident report' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Claim', exact: true }).click();
	await expect(page.getByRole('status')).toBeVisible();
	await expect(status(page)).toHaveText(/in progress/);
	await expect(
		page
			.locator('.facts div')
			.filter({ hasText: /^Assignee/ })
			.locator('dd')
	).toHaveText('E2E staff');

	await page.getByLabel('Channel', { exact: true }).selectOption({ index: 0 });
	const outcome = page.getByLabel('Outcome', { exact: true });
	const reached = await outcome
		.locator('option', { hasText: 'reached' })
		.first()
		.getAttribute('value');
	await outcome.selectOption(reached ?? { index: 0 });
	await page.getByLabel('Note (optional)').fill('E2E: spoke with the patient.');
	await page.getByRole('button', { name: 'Log attempt' }).click();
	await expect(page.locator('ol.log li')).toContainText(['E2E: spoke with the patient.']);

	await page
		.getByLabel('Written response sent')
		.fill('E2E: we are sorry; your refill is ready today.');
	await page.getByRole('button', { name: 'Save response' }).click();
	await expect(page.getByText(/^Last saved /)).toBeVisible();

	await page.getByLabel('Resolution').selectOption({ index: 0 });
	await page.getByLabel('Root cause').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Resolve', exact: true }).click();
	await expect(status(page)).toHaveText(/^closed/);
	await expect(page.locator('blockquote')).toHaveText(
		'E2E: we are sorry; your refill is ready today.'
	);

	await expect.poll(() => sla(page)).toEqual({ met: before.met + 1, total: before.total + 1 });
});

test('a medication-error follow-up cannot close until a second person reviews its incident report', async ({
	page,
	browser
}) => {
	// Medication-safety follow-ups go to the pharmacist queue; a manager sees every queue.
	await signIn(page, 'manager', '/complaints?category=medication_safety&status=active');
	const queue = page.locator('section.list table');
	await queue.getByRole('row').nth(1).getByRole('link').click();
	await expect(taskHeading(page)).toContainText('medication safety');
	const claim = page.getByRole('button', { name: 'Claim', exact: true });
	if (await claim.isVisible()) {
		await claim.click();
		await expect(status(page)).toHaveText(/in progress/);
	}
	const report = page.locator('h3', { hasText: 'Incident report' });
	await expect(report).toBeVisible();
	await expect(page.getByText('Required before this follow-up can close.')).toBeVisible();

	await page.getByLabel('Root cause').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Resolve', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('incident report');
	await expect(status(page)).not.toHaveText(/^closed/);

	// With the report written and reviewed, the same resolve goes through.
	await page.getByLabel('Medication', { exact: true }).fill('Metformin 500 mg');
	await page.getByLabel('Dose prescribed').fill('500 mg twice daily');
	await page.getByLabel('Dose dispensed').fill('850 mg twice daily');
	await page.getByLabel('Date of the error').fill('2026-01-05');
	await page.getByLabel('Staff involved').fill('E2E pharmacist');
	await page.getByLabel('Harm category (NCC MERP)').selectOption({ index: 2 });
	await page.getByRole('button', { name: 'Save incident report' }).click();
	await expect(page.getByText('Not reviewed yet.')).toBeVisible();
	// Its author cannot sign it off: a second pharmacist or manager must.
	await page.getByRole('button', { name: 'Mark incident report reviewed' }).click();
	await expect(page.getByRole('alert')).toContainText('another pharmacist or a manager');
	await expect(page.getByText('Not reviewed yet.')).toBeVisible();

	const adminContext = await browser.newContext();
	const admin = await adminContext.newPage();
	await signIn(admin, 'admin', new URL(page.url()).pathname);
	await expect(taskHeading(admin)).toContainText('medication safety');
	await admin.getByRole('button', { name: 'Mark incident report reviewed' }).click();
	await expect(admin.getByText(/Reviewed by E2E admin/)).toBeVisible();
	await admin.getByLabel('Root cause').selectOption({ index: 1 });
	await admin.getByRole('button', { name: 'Resolve', exact: true }).click();
	await expect(status(admin)).toHaveText(/^closed/);
	await adminContext.close();
});
