// A QA lead scores an interaction with a critical fail (score 0), the agent's own account
// disputes, the lead re-scores (the score changes), the agent acknowledges; and a coaching task the
// demo data opens for a below-target agent moves plan → session held → agent acknowledged → done.
// The lead and the agent work side by side in two browser contexts, as two people would.
import {
	expect,
	test,
	type Browser,
	type Locator,
	type Page,
	type TestInfo
} from '@playwright/test';
import { AGENT_ID, signIn, type Account } from './helpers.ts';

async function pageAs(
	browser: Browser,
	testInfo: TestInfo,
	account: Account,
	next: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	const page = await context.newPage();
	await signIn(page, account, next);
	return page;
}

/** Answers every rubric item at its best (Yes, or 5 of 5), except the first critical item: No. */
async function answerWithCriticalFail(form: Locator): Promise<string> {
	const items = form.locator('fieldset.item');
	const count = await items.count();
	expect(count).toBeGreaterThan(0);
	let failed: string | null = null;
	for (let i = 0; i < count; i++) {
		const item = items.nth(i);
		const critical = (await item.locator('legend .badge').count()) > 0;
		const yesNo = (await item.getByRole('radio', { name: 'Yes', exact: true }).count()) > 0;
		if (critical && yesNo && failed === null) {
			await item.getByRole('radio', { name: 'No', exact: true }).check();
			// The legend's own text (the item's label), without the badge and weight beside it.
			failed = await item
				.locator('legend')
				.evaluate((el) => (el.firstChild?.textContent ?? '').trim());
		} else await item.getByRole('radio', { name: yesNo ? 'Yes' : '5', exact: true }).check();
	}
	expect(failed, 'the rubric has a critical yes/no item').not.toBeNull();
	return failed!;
}

test('a critical fail scores 0; the agent disputes, the re-score changes it, the agent acknowledges', async ({
	page,
	browser
}, testInfo) => {
	// The QA lead picks one of the agent's handled calls and scores it.
	await signIn(
		page,
		'qa_lead',
		`/interactions?period=last30&agent=${AGENT_ID}&direction=inbound&disposition=handled`
	);
	const first = page
		.getByRole('table', { name: 'Interactions' })
		.getByRole('row')
		.nth(1)
		.getByRole('link')
		.first();
	const href = await first.getAttribute('href');
	const interactionId = decodeURIComponent(href!.split('/').pop()!);
	await page.goto(`/qa/evaluate/${encodeURIComponent(interactionId)}`);
	await expect(
		page.getByRole('heading', { name: `Evaluate interaction ${interactionId}` })
	).toBeVisible();
	await expect(page.getByText(`Agent ${AGENT_ID}`, { exact: false }).first()).toBeVisible();
	const form = page.getByRole('form', { name: 'Evaluation' });
	const failedItem = await answerWithCriticalFail(form);
	await form.getByLabel('Comment for the agent').fill('E2E: identity was not checked.');
	await expect(form.getByLabel('Release to the agent now')).toBeChecked();
	await form.getByRole('button', { name: 'Submit evaluation' }).click();

	await expect(page).toHaveURL(/\/qa\/evaluations\/\d+$/);
	const evaluationPath = new URL(page.url()).pathname;
	await expect(page.getByTestId('qa-score')).toHaveText('0.0');
	await expect(page.getByText('Critical item failed: the evaluation scores 0')).toBeVisible();
	await expect(page.getByTestId('qa-status')).toHaveText('Awaiting acknowledgement');

	// The agent finds it among their own evaluations and disputes it.
	const agent = await pageAs(browser, testInfo, 'agent', '/qa/mine');
	const mine = agent.getByRole('table', { name: 'My evaluations' });
	const evaluationId = evaluationPath.split('/').pop()!;
	const row = mine
		.getByRole('row')
		.filter({ has: agent.getByRole('link', { name: `Evaluation ${evaluationId}`, exact: true }) });
	await expect(row).toContainText('0.0');
	await expect(row).toContainText('critical fail');
	await row.getByRole('link', { name: `Evaluation ${evaluationId}` }).click();
	await expect(agent).toHaveURL(new RegExp(`${evaluationPath}$`));
	await agent
		.getByLabel('What do you dispute, and why?')
		.fill(`E2E: I did verify the caller (${failedItem}).`);
	await agent.getByRole('button', { name: 'Dispute', exact: true }).click();
	await expect(agent.getByTestId('qa-status')).toHaveText('Disputed');

	// The lead changes the failed answer and re-scores: every item at its best now, so 100.
	await page.reload();
	const resolve = page.getByRole('region', { name: 'Resolve the dispute' });
	await expect(resolve).toContainText('I did verify the caller');
	const failed = resolve
		.locator('fieldset.item')
		.filter({ has: page.locator('legend', { hasText: failedItem }) });
	await failed.getByRole('radio', { name: 'Yes', exact: true }).check();
	await resolve.getByRole('radio', { name: 'Change the answers above and re-score' }).check();
	await resolve.getByRole('button', { name: 'Resolve dispute' }).click();
	await expect(page.getByTestId('qa-score')).toHaveText('100.0');
	await expect(page.getByTestId('qa-status')).toHaveText('Dispute resolved');
	const disputes = page.locator('ul.plain li').filter({ hasText: 'changed the score' });
	await expect(disputes).toContainText('0.0 → 100.0');

	// The agent sees the new score and acknowledges.
	await agent.reload();
	await expect(agent.getByTestId('qa-score')).toHaveText('100.0');
	await agent.getByRole('button', { name: 'Acknowledge', exact: true }).click();
	await expect(agent.getByTestId('qa-status')).toHaveText('Acknowledged');
	await agent.context().close();
});

test('a coaching task for a below-target agent moves plan → session held → acknowledged → done', async ({
	page,
	browser
}, testInfo) => {
	// The coaching rules ran on the demo data at setup: the struggling agent has an open task.
	await signIn(page, 'qa_lead', '/coaching?state=open&owner=all');
	const tasks = page.getByRole('table', { name: 'Coaching tasks' });
	const row = tasks
		.getByRole('row')
		.filter({ has: page.getByRole('cell', { name: AGENT_ID, exact: true }) })
		.filter({ hasText: 'below the target' })
		.first();
	await expect(row).toBeVisible();
	await expect(row).toContainText('Open');
	await row.getByRole('link').click();
	await expect(page).toHaveURL(/\/coaching\/\d+$/);
	const taskPath = new URL(page.url()).pathname;
	const state = page.getByTestId('coaching-state');
	await expect(state).toHaveText('Open');
	// The evidence: the agent's figure on the wrong side of what it is compared with (the target, or
	// the rest of the team for sentiment), beyond noise by the rules.
	const evidence = page.locator('dl.facts');
	const fact = (name: RegExp) =>
		evidence.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
	const figure = Number((await fact(/^Figure$/).innerText()).match(/^-?[\d.]+/)![0]);
	const [, side, bound] = (await fact(/^(Target|Rest of team)$/).innerText()).match(
		/^([≥≤]) (-?[\d.]+)/
	)!;
	if (side === '≥') expect(figure).toBeLessThan(Number(bound));
	else expect(figure).toBeGreaterThan(Number(bound));

	await page.getByLabel('Plan notes').fill('E2E: listen to two calls together.');
	await page.getByLabel('Goal').fill('E2E: back on target in 30 days.');
	await page.getByRole('button', { name: 'Save plan' }).click();
	await expect(state).toHaveText('Planned');
	await page.getByLabel('What the session covered').fill('E2E: identity checks and call wrap-up.');
	await page.getByRole('button', { name: 'Mark session held' }).click();
	await expect(state).toHaveText('Session held');

	// The agent acknowledges from their own account.
	const agent = await pageAs(browser, testInfo, 'agent', taskPath);
	await expect(agent.getByTestId('coaching-state')).toHaveText('Session held');
	await agent.getByLabel('Comment (optional)').fill('E2E: understood.');
	await agent.getByRole('button', { name: 'Acknowledge coaching' }).click();
	await expect(agent.getByTestId('coaching-state')).toHaveText('Agent acknowledged');
	await agent.context().close();

	await page.reload();
	await expect(state).toHaveText('Agent acknowledged');
	await page.getByRole('button', { name: 'Mark done' }).click();
	await expect(state).toHaveText('Done');
	await expect(page.getByRole('heading', { name: 'Effect' })).toBeVisible();
	const history = page.locator('ol.history');
	for (const step of [
		'Open → Planned',
		'Planned → Session held',
		'Session held → Agent acknowledged',
		'Agent acknowledged → Done'
	]) {
		await expect(history).toContainText(step);
	}
});
