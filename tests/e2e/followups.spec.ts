// A staff shift in the follow-up queue, at 1366 and 360 px: take the most urgent follow-up still
// inside its SLA, call, respond, resolve (the SLA figure moves, the next task is one key away);
// a medication error closes only with a reviewed incident report and a contact attempt (or the
// reason nobody was contacted); a 20,000-character note is refused with a sentence; a second tab
// that loses a race says it was you and shows the task as it is.
import { expect, test, type Page } from '@playwright/test';
import { credentials, screenshot, signIn } from './helpers.ts';

/** "SLA compliance" figure: met and total from "M of T on time". */
async function sla(page: Page): Promise<{ met: number; total: number }> {
	const card = page
		.locator('.fig')
		.filter({ has: page.getByText('SLA compliance', { exact: true }) });
	const text = await card.getByText(/[\d,]+ of [\d,]+ on time/).innerText();
	const [, met, total] = text.replaceAll(',', '').match(/(\d+) of (\d+) on time/)!;
	return { met: Number(met), total: Number(total) };
}

const taskHeading = (page: Page) => page.getByRole('heading', { name: /^Follow-up #\d+:/ });
const fact = (page: Page, name: string) =>
	page
		.locator('.facts div')
		.filter({ hasText: new RegExp(`^${name}`) })
		.locator('dd');
const queue = (page: Page) => page.getByRole('region', { name: 'Follow-up queue' });

for (const width of [1366, 360]) {
	test(`at ${width} px staff take, call, respond and resolve a follow-up; SLA compliance moves and the next one is offered`, async ({
		page
	}, testInfo) => {
		await page.setViewportSize({ width, height: 900 });
		// SLA compliance = closed on time / (closed + open past due): closing a task still inside its
		// SLA adds it to both sides (met + 1, total + 1). Unclaimed complaints, most urgent first.
		await signIn(page, 'staff', '/complaints?kind=complaint&status=open');
		const rows = queue(page)
			.getByRole('row')
			.filter({ has: page.getByText(/^due in /) });
		// A different task at each width: the first one inside its SLA, then the next.
		const row = rows.nth(width === 1366 ? 0 : 1);
		await expect(row, 'an unclaimed complaint follow-up still inside its SLA').toBeVisible();
		const before = await sla(page);
		await row.getByRole('link').click();
		await expect(taskHeading(page)).toBeVisible();
		if (width === 360) {
			// On a phone the task is alone on the screen, with the way back to the list.
			await expect(queue(page)).toBeHidden();
			await expect(page.getByRole('link', { name: '← Back to the list' })).toBeVisible();
		}
		await expect(fact(page, 'Assignee')).toHaveText('unassigned');

		await page.getByRole('button', { name: 'Take this follow-up' }).click();
		await expect(fact(page, 'Assignee')).toHaveText('E2E staff');
		await expect(fact(page, 'Status')).toHaveText(/in progress/);
		await expect(page.getByText('Held by you')).toBeVisible();

		await page.getByLabel('Channel', { exact: true }).selectOption('voice');
		await page.getByLabel('Outcome', { exact: true }).selectOption('reached');
		await page.getByLabel('Note (optional)').fill('E2E: spoke with the patient.');
		await page.getByRole('button', { name: 'Log attempt' }).click();
		await expect(page.locator('ol.log li')).toContainText(['E2E: spoke with the patient.']);

		await page
			.getByLabel('Written response sent')
			.fill('E2E: we are sorry; your refill is ready today.');
		await page.getByRole('button', { name: 'Save response' }).click();
		await expect(page.getByText(/^Last saved /)).toBeVisible();

		await page.getByLabel('Resolution').selectOption('resolved');
		await page.getByLabel('Root cause').selectOption('communication');
		await page.getByRole('button', { name: 'Resolve', exact: true }).click();
		await expect(fact(page, 'Status')).toHaveText(/^closed/);
		await expect(page.locator('blockquote.response-sent')).toHaveText(
			'E2E: we are sorry; your refill is ready today.'
		);
		const next = page.getByRole('link', { name: /^Next follow-up: #\d+/ });
		await expect(next).toBeVisible();
		await screenshot(page, testInfo, `staff-shift-resolved-${width}`);

		if (width === 360) {
			// The figures sit above the list, which a phone shows only on the way back.
			await page.getByRole('link', { name: '← Back to the list' }).click();
			await expect(queue(page)).toBeVisible();
		}
		await expect.poll(() => sla(page)).toEqual({ met: before.met + 1, total: before.total + 1 });
		if (width === 360) await page.goBack();
		await next.click();
		await expect(taskHeading(page)).toBeVisible();
	});
}

for (const width of [1366, 360]) {
	test(`at ${width} px a medication error closes only with a reviewed report and a contact attempt or a documented reason`, async ({
		page,
		browser
	}, testInfo) => {
		await page.setViewportSize({ width, height: 900 });
		// Medication-safety follow-ups go to the pharmacist queue; a manager sees every queue.
		await signIn(page, 'manager', '/complaints?category=medication_safety&status=open');
		await queue(page).getByRole('row').nth(1).getByRole('link').click();
		await expect(taskHeading(page)).toContainText('medication safety');
		await page.getByRole('button', { name: 'Take this follow-up' }).click();
		await expect(page.getByText('Held by you')).toBeVisible();
		await expect(page.getByText('Required before this follow-up can close.')).toBeVisible();

		await page.getByLabel('Medication', { exact: true }).fill('Metformin 500 mg');
		await page.getByLabel('Dose prescribed').fill('500 mg twice daily');
		await page.getByLabel('Dose dispensed').fill('850 mg twice daily');
		await page.getByLabel('Date of the error').fill('2026-01-05');
		await page.getByLabel('Staff involved').fill('E2E pharmacist');
		await page.getByLabel('Harm category (NCC MERP)').selectOption('C');
		await page.getByRole('button', { name: 'Save incident report' }).click();
		await expect(page.getByText('Not reviewed yet.')).toBeVisible();

		// A second person signs the report off.
		const adminContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
		const admin = await adminContext.newPage();
		await signIn(admin, 'admin', new URL(page.url()).pathname);
		await admin.getByRole('button', { name: 'Mark incident report reviewed' }).click();
		await expect(admin.getByText(/Reviewed by E2E admin/)).toBeVisible();
		await adminContext.close();

		// Reviewed, but nobody contacted the patient: the form asks for the reason, and refuses without.
		await page.reload();
		await expect(page.getByText(/Reviewed by E2E admin/)).toBeVisible();
		await page.getByLabel('Root cause').selectOption('dispensing_error');
		await expect(page.getByLabel('Why nobody was contacted')).toBeVisible();
		await page.getByRole('button', { name: 'Resolve', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'A medication-error follow-up closes only after a logged contact attempt, or with the reason nobody was contacted: log the attempt, or write the reason.'
		);
		await expect(fact(page, 'Status')).not.toHaveText(/^closed/);

		// A logged attempt lets it close.
		await page.getByLabel('Channel', { exact: true }).selectOption('voice');
		await page.getByLabel('Outcome', { exact: true }).selectOption('reached');
		await page.getByRole('button', { name: 'Log attempt' }).click();
		await expect(page.locator('ol.log li')).toHaveCount(1);
		await expect(page.getByLabel('Why nobody was contacted')).toBeHidden();
		await page.getByLabel('Root cause').selectOption('dispensing_error');
		await page.getByRole('button', { name: 'Resolve', exact: true }).click();
		await expect(fact(page, 'Status')).toHaveText(/^closed/);
	});
}

test('a 20,000-character note is refused with a sentence, on the page and by the server', async ({
	page,
	browser
}, testInfo) => {
	await signIn(page, 'staff', '/complaints?kind=complaint&status=open');
	await queue(page).getByRole('row').nth(2).getByRole('link').click();
	await page.getByRole('button', { name: 'Take this follow-up' }).click();
	await expect(page.getByText('Held by you')).toBeVisible();
	const taskPath = new URL(page.url()).pathname;
	const note = page.getByLabel('Add a note');
	await note.fill('x'.repeat(20_000));
	// The counter says it before anything is sent, and the browser will not send it.
	const counter = page.locator('#note-count');
	await expect(counter).toHaveText(
		'The note is 20,000 characters long; the limit is 5,000. Shorten it by 15,000 and save again.'
	);
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('p.note')).toHaveCount(0);

	// Without JavaScript the same text reaches the server, which refuses it whole: nothing stored,
	// the text given back.
	const plain = await browser.newContext({
		baseURL: testInfo.project.use.baseURL,
		javaScriptEnabled: false
	});
	const nojs = await plain.newPage();
	await nojs.goto(`/login?next=${encodeURIComponent(taskPath)}`);
	await nojs.getByLabel('Email').fill(credentials('staff').email);
	await nojs.getByLabel('Password').fill(credentials('staff').password);
	await nojs.getByRole('button', { name: 'Sign in' }).click();
	await expect(taskHeading(nojs)).toBeVisible();
	await nojs.getByLabel('Add a note').fill('x'.repeat(20_000));
	await nojs.getByRole('button', { name: 'Add note' }).click();
	// A whole page load after a 20,000-character post: slow on a busy machine.
	await expect(nojs.getByRole('alert')).toHaveText(
		'The note is 20,000 characters long; the limit is 5,000. Shorten it by 15,000 and save again.',
		{ timeout: 30_000 }
	);
	await expect(nojs.locator('p.note')).toHaveCount(0);
	await plain.close();
	// A note within the limit is stored whole.
	await page.reload();
	await page.getByLabel('Add a note').fill('y'.repeat(5000));
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('p.note')).toHaveCount(1);
});

test('a second tab that loses a race says it was you and shows the task as it is', async ({
	page
}) => {
	await signIn(page, 'staff', '/complaints?kind=complaint&status=open');
	await queue(page).getByRole('row').nth(3).getByRole('link').click();
	await expect(page.getByText('Held by nobody yet')).toBeVisible();
	const other = await page.context().newPage();
	await other.goto(page.url());
	await expect(other.getByText('Held by nobody yet')).toBeVisible();

	await page.getByRole('button', { name: 'Take this follow-up' }).click();
	await expect(page.getByText('Held by you')).toBeVisible();
	// The other tab still shows it unassigned; its take loses and names what happened.
	await other.getByRole('button', { name: 'Take this follow-up' }).click();
	await expect(other.getByRole('alert')).toHaveText(
		/^You \(in another tab\) took it at \d{4}-\d\d-\d\d \d\d:\d\d UTC; the page now shows this follow-up as it is\.$/
	);
	await expect(other.getByText('Held by you')).toBeVisible();
	await expect(other.getByRole('button', { name: 'Take this follow-up' })).toBeHidden();
	await other.close();
});
