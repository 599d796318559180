// `careloop rejects`: rejected rows with their reasons and raw text, as a table, JSON or CSV.
import type { Command } from '../cli.ts';
import { parse, parseFormat } from '../lib/args.ts';
import { userInfo } from 'node:os';
import { openDb } from '../../src/lib/server/db/index.ts';
import { auditRejects } from '../../src/lib/server/auth/audit-rejects.ts';
import { listRejects, rejectsToCsv, type Reject } from '../../src/lib/server/ingest/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = 'careloop rejects [--file F] [--format json|csv|table]';

/** One line per reject; raw text shortened and its line breaks shown as ⏎ for the terminal. */
function table(rejects: Reject[]): string {
	if (rejects.length === 0) return 'No rejected rows.';
	const shorten = (s: string) => {
		const flat = s.replace(/\r?\n/g, '⏎');
		return flat.length > 60 ? flat.slice(0, 59) + '…' : flat;
	};
	const rows = rejects.map((r) => [r.file, r.line, r.reasons.join('; '), shorten(r.raw)]);
	return `${textTable(['file', 'line', 'reasons', 'raw'], rows)}\n${rejects.length} rejected rows.`;
}

function osUser(): string {
	try {
		return userInfo().username;
	} catch {
		// No passwd entry for this uid (some containers): the audit still says it was the CLI.
		return 'unknown';
	}
}

export default {
	summary: 'list rejected rows with their reasons',
	async run(args) {
		const { values } = parse(
			args,
			{
				file: { type: 'string' },
				format: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE
		);
		if (values.help) {
			console.log(`Usage: ${USAGE}`);
			return 0;
		}
		const format = parseFormat(values.format, ['json', 'csv', 'table'], 'table');
		const db = await openDb();
		try {
			const rejects = await listRejects(db, { file: values.file });
			if (rejects.length > 0)
				await auditRejects(db, { actor: `cli:${osUser()}` }, 'export', rejects, {
					file: values.file ?? null
				});
			if (format === 'json') {
				const out = rejects.map(({ file, line, reasons, raw, kind, importId }) => ({
					file,
					line,
					reasons,
					raw,
					kind,
					importId
				}));
				process.stdout.write(JSON.stringify(out) + '\n');
			} else process.stdout.write(format === 'csv' ? rejectsToCsv(rejects) : table(rejects) + '\n');
			return 0;
		} finally {
			await db.close();
		}
	}
} satisfies Command;
