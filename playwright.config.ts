// End-to-end tests run the built adapter-node server (`node build`) on a fresh database prepared
// by tests/e2e/serve.sh, in Debian's Chromium (never `playwright install`).
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their suites side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);
// E2E_BASE_URL runs the tests against a server that is already up (e.g. one started with
// `E2E_DIR=tmp/e2e-dev CARELOOP_DB=tmp/e2e-dev/careloop.duckdb PORT=4181 bash tests/e2e/serve.sh`)
// instead of preparing a fresh one; the tests must then cope with data earlier runs left.
const external = process.env.E2E_BASE_URL;
const origin = external ?? `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// A run against an external server keeps its own output, so it never wipes a suite run's.
	outputDir: external ? 'tmp/e2e-external-results' : 'test-results',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: origin,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: external
		? undefined
		: {
				command: 'bash tests/e2e/serve.sh',
				url: `${origin}/health`,
				timeout: 300_000,
				reuseExistingServer: false,
				stdout: 'pipe',
				stderr: 'pipe',
				env: { PORT: String(port), ORIGIN: origin, CARELOOP_DB: 'tmp/e2e/careloop.duckdb' }
			}
});
