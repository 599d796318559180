// `careloop ingest`: import files or folders by the data contract — a thin wrapper over
// ingestPaths (the Import page's code path), then the post-import work.
import { userInfo } from 'node:os';
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { createProgress, type Progress } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import {
	ingestPaths,
	isKind,
	KINDS,
	type FileReport,
	type Kind
} from '../../src/lib/server/ingest/index.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
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

/**
 * Scoring and the loop's rules on the fresh rows. The import has committed by now, so a failure
 * here is reported as such (one sentence on stderr; stdout stays the import report).
 */
async function postImport(db: Db): Promise<void> {
	try {
		const { runPostImport } = await import('../../src/lib/server/post-import.ts');
		await runPostImport(db, { log: (line) => console.error(line) });
	} catch (err) {
		const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
		console.error(
			`The files were imported, but the post-import step (scoring, follow-up rules) failed: ${message}`
		);
	}
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
			let bar: Progress | null = null;
			let current = -1;
			const { files } = await ingestPaths(db, positionals, {
				kind,
				source: source?.choice,
				replace: values.replace ?? false,
				importedBy: `${userInfo().username} (careloop ingest)`,
				onProgress: (p) => {
					if (p.fileIndex !== current) {
						bar?.finish();
						current = p.fileIndex;
						bar = createProgress(`[${p.fileIndex + 1}/${p.fileCount}] ${p.file}`);
					}
					bar?.update(p.rowsDone, p.rowsTotal);
				}
			});
			(bar as Progress | null)?.finish();
			process.stdout.write(
				format === 'json' ? JSON.stringify({ files }) + '\n' : table(files) + '\n'
			);
			if (files.some((f) => f.importId !== null)) await postImport(db);
			return files.some((f) => f.error) ? 1 : 0;
		} finally {
			await db.close();
		}
	}
} satisfies Command;
