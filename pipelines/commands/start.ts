// `npm start`: prepare the database (demo data, model, scores, first admin) when it is empty,
// build the app if the build is missing or older than the sources, then serve it on :3000.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../cli.ts';
import { prepare } from './setup.ts';

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

export default {
	summary: 'prepare, build and serve',
	async run() {
		const firstAdmin = await prepare({
			demoDays: 90,
			seed: 42,
			demoOut: 'data/demo',
			createFirstAdmin: true
		});

		if (buildIsStale()) {
			console.log('Building the web app (vite build)…');
			const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
			if (build.status !== 0) {
				console.error('The build failed: see the errors above, fix them, and run npm start again.');
				return 1;
			}
		}

		const port = process.env.PORT ?? '3000';
		const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
		console.log(`\nCareLoop is running at ${origin}`);
		if (firstAdmin) {
			console.log(
				`\nFirst sign-in — shown once, write it down:\n  email:    ${firstAdmin.email}\n  password: ${firstAdmin.password}\nChange it under Account after signing in (or: npx careloop user passwd --email ${firstAdmin.email}).`
			);
		} else {
			console.log(
				'Sign in with your account (an admin can add users: npx careloop user add --email E --role R).'
			);
		}
		console.log('Stop with Ctrl+C.\n');

		const server = spawn(process.execPath, ['build'], {
			stdio: 'inherit',
			// Uploads on the Import page can be large exports: adapter-node's default body limit is 512 KB.
			// Loopback unless HOST says otherwise: on a network, serve behind a TLS proxy (README).
			env: {
				BODY_SIZE_LIMIT: '512M',
				HOST: '127.0.0.1',
				...process.env,
				PORT: port,
				ORIGIN: origin
			}
		});
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			process.on(signal, () => server.kill(signal));
		}
		return await new Promise<number>((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
	}
} satisfies Command;
