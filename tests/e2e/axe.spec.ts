// axe-core over every page each role can open (design/ui.md: "no serious axe findings"): one test
// per role and page, signed in once per role; a serious or critical finding fails the page's test
// and is listed with its rule and elements.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { signIn, type Account } from './helpers.ts';

/** A page to scan; with `detail`, the first link on it matching the pattern is scanned instead. */
interface Stop {
	path: string;
	detail?: RegExp;
	/** The list may be empty on a fresh database (the agent's evaluations exist once QA ran). */
	optional?: boolean;
}

const list = (path: string, detail: RegExp, optional = false): Stop[] => [
	{ path },
	{ path, detail, optional }
];

const ANALYST_PAGES: Stop[] = [
	...list('/agents', /^\/agents\/[^/?.]+(\?|$)/),
	...list('/interactions', /^\/interactions\/[^/?.]+(\?|$)/),
	...list('/qa', /^\/qa\/evaluate\/[^/?.]+/),
	{ path: '/qa/rubrics' },
	...list('/qa/autoqa', /^\/qa\/autoqa\/failures\/[^/?.]+/),
	...list('/qa/calibration', /^\/qa\/calibration\/\d+$/, true),
	...list('/coaching', /^\/coaching\/\d+$/),
	{ path: '/coaching/effectiveness' },
	...list('/complaints', /^\/complaints\/\d+/),
	{ path: '/account' }
];
const MANAGER_PAGES: Stop[] = [
	{ path: '/overview' },
	...ANALYST_PAGES,
	{ path: '/adherence' },
	{ path: '/targets' },
	{ path: '/settings/kpi' },
	{ path: '/import' },
	{ path: '/import/mapping' },
	{ path: '/import/ndc' }
];

// The extra QA leads (calibration graders) see what qa_lead sees: one walk covers them.
const WALKS: Partial<Record<Account, Stop[]>> = {
	admin: [
		{ path: '/settings' },
		{ path: '/settings/users' },
		{ path: '/settings/audit' },
		...MANAGER_PAGES
	],
	manager: MANAGER_PAGES,
	qa_lead: ANALYST_PAGES,
	staff: [...list('/complaints', /^\/complaints\/\d+/), { path: '/account' }],
	// A staff account linked to an agent: their own evaluations and coaching too.
	agent: [
		{ path: '/qa/mine' },
		{ path: '/qa/mine', detail: /^\/qa\/evaluations\/\d+$/, optional: true },
		{ path: '/qa/mine', detail: /^\/coaching\/\d+$/ }
	]
};

/** Waits until the page is interactive and every chart has drawn (axe must see Plot's output). */
async function settle(page: Page): Promise<void> {
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
	await expect
		.poll(() =>
			page.evaluate(() =>
				[...document.querySelectorAll('.chart-plot')]
					// A chart inside a closed <details> is not drawn until opened (nor seen by axe).
					.filter((el) => el.closest('details:not([open])') === null)
					.every((el) => el.childElementCount > 0)
			)
		)
		.toBe(true);
}

/** Serious and critical findings, each as "rule: help — first elements". */
async function seriousFindings(page: Page): Promise<string[]> {
	await settle(page);
	const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help} — ${v.nodes
					.slice(0, 3)
					.map((n) => n.target.join(' '))
					.join(' | ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`
		);
}

async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
	const hrefs = await page
		.locator('main a[href]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
	return hrefs.find((h) => pattern.test(h)) ?? null;
}

for (const [account, stops] of Object.entries(WALKS) as [Account, Stop[]][]) {
	test.describe(`axe as ${account}`, () => {
		let context: BrowserContext;
		let page: Page;
		test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
			context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
			page = await context.newPage();
			await signIn(page, account, '/account');
		});
		test.afterAll(async () => {
			await context.close();
		});

		for (const stop of stops) {
			const name = stop.detail ? `a page linked from ${stop.path} (${stop.detail})` : stop.path;
			test(`${account}: ${name} has no serious or critical findings`, async () => {
				// axe on a long list takes seconds on an idle machine, far longer on a busy one.
				test.setTimeout(180_000);
				const response = await page.goto(stop.path);
				expect(response?.status(), stop.path).toBe(200);
				if (stop.detail) {
					const href = await firstLink(page, stop.detail);
					if (href === null && stop.optional) {
						test.info().annotations.push({ type: 'skipped', description: 'no such link yet' });
						return;
					}
					expect(href, `${stop.path} links to ${stop.detail}`).not.toBeNull();
					expect((await page.goto(href!))?.status(), href!).toBe(200);
				}
				expect(await seriousFindings(page)).toEqual([]);
			});
		}
	});
}

test('axe: the sign-in page has no serious or critical findings', async ({ page }) => {
	await page.goto('/login');
	expect(await seriousFindings(page)).toEqual([]);
});

test('axe: the mapping page with a vendor file previewed has no serious or critical findings', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'manager', '/import/mapping');
	await page
		.getByLabel('File (CSV, JSON, NDJSON or Excel .xlsx)')
		.setInputFiles('tests/fixtures/presets/five9-call-log.csv');
	await page.getByRole('button', { name: 'Preview', exact: true }).click();
	await expect(page.getByRole('table', { name: /records mapped/ })).toBeVisible();
	expect(await seriousFindings(page)).toEqual([]);
});
