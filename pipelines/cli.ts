// Dispatch for `careloop <command>`: each command is a thin module over src/lib/server.
import { DatabaseLockedError } from '../src/lib/server/db/index.ts';
import { CliError } from './lib/args.ts';

export interface Command {
	summary: string;
	run(args: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
	start: {
		summary: 'prepare the demo database and model if needed, build, and serve on :3000',
		load: () => import('./commands/start.ts')
	},
	setup: {
		summary: 'prepare the database: demo data, model and scores when empty (start runs it)',
		load: () => import('./commands/setup.ts')
	},
	ingest: {
		summary: 'import files or folders by the data contract',
		load: () => import('./commands/ingest.ts')
	},
	jobs: {
		summary: 'list, run or re-run the background jobs that follow imports',
		load: () => import('./commands/jobs.ts')
	},
	rejects: {
		summary: 'list rejected rows with their reasons',
		load: () => import('./commands/rejects.ts')
	},
	demo: {
		summary: 'write a seeded synthetic pharmacy contact centre in the contract formats',
		load: () => import('./commands/demo.ts')
	},
	kpis: {
		summary: 'contact-centre KPIs for a period, optionally grouped',
		load: () => import('./commands/kpis.ts')
	},
	adherence: {
		summary: 'PDC adherence, refill timeliness and the reminder funnel',
		load: () => import('./commands/adherence.ts')
	},
	sentiment: {
		summary: 'train, score, evaluate or pull sentiment models',
		load: () => import('./commands/sentiment.ts')
	},
	loop: {
		summary: 'run the follow-up and outreach rules, or print the loop figures',
		load: () => import('./commands/loop.ts')
	},
	qa: {
		summary: 'build the weekly QA review sample or run the coaching rules',
		load: () => import('./commands/qa.ts')
	},
	user: { summary: 'add, list or disable user accounts', load: () => import('./commands/user.ts') },
	ndc: {
		summary: 'list, set, remove or import NDC → drug name entries',
		load: () => import('./commands/ndc.ts')
	},
	bench: {
		summary: 'benchmarks: ingest, kpis, sentiment, pages',
		load: () => import('./commands/bench.ts')
	}
};

function usage(): string {
	const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
	return `Usage: careloop <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun careloop <command> --help for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? 0 : 2;
	}
	const entry = commands[name];
	if (!entry) {
		console.error(`Unknown command "${name}": run careloop --help to see the commands.`);
		return 2;
	}
	try {
		const command = (await entry.load()).default;
		return await command.run(rest);
	} catch (err) {
		if (err instanceof CliError || err instanceof DatabaseLockedError) {
			console.error(err.message);
			return err instanceof CliError ? err.exitCode : 1;
		}
		if (process.env.CARELOOP_DEBUG) throw err;
		const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
		console.error(`careloop ${name} failed: ${message} (set CARELOOP_DEBUG=1 for details).`);
		return 1;
	}
}
