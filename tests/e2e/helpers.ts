// Shared steps for end-to-end tests. Users are created by tests/e2e/serve.sh: one per role, plus
// `agent`, a staff account linked to demo agent A034 (AGENT_ID), and two more QA leads (qa2, qa3).
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export type Role = 'admin' | 'manager' | 'qa_lead' | 'staff';
export type Account = Role | 'agent' | 'qa2' | 'qa3';

/** The demo agent the `agent` account is linked to (a struggler: coaching tasks open for them). */
export const AGENT_ID = 'A034';

export const credentials = (account: Account) => ({
	email: `${account}@e2e.test`,
	password: `e2e-password-${account}`
});

/** Signs in through the form and lands on `next` (pick a light page when the landing is not tested). */
export async function signIn(page: Page, account: Account, next = '/'): Promise<void> {
	const { email, password } = credentials(account);
	await page.goto(`/login?next=${encodeURIComponent(next)}`);
	// Typing before hydration can be overwritten when Svelte takes over the inputs.
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL(/\/login/);
}

/** Clicks a download link and returns the file's name and text. */
export async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const path = await file.path();
	return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Data lines of a CSV (header excluded), counting quoted line breaks as part of their record. */
export function csvRecords(text: string): { header: string; records: string[][] } {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	const header = text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
	return { header, records: rows.slice(1) };
}

/** Saves a full-page screenshot under test-results/screenshots/ and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	const path = `test-results/screenshots/${name}.png`;
	await page.screenshot({ path, fullPage: true });
	await testInfo.attach(name, { path, contentType: 'image/png' });
}
