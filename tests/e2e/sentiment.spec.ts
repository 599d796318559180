// Sentiment on the transcript view: speakers named, system lines without sentiment, the agent's
// turns as agent tone, the patient's arc from patient turns; a QA lead corrects a label with
// JavaScript off (plain form post), a manager gets no correction form.
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers.ts';

async function openNegativeCall(page: Page) {
	const table = page.getByRole('table', { name: 'Interactions' });
	await expect(table.getByRole('row').nth(1)).toBeVisible();
	await table.getByRole('row').nth(1).getByRole('link').first().click();
	await expect(page.getByRole('heading', { name: /^Interaction /, level: 1 })).toBeVisible();
	return page.getByRole('list', { name: 'Transcript turns' }).getByRole('listitem');
}

test('speakers are named, system lines carry no sentiment, agent turns are agent tone', async ({
	page
}) => {
	// A voice call: its transcript opens with a system line (message threads have none).
	await signIn(page, 'manager', '/interactions?period=last7&sentiment=negative&channel=voice');
	const turns = await openNegativeCall(page);
	await expect(turns.first()).toBeVisible();
	await expect(
		page.getByText(/^Patient sentiment \(patient turns only\) — end of call: negative/)
	).toBeVisible();
	await expect(page.getByText(/^Agent tone — (positive|neutral|negative) \(/)).toBeVisible();

	const system = turns.filter({ has: page.getByText('System', { exact: true }) });
	const agent = turns.filter({ has: page.getByText('Agent', { exact: true }) });
	const patient = turns.filter({ has: page.getByText('Patient', { exact: true }) });
	expect(await system.count()).toBeGreaterThan(0);
	for (const turn of await system.all()) await expect(turn.locator('.sent-label')).toHaveCount(0);
	for (const turn of await agent.all())
		await expect(turn.locator('.sent-label')).toHaveText(
			/^agent tone: (positive|neutral|negative)/
		);
	for (const turn of await patient.all())
		await expect(turn.locator('.sent-label')).toHaveText(/^(positive|neutral|negative)/);
	// Managers read; correcting is QA's.
	await expect(page.getByText('Correct label')).toHaveCount(0);
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('a QA lead corrects a patient turn; the page shows the correction and the model’s label', async ({
		page
	}) => {
		// Without JavaScript the sign-in form posts as a plain form too.
		await page.goto(
			'/login?next=' + encodeURIComponent('/interactions?period=last7&sentiment=negative')
		);
		await page.getByLabel('Email').fill('qa_lead@e2e.test');
		await page.getByLabel('Password').fill('e2e-password-qa_lead');
		await page.getByRole('button', { name: 'Sign in' }).click();
		const turns = await openNegativeCall(page);
		const patient = turns.filter({ has: page.getByText('Patient', { exact: true }) }).first();
		const before = (await patient.locator('.sent-label').innerText()).trim();
		const wanted = before.startsWith('positive') ? 'negative' : 'positive';
		await patient.getByText('Correct label').click();
		await patient.getByLabel('Label').selectOption(wanted);
		await patient.getByRole('button', { name: 'Save label' }).click();
		await expect(page).toHaveURL(/\/interactions\/[^/]+#turn-\d+$/);
		const id = new URL(page.url()).hash.slice(1);
		const corrected = page.locator(`#${id}`);
		// The label in its pill; beside it, in plain text, that QA corrected it and what the model said.
		await expect(corrected.locator('.sent-label')).toHaveText(wanted);
		await expect(corrected.locator('.corrected-note')).toHaveText(
			/^corrected by QA \(model: (positive|neutral|negative)\)$/
		);
	});
});
