import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	ssr: {
		// Native modules stay outside the bundle; adapter-node keeps dependencies external.
		external: [
			'@duckdb/node-api',
			'@node-rs/argon2',
			'@huggingface/transformers',
			'onnxruntime-node'
		]
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		env: { TZ: 'UTC' },
		testTimeout: 30_000,
		pool: 'forks'
	}
});
