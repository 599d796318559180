// A calibration session end to end in the browser: the QA lead sets it up with two calls, three
// graders (the lead, qa2, qa3) score blind, the manager writes the answer key, and the report's
// agreement figures equal the ones worked by hand for the same answers in
// src/lib/server/qa/calibration/report.test.ts (the table of answers is repeated below).
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { download, signIn, type Account } from './helpers.ts';

type Answers = Record<string, string>;
// Legends of the seeded rubric's items → the radio to pick ("Yes", "No", "N/A", "1"…"5").
const ITEMS: Record<string, RegExp> = {
	greeting: /^Greeting/,
	verification: /^Verified the patient/,
	accuracy: /^Accuracy of drug/,
	escalation: /escalated to a pharmacist/,
	empathy: /^Empathy and plain language/,
	ownership: /^Ownership and resolution/,
	closing: /^Closing/
};
const KEY_1 = {
	greeting: 'Yes',
	verification: 'Yes',
	accuracy: '5',
	escalation: 'N/A',
	empathy: '4',
	ownership: '4',
	closing: 'Yes'
};
const KEY_2 = {
	greeting: 'No',
	verification: 'Yes',
	accuracy: '4',
	escalation: 'N/A',
	empathy: '3',
	ownership: '3',
	closing: 'No'
};
const SCORING: [Account, Answers, Answers][] = [
	['qa_lead', { ...KEY_1, empathy: '3' }, KEY_2],
	['qa2', { ...KEY_1, closing: 'No' }, { ...KEY_2, greeting: 'Yes' }],
	['qa3', { ...KEY_1, empathy: '3', closing: 'No' }, { ...KEY_2, verification: 'N/A' }],
	['manager', KEY_1, KEY_2]
];

async function pageAs(browser: Browser, testInfo: TestInfo, account: Account, next: string) {
	const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const page = await context.newPage();
	await signIn(page, account, next);
	return page;
}

async function score(page: Page, answers: Answers): Promise<void> {
	const form = page.getByRole('form', { name: 'Evaluation' });
	for (const [key, legend] of Object.entries(ITEMS)) {
		const item = form
			.locator('fieldset.item')
			.filter({ has: page.locator('legend', { hasText: legend }) });
		await item.getByRole('radio', { name: answers[key], exact: true }).check();
	}
	await form.getByRole('button', { name: 'Save and continue' }).click();
}

test('three graders score blind, the expert writes the key, the report shows the hand-worked agreement', async ({
	page,
	browser
}, testInfo) => {
	// Four people each answer 14 items: more than the default minute on a busy machine.
	test.setTimeout(180_000);
	const name = `E2E calibration ${Date.now()}`;
	await signIn(page, 'qa_lead', '/qa/calibration');
	await page.getByLabel('Name').fill(name);
	const calls = page.getByRole('group', { name: /^Interactions/ }).getByRole('checkbox');
	const ids = [await calls.nth(0).getAttribute('value'), await calls.nth(1).getAttribute('value')];
	await calls.nth(0).check();
	await calls.nth(1).check();
	const choose = page.getByRole('group', { name: /^Graders/ });
	for (const who of ['E2E qa_lead', 'E2E qa2', 'E2E qa3'])
		await choose.getByRole('checkbox', { name: new RegExp(`^${who} `) }).check();
	await page.getByLabel(/^Expert/).selectOption({ label: 'E2E manager' });
	await page.getByRole('button', { name: 'Create session' }).click();
	await expect(page).toHaveURL(/\/qa\/calibration\/\d+$/);
	const sessionPath = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { name: `Calibration: ${name}` })).toBeVisible();

	for (const [account, first, second] of SCORING) {
		const p = account === 'qa_lead' ? page : await pageAs(browser, testInfo, account, sessionPath);
		if (account === 'qa_lead') await p.goto(sessionPath);
		// Blind: before submitting, no report and nobody else's answers.
		await expect(p.getByText('You score blind')).toBeVisible();
		await p.goto(`${sessionPath}/report`);
		await expect(p.getByText('the report opens to you once you submit')).toBeVisible();
		await p.goto(sessionPath);
		await p.getByRole('link', { name: ids[0]!, exact: true }).click();
		await expect(p.getByRole('heading', { name: new RegExp(`^Score ${ids[0]}`) })).toBeVisible();
		await score(p, first);
		await expect(p.getByRole('heading', { name: new RegExp(`^Score ${ids[1]}`) })).toBeVisible();
		await score(p, second);
		await expect(p).toHaveURL(new RegExp(`${sessionPath}$`));
		await p.getByRole('button', { name: 'Submit my scores' }).click();
		await expect(p.getByRole('status')).toContainText('your scores are final');
		if (p !== page) await p.context().close();
	}

	await page.goto(`${sessionPath}/report`);
	// 14 answers (7 items × 2 calls) by 3 graders: P̄ = 17/21 = 81.0 %, P̄e = 80/441 = 18.1 %,
	// κ = 277/361 = 0.767 (arithmetic in report.test.ts).
	const overall = page.getByTestId('overall-agreement');
	await expect(overall).toContainText('Percent agreement 81.0 %');
	await expect(overall).toContainText("Fleiss' kappa 0.767 (substantial)");
	await expect(overall).toContainText('chance agreement 18.1 %');
	// Per grader: answers equal to the key 13/14 = 92.9 %, 12/14 = 85.7 %, 11/14 = 78.6 %; mean
	// deviation 25/14 = 1.8, 200/14 = 14.3, 125/13 = 9.6 points; score vs key −25/11 = −2.3, 0,
	// −1150/99 = −11.6; scores 950/11 = 86.4 and 625/11 = 56.8, 900/11 = 81.8 and 725/11 = 65.9,
	// 850/11 = 77.3 and 425/9 = 47.2; the key 1000/11 = 90.9 and 625/11 = 56.8.
	const graders = page.getByTestId('grader-table');
	const row = (name: RegExp) => graders.getByRole('row', { name }).getByRole('cell');
	await expect(row(/^E2E qa_lead/)).toHaveText([
		'E2E qa_lead',
		'92.9 %',
		'1.8',
		'-2.3',
		'86.4',
		'56.8'
	]);
	await expect(row(/^E2E qa2/)).toHaveText(['E2E qa2', '85.7 %', '14.3', '0.0', '81.8', '65.9']);
	await expect(row(/^E2E qa3/)).toHaveText(['E2E qa3', '78.6 %', '9.6', '-11.6', '77.3', '47.2']);
	await expect(row(/^Answer key/)).toHaveText(['Answer key', '–', '–', '–', '90.9', '56.8']);
	// Per item (percent agreement, kappa): greeting 2/3 and 1/4; empathy 2/3 and −1/5; accuracy 1, 1.
	const item = (key: string) => page.getByTestId('item-table').locator(`tr[data-item="${key}"] td`);
	await expect(item('greeting').nth(1)).toHaveText('66.7 %');
	await expect(item('greeting').nth(2)).toHaveText('0.250 (fair)');
	await expect(item('empathy').nth(1)).toHaveText('66.7 %');
	await expect(item('empathy').nth(2)).toHaveText('-0.200 (less than chance)');
	await expect(item('accuracy').nth(1)).toHaveText('100.0 %');
	await expect(item('accuracy').nth(2)).toHaveText('1.000 (almost perfect)');
	await expect(page.getByRole('heading', { name: /Deviation from the answer key/ })).toBeVisible();
	const csv = await download(page, page.getByRole('link', { name: 'Download CSV' }).last());
	expect(csv.text.split('\r\n')[0]).toBe(
		'item,percent_agreement,fleiss_kappa,answers_equal_to_key,mean_deviation_points'
	);
});
