#!/usr/bin/env node
// `npm test`: type check, lint, unit tests, one production build, end-to-end tests in Chromium.
// Ends with one line "N passed, N failed[, N skipped]" counting unit and end-to-end tests
// (the type check, the lint run and the format check count as one test each).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const out = 'tmp/test-results';
mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args, env = {}) {
	console.log(`\n── ${name} ──`);
	const started = Date.now();
	const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	console.log(
		`── ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return result.status === 0;
}

step('svelte-kit sync', 'npx', ['svelte-kit', 'sync']);

/** Runs a check with its output kept; resolves to { name, ok, output, seconds }. */
function check(name, cmd, args) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) =>
			resolve({ name, ok: code === 0, output, seconds: (Date.now() - started) / 1000 })
		);
	});
}

// The static checks are single-threaded: they run side by side, and print one after another.
const checks = await Promise.all([
	check('type check (svelte-check)', 'npx', [
		'svelte-check',
		'--tsconfig',
		'./tsconfig.json',
		'--fail-on-warnings'
	]),
	check('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']),
	check('format (prettier --check)', 'npx', ['prettier', '--check', '.'])
]);
for (const c of checks) {
	console.log(`\n── ${c.name} ──\n${c.output.trimEnd()}`);
	console.log(`── ${c.name}: ${c.ok ? 'ok' : 'FAILED'} in ${c.seconds.toFixed(1)} s`);
	if (c.ok) passed++;
	else {
		failed++;
		failures.push(c.name);
	}
}

const vitestJson = `${out}/vitest.json`;
step('unit tests (vitest)', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
if (existsSync(vitestJson)) {
	const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	skipped += r.numPendingTests + (r.numTodoTests ?? 0);
	if (r.numFailedTests > 0 || !r.success) failures.push('unit tests');
	// A test file that fails to load counts as one failure, not zero.
	const broken = (r.testResults ?? []).filter(
		(f) => f.status === 'failed' && f.assertionResults.length === 0
	);
	failed += broken.length;
} else {
	failed++;
	failures.push('unit tests (no report)');
}

if (step('build (vite build)', 'npx', ['vite', 'build'])) {
	const pwJson = `${out}/playwright.json`;
	step('end-to-end tests (playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson
	});
	if (existsSync(pwJson)) {
		const r = JSON.parse(readFileSync(pwJson, 'utf8'));
		const s = r.stats ?? {};
		passed += (s.expected ?? 0) + (s.flaky ?? 0);
		failed += s.unexpected ?? 0;
		skipped += s.skipped ?? 0;
		if ((s.unexpected ?? 0) > 0) failures.push('end-to-end tests');
		if ((r.errors ?? []).length > 0) {
			failed += r.errors.length;
			failures.push('end-to-end setup');
		}
	} else {
		failed++;
		failures.push('end-to-end tests (no report)');
	}
} else {
	failed++;
	failures.push('build');
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
