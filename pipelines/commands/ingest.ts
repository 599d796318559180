// `careloop ingest`: import files or folders by the data contract — a thin wrapper over
// ingestPaths (the Import page's code path). The post-import work is queued with the rows (a
// background job) and run here right after; if this process dies, the next server start or
// `careloop jobs run` finishes it.
import { userInfo } from 'node:os';
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { createProgress, rowsNote, type Progress } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import {
	ingestPaths,
	isKind,
	KINDS,
	type FileReport,
	type Kind
} from '../../src/lib/server/ingest/index.ts';
import { auditImport } from '../../src/lib/server/ingest/audit-import.ts';
import { pendingWork, postImportStepNames, processJobs } from '../../src/lib/server/jobs/index.ts';
import { runPendingJobs } from '../lib/jobs.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import { sourceChoice } from './ingest-source.ts';

const USAGE = `careloop ingest <file|folder>... [--kind ${KINDS.join('|')}] [--preset NAME | --mapping FILE] [--source-tz ZONE] [--sheet NAME] [--replace] [--format json|table]`;

function status(f: FileReport): string {
	if (f.error) return `FAILED: ${f.error}`;
	if (f.skipped)
		return 'skipped: no known kind (name it interactions*, surveys*, transcripts*, fills*, agents* or pass --kind)';
	return 'imported';
}

function table(files: FileReport[]): string {
	const rows = files.map((f) => [
		f.file,
		f.kind ?? '–',
		f.format ?? '–',
		f.read,
		f.accepted,
		f.inserted,
		f.updated,
		f.unchanged,
		f.rejected,
		status(f)
	]);
	const head = [
		'file',
		'kind',
		'format',
		'read',
		'accepted',
		'inserted',
		'updated',
		'unchanged',
		'rejected',
		'status'
	];
	const rejected = files.reduce((n, f) => n + f.rejected, 0);
	const hint =
		rejected > 0
			? `\n${rejected} rows rejected: see them with careloop rejects (or --format csv).`
			: '';
	return textTable(head, rows) + hint;
}

export default {
	summary: 'import files or folders by the data contract',
	async run(args) {
		const { values, positionals } = parse(
			args,
			{
				kind: { type: 'string' },
				replace: { type: 'boolean' },
				format: { type: 'string' },
				preset: { type: 'string' },
				mapping: { type: 'string' },
				'source-tz': { type: 'string' },
				sheet: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE,
			true
		);
		if (values.help) {
			console.log(`Usage: ${USAGE}`);
			return 0;
		}
		if (positionals.length === 0)
			throw new CliError(`Name at least one file or folder. Usage: ${USAGE}`);
		const format = parseFormat(values.format, ['json', 'table'], 'table');
		let kind: Kind | undefined;
		if (values.kind !== undefined) {
			if (!isKind(values.kind))
				throw new CliError(`--kind must be one of ${KINDS.join(', ')}, not "${values.kind}".`);
			kind = values.kind;
		}
		const source = await sourceChoice(values, kind);
		kind = source?.kind ?? kind;
		const db = await openDb();
		try {
			const user = userInfo().username;
			const work = pendingWork(processJobs(db), {
				kind: 'import',
				steps: postImportStepNames(),
				requestedBy: `cli:${user}`
			});
			let bar: Progress | null = null;
			let current = -1;
			let files: FileReport[];
			try {
				({ files } = await ingestPaths(db, positionals, {
					kind,
					source: source?.choice,
					replace: values.replace ?? false,
					importedBy: `${user} (careloop ingest)`,
					pendingWork: work,
					onProgress: (p) => {
						if (p.fileIndex !== current) {
							bar?.finish();
							current = p.fileIndex;
							bar = createProgress(`[${p.fileIndex + 1}/${p.fileCount}] ${p.file}`, 0, {
								bytes: true
							});
						}
						bar?.update(p.bytesDone, p.bytesTotal, rowsNote(p.rowsDone));
					}
				}));
			} finally {
				work.close();
				(bar as Progress | null)?.finish();
			}
			await auditImport(db, files, {
				actor: `cli:${user}`,
				ip: null,
				via: 'cli',
				jobId: work.jobId
			});
			process.stdout.write(
				format === 'json' ? JSON.stringify({ files }) + '\n' : table(files) + '\n'
			);
			// Also finishes any job an earlier, interrupted run left behind.
			await runPendingJobs(db);
			return files.some((f) => f.error) ? 1 : 0;
		} finally {
			await db.close();
		}
	}
} satisfies Command;
