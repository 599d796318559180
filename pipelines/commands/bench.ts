// `careloop bench <name>`: benchmark scripts that print figures beside a bare-DuckDB floor.
import type { Command } from '../cli.ts';
import { CliError } from '../lib/args.ts';

const benches: Record<string, () => Promise<{ default: (args: string[]) => Promise<number> }>> = {
	ingest: () => import('../bench/ingest.ts'),
	kpis: () => import('../bench/kpis.ts'),
	sentiment: () => import('../bench/sentiment.ts'),
	pages: () => import('../bench/pages.ts'),
	scale: () => import('../bench/scale.ts')
};

export default {
	summary: 'benchmarks',
	async run([name, ...rest]) {
		const load = name ? benches[name] : undefined;
		if (!load)
			throw new CliError(
				`Name a benchmark: ${Object.keys(benches).join(', ')} (e.g. npm run bench:ingest).`
			);
		return (await load()).default(rest);
	}
} satisfies Command;
