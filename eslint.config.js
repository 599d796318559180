import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// Links are plain hrefs in this app (no base path), so resolve() adds nothing.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// A promise nobody awaits loses its error (an unhandled rejection, or a silent skip).
		files: ['**/*.ts'],
		languageOptions: {
			parserOptions: { projectService: { allowDefaultProject: ['playwright.config.ts'] } }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'tmp/',
			'test-results/',
			'playwright-report/',
			'bench-out/'
		]
	}
);
