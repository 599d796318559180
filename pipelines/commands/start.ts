// `npm start`: prepare the database (model, demo data, first admin) when it is empty, build the
// app if the build is missing or older than the sources, serve it, and print the first admin's
// password last, in a box. The build runs beside the preparation with its output in a log file
// (shown only when it fails); scores and rules for the demo run in the server's background job.
import { spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	statSync
} from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../cli.ts';
import { prepare, stepLog } from './setup.ts';

const BUILD_LOG = 'data/logs/build.log';

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		const m = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
		if (m > newest) newest = m;
	}
	return newest;
}

function buildIsStale(): boolean {
	if (!existsSync('build/index.js')) return true;
	const built = statSync('build/index.js').mtimeMs;
	return ['src', 'static', 'svelte.config.js', 'vite.config.ts'].some(
		(p) =>
			existsSync(p) && (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built
	);
}

/** `vite build` in a child process, its output going to the log file. */
function startBuild(): Promise<{ ok: boolean; seconds: number }> {
	mkdirSync('data/logs', { recursive: true });
	const out = createWriteStream(BUILD_LOG);
	const started = performance.now();
	const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	return new Promise((resolve) => {
		child.on('close', (code) =>
			out.end(() => resolve({ ok: code === 0, seconds: (performance.now() - started) / 1000 }))
		);
		child.on('error', () => out.end(() => resolve({ ok: false, seconds: 0 })));
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when /health answers; rejects if the server exits first or takes over a minute. */
async function waitForServer(url: string, server: ChildProcess): Promise<void> {
	let exited = false;
	server.once('exit', () => (exited = true));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error('The server stopped while starting: see its message above.');
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// Not listening yet: try again shortly.
		}
		await sleep(200);
	}
	throw new Error(`The server did not answer ${url} within a minute.`);
}

function box(lines: string[]): string {
	const width = Math.max(...lines.map((l) => l.length));
	const edge = '─'.repeat(width + 2);
	return [`┌${edge}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${edge}┘`].join('\n');
}

export default {
	summary: 'prepare, build and serve',
	async run() {
		const started = performance.now();
		const build = buildIsStale() ? startBuild() : null;
		if (build) console.log(`Building the web app in the background (output: ${BUILD_LOG}).`);
		const log = stepLog(5);
		const prepared = await prepare({
			demoDays: 90,
			seed: 42,
			demoOut: 'data/demo',
			createFirstAdmin: true,
			background: true,
			log
		});

		const step = log.step('Building the web app');
		if (build) {
			const result = await build;
			if (!result.ok) {
				step.done('FAILED');
				const tail = readFileSync(BUILD_LOG, 'utf8').split('\n').slice(-40).join('\n');
				console.error(`${tail}\nThe build failed (the last lines of ${BUILD_LOG} are above).`);
				return 1;
			}
			step.done(`built in ${result.seconds.toFixed(1)} s`);
		} else step.done('up to date');

		const port = process.env.PORT ?? '3000';
		const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
		const host =
			process.env.HOST && !['0.0.0.0', '::'].includes(process.env.HOST)
				? process.env.HOST
				: '127.0.0.1';
		const serving = log.step('Starting the server');
		const server = spawn(process.execPath, ['build'], {
			stdio: 'inherit',
			// Uploads on the Import page can be large exports: adapter-node's default body limit is
			// 512 KB; the Import page enforces its own, named limits (CARELOOP_UPLOAD_MAX_MB).
			env: { BODY_SIZE_LIMIT: '1100M', ...process.env, PORT: port, ORIGIN: origin }
		});
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			process.on(signal, () => server.kill(signal));
		}
		const exit = new Promise<number>((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
		try {
			await waitForServer(
				`http://${host.includes(':') ? `[${host}]` : host}:${port}/health`,
				server
			);
		} catch (err) {
			serving.done('FAILED');
			console.error(err instanceof Error ? err.message : String(err));
			server.kill('SIGTERM');
			await exit;
			return 1;
		}
		serving.done(`listening on ${origin}`);
		const total = ((performance.now() - started) / 1000).toFixed(0);
		if (prepared.jobId !== null)
			console.log(
				'Sentiment scores, follow-up rules and the demo coaching history are being computed in the\nbackground: the Import page and `npx careloop jobs` show their progress.'
			);
		console.log(`Ready in ${total} s. Stop with Ctrl+C.\n`);
		const lines = prepared.admin
			? [
					`CareLoop: ${origin}`,
					'',
					'First sign-in — shown once, write it down:',
					`  email:    ${prepared.admin.email}`,
					`  password: ${prepared.admin.password}`,
					'',
					'Change it under Account after signing in',
					`(or: npx careloop user passwd --email ${prepared.admin.email}).`
				]
			: [
					`CareLoop: ${origin}`,
					'Sign in with your account (an admin adds users:',
					'npx careloop user add --email E --role R).'
				];
		console.log(box(lines));
		return await exit;
	}
} satisfies Command;
