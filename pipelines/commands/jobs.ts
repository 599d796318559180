// `careloop jobs`: the background jobs that follow imports. While the server runs it owns the
// database, so the list then comes from the status file the server keeps beside it.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { runPendingJobs } from '../lib/jobs.ts';
import { DatabaseLockedError, openDb, resolveDbPath } from '../../src/lib/server/db/index.ts';
import {
	describeJob,
	listJobViews,
	readStatus,
	requeueFailed,
	statusPath,
	type JobView
} from '../../src/lib/server/jobs/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = `careloop jobs [list] [--limit N] [--format table|json]
       careloop jobs run                 run queued and interrupted jobs now (server stopped)
       careloop jobs retry <id>          re-run a failed job from the step that failed`;

function table(jobs: JobView[]): string {
	if (jobs.length === 0) return 'No jobs yet: a job is queued by each import that changes rows.';
	const rows = jobs.map((j) => [
		j.jobId,
		j.createdAt.replace('T', ' ').replace('Z', ''),
		j.requestedBy,
		j.importIds.join(',') || '–',
		describeJob(j)
	]);
	return textTable(['job', 'queued (UTC)', 'by', 'imports', 'state'], rows);
}

async function list(limit: number, format: string): Promise<number> {
	let jobs: JobView[];
	let note = '';
	try {
		const db = await openDb();
		try {
			jobs = await listJobViews(db, null, limit);
		} finally {
			await db.close();
		}
	} catch (err) {
		if (!(err instanceof DatabaseLockedError)) throw err;
		const status = await readStatus(statusPath(resolveDbPath()));
		if (!status) throw err;
		jobs = status.jobs.slice(0, limit);
		note = `(as the running server, process ${status.pid}, reported at ${status.writtenAt})`;
	}
	if (format === 'json') process.stdout.write(JSON.stringify({ jobs }) + '\n');
	else {
		console.log(table(jobs));
		if (note) console.log(note);
		for (const j of jobs.filter((x) => x.state === 'failed' && x.errorDetail))
			console.log(`Job ${j.jobId} failed on: ${j.errorDetail}`);
	}
	return 0;
}

export default {
	summary: 'list, run or re-run the background jobs that follow imports',
	async run(args) {
		const { values, positionals } = parse(
			args,
			{
				limit: { type: 'string' },
				format: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE,
			true
		);
		if (values.help) {
			console.log(`Usage: ${USAGE}`);
			return 0;
		}
		const [action = 'list', id] = positionals;
		if (action === 'list') {
			const limit = Number(values.limit ?? 20);
			if (!Number.isInteger(limit) || limit < 1)
				throw new CliError(`--limit must be a positive whole number. Usage: ${USAGE}`);
			return list(limit, parseFormat(values.format, ['json', 'table'], 'table'));
		}
		if (action !== 'run' && action !== 'retry')
			throw new CliError(`Unknown jobs action "${action}". Usage: ${USAGE}`);
		let jobId: number | null = null;
		if (action === 'retry') {
			if (!id || !/^\d{1,9}$/.test(id))
				throw new CliError(`Name the job to re-run by its number. Usage: ${USAGE}`);
			jobId = Number(id);
		}
		const db = await openDb();
		try {
			if (jobId !== null && !(await requeueFailed(db, jobId)))
				throw new CliError(
					`Job ${jobId} has not failed (or does not exist): nothing to re-run.`,
					1
				);
			const failed = await runPendingJobs(db, (line) => console.log(line));
			return failed.length > 0 ? 1 : 0;
		} finally {
			await db.close();
		}
	}
} satisfies Command;
