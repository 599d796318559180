// A QA lead's week, walked in Chromium as the lead and the agent side by side: the sample holds
// only interactions with something to read and nothing is overdue on arrival; the lead takes an
// item, scores it with a critical fail, and the evaluation waits unreleased until released on
// purpose; a second tab's submission of the same interaction is refused with a sentence; the
// agent disputes, the dispute is one click from the navigation, the lead re-scores, the agent
// acknowledges; a coaching task nobody held is taken by the lead and moved plan → session held →
// acknowledged → done, and the next task is offered. A shorter walk at 360 px.
import {
	expect,
	test,
	type Browser,
	type Locator,
	type Page,
	type TestInfo
} from '@playwright/test';
import { AGENT_ID, screenshot, signIn, type Account } from './helpers.ts';

async function pageAs(
	browser: Browser,
	testInfo: TestInfo,
	account: Account,
	next: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const page = await context.newPage();
	await signIn(page, account, next);
	await hydrated(page);
	return page;
}

/** Text typed before the page hydrates can be lost when Svelte takes over the fields. */
const hydrated = (page: Page) =>
	page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });

/** Answers every rubric item at its best (Yes, or 5 of 5); the first critical yes/no item: No. */
async function answer(form: Locator, criticalFail: boolean): Promise<string | null> {
	const items = form.locator('fieldset.item');
	const count = await items.count();
	expect(count).toBeGreaterThan(0);
	let failed: string | null = null;
	for (let i = 0; i < count; i++) {
		const item = items.nth(i);
		const critical = (await item.locator('legend .badge').count()) > 0;
		const yesNo = (await item.getByRole('radio', { name: 'Yes', exact: true }).count()) > 0;
		if (criticalFail && critical && yesNo && failed === null) {
			await item.getByRole('radio', { name: 'No', exact: true }).check();
			failed = await item
				.locator('legend')
				.evaluate((el) => (el.firstChild?.textContent ?? '').trim());
		} else await item.getByRole('radio', { name: yesNo ? 'Yes' : '5', exact: true }).check();
	}
	return failed;
}

const list = (page: Page) => page.getByRole('region', { name: 'Review queue list' });
const evaluationForm = (page: Page) => page.getByRole('form', { name: 'Evaluation' });

for (const width of [1366, 360]) {
	test(`at ${width} px a QA lead's week: sample, take, evaluate, release, dispute, resolve, acknowledge, coach`, async ({
		page,
		browser
	}, testInfo) => {
		await page.setViewportSize({ width, height: 900 });
		// The week's sample: something to read on every item, and nothing overdue on arrival.
		await signIn(page, 'qa_lead', '/qa?owner=all');
		const rows = list(page).locator('tbody tr');
		await expect(rows.first()).toBeVisible();
		const total = await rows.count();
		await expect(list(page).getByText(/(transcript|messages) · \d+ turns/)).toHaveCount(total);
		await expect(list(page).getByText('overdue')).toHaveCount(0);
		await page.getByLabel('Something to read').selectOption('no');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(list(page).getByText(/^Nothing in the week of .* matches\.$/)).toBeVisible();
		await page.getByLabel('Something to read').selectOption('yes');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(rows).toHaveCount(total);
		await screenshot(page, testInfo, `qa-week-queue-${width}`);

		// One of the agent's items: take it, score it with a critical fail, leave it unreleased.
		const row = rows
			.filter({ hasText: new RegExp(`agent (.+ )?${AGENT_ID}`) })
			.filter({ hasText: 'unassigned' });
		await row.first().getByRole('link').click();
		await expect(page.getByRole('heading', { name: /^Evaluate / })).toBeVisible();
		const evaluateUrl = page.url();
		// The same item open in a second tab, to be submitted after the first.
		const second = await page.context().newPage();
		await second.goto(evaluateUrl);
		await expect(evaluationForm(second)).toBeVisible();

		await page.keyboard.press('c');
		await expect(page.getByText('Held by you')).toBeVisible();
		const failedItem = await answer(evaluationForm(page), true);
		await evaluationForm(page)
			.getByLabel('Comment for the agent')
			.fill('E2E: identity not checked.');
		const release = evaluationForm(page).getByRole('checkbox', {
			name: /^Release to the agent now/
		});
		await expect(release).not.toBeChecked();
		await evaluationForm(page).getByRole('button', { name: 'Submit evaluation' }).click();
		await expect(page).toHaveURL(/\/qa\/evaluations\/\d+/);
		const evaluationPath = new URL(page.url()).pathname;
		await expect(page.getByTestId('qa-score')).toHaveText('0.0');
		await expect(page.getByTestId('qa-status')).toHaveText('Not released');
		await expect(page.getByRole('link', { name: /^Next item: / })).toBeVisible();

		// The second tab submits the same interaction: refused, naming who, answers kept.
		await answer(evaluationForm(second), false);
		await evaluationForm(second).getByRole('button', { name: 'Submit evaluation' }).click();
		await expect(second.getByRole('alert')).toContainText(
			'You (in another tab) already evaluated this interaction with this rubric version'
		);
		await expect(second.getByRole('alert')).toContainText('tick "Add a second evaluation"');
		await expect(
			evaluationForm(second).locator('fieldset.item').first().getByRole('radio', { name: 'Yes' })
		).toBeChecked();
		await second.close();

		// Release is its own act.
		await page.getByRole('button', { name: 'Release to the agent' }).click();
		await expect(page.getByTestId('qa-status')).toHaveText('Awaiting acknowledgement');

		// The agent disputes from their own account.
		const agent = await pageAs(browser, testInfo, 'agent', evaluationPath);
		await agent
			.getByLabel('What do you dispute, and why?')
			.fill(`E2E: I did verify (${failedItem}).`);
		await agent.getByRole('button', { name: 'Dispute', exact: true }).click();
		await expect(agent.getByTestId('qa-status')).toHaveText('Disputed');

		// The dispute is one click away from the navigation.
		await page.goto('/qa/rubrics');
		// On a phone the navigation sits behind the Menu button.
		if (width < 700) await page.getByRole('button', { name: 'Menu' }).click();
		const badge = page
			.getByRole('navigation', { name: 'Primary' })
			.getByRole('link', { name: /dispute(s)? to resolve/ });
		await expect(badge).toBeVisible();
		await badge.click();
		await expect(page).toHaveURL(/view=disputes/);
		await list(page).locator(`tbody a[href^="${evaluationPath}"]`).click();
		const resolve = page.getByRole('region', { name: 'Resolve the dispute' });
		await expect(resolve).toContainText('I did verify');
		const failed = resolve
			.locator('fieldset.item')
			.filter({ has: page.locator('legend', { hasText: failedItem! }) });
		await failed.getByRole('radio', { name: 'Yes', exact: true }).check();
		await resolve.getByRole('radio', { name: 'Change the answers above and re-score' }).check();
		await resolve.getByRole('button', { name: 'Resolve dispute' }).click();
		await expect(page.getByTestId('qa-score')).toHaveText('100.0');
		await expect(page.getByTestId('qa-status')).toHaveText('Dispute resolved');

		await agent.reload();
		await expect(agent.getByTestId('qa-score')).toHaveText('100.0');
		await agent.getByRole('button', { name: 'Acknowledge', exact: true }).click();
		await expect(agent.getByTestId('qa-status')).toHaveText('Acknowledged');

		// Coaching: a task nobody held (the lead's account came after the rules ran) is taken by the lead.
		await page.goto('/coaching?owner=all&state=open');
		const tasks = page.getByRole('region', { name: 'Coaching tasks' });
		await tasks
			.locator('tbody tr')
			.filter({ hasText: `— ${AGENT_ID}` })
			.filter({ hasText: 'unassigned' })
			.first()
			.getByRole('link')
			.click();
		const state = page.getByTestId('coaching-state');
		await expect(state).toHaveText('Open');
		await page.getByRole('button', { name: 'Take this task' }).click();
		await expect(page.getByText('Held by you')).toBeVisible();
		await page.getByLabel('Plan notes').fill('E2E: listen to two calls together.');
		await page.getByLabel('Goal').fill('E2E: back on target in 30 days.');
		await page.getByRole('button', { name: 'Save plan' }).click();
		await expect(state).toHaveText('Planned');
		await page.getByLabel('What the session covered').fill('E2E: identity checks.');
		await page.getByRole('button', { name: 'Mark session held' }).click();
		await expect(state).toHaveText('Session held');
		const taskPath = new URL(page.url()).pathname;
		await agent.goto(taskPath);
		await hydrated(agent);
		await agent.getByLabel('Comment (optional)').fill('E2E: understood.');
		await agent.getByRole('button', { name: 'Acknowledge coaching' }).click();
		await expect(agent.getByTestId('coaching-state')).toHaveText('Agent acknowledged');
		await agent.context().close();
		await page.reload();
		await page.getByRole('button', { name: 'Mark done' }).click();
		await expect(state).toHaveText('Done');
		await expect(page.getByRole('link', { name: /^Next task: / })).toBeVisible();
		await screenshot(page, testInfo, `qa-week-coaching-done-${width}`);
	});
}

test('at 360 px a lead opens an item alone on the screen, evaluates it, and goes back to the list at its row', async ({
	page
}, testInfo) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signIn(page, 'qa_lead', '/qa?owner=all');
	const row = list(page).locator('tbody tr').filter({ hasText: 'unassigned' }).nth(3);
	const id = (await row.getByRole('link').innerText()).trim();
	await row.getByRole('link').click();
	await expect(page.getByRole('heading', { name: `Evaluate ${id}` })).toBeVisible();
	await expect(list(page)).toBeHidden();
	await answer(evaluationForm(page), false);
	await evaluationForm(page).getByRole('button', { name: 'Submit evaluation' }).click();
	await expect(page.getByTestId('qa-status')).toHaveText('Not released');
	await page.getByRole('button', { name: 'Release to the agent' }).click();
	await expect(page.getByTestId('qa-status')).toHaveText('Awaiting acknowledgement');
	await screenshot(page, testInfo, 'qa-week-evaluation-360');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.getByRole('link', { name: '← Back to the list' }).click();
	await expect(list(page)).toBeVisible();
	await expect(list(page).locator(`tr[id="row-${id}"]`)).toBeInViewport();
});
