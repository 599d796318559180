// `careloop ndc`: the NDC table that gives dispensing claims their drug name — list it, set or
// remove one entry, or import a CSV of ndc,drug_name[,drug_class] (every row checked first; the
// file lands whole or not at all).
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import {
	formatNdc,
	listNdc,
	ndcEntry,
	NdcError,
	removeNdc,
	setNdc,
	type NdcRow
} from '../../src/lib/server/ingest/presets/ndc.ts';
import { readCsv } from '../../src/lib/server/ingest/presets/source.ts';

const USAGE =
	'careloop ndc list [--format json|table] | set NDC DRUG_NAME [--class statin|ras|diabetes|other] | remove NDC | import FILE.csv';

const shown = (ndc: string) =>
	ndc.length === 11 ? formatNdc(ndc) : `${ndc.slice(0, 5)}-${ndc.slice(5)}`;

function rowsOfCsv(text: string): NdcRow[] {
	const table = readCsv(text);
	const need = ['ndc', 'drug_name'];
	const have = new Set(table.fields.map((f) => f.toLowerCase()));
	if (!need.every((n) => have.has(n)))
		throw new CliError('The file needs the columns ndc and drug_name (and optionally drug_class).');
	return table.records.map((r) => {
		const get = (k: string) => [...r.values].find(([f]) => f.toLowerCase() === k)?.[1] ?? null;
		try {
			if (r.malformed) throw new NdcError('the record has the wrong number of fields');
			return ndcEntry(get('ndc') ?? '', get('drug_name') ?? '', get('drug_class'));
		} catch (err) {
			throw new CliError(`Nothing was imported: line ${r.line}: ${(err as Error).message}`);
		}
	});
}

export default {
	summary: 'list, set, remove or import NDC → drug name entries',
	async run(args) {
		const { values, positionals } = parse(
			args,
			{
				class: { type: 'string' },
				format: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE,
			true
		);
		const [action, ...rest] = positionals;
		if (values.help || !action) {
			console.log(`Usage: ${USAGE}`);
			return values.help ? 0 : 1;
		}
		const actor = `${userInfo().username} (careloop ndc)`;
		let rows: NdcRow[] = [];
		try {
			if (action === 'set') {
				if (rest.length !== 2) throw new CliError(`Usage: ${USAGE}`);
				rows = [ndcEntry(rest[0], rest[1], values.class)];
			} else if (action === 'import') {
				if (rest.length !== 1) throw new CliError(`Usage: ${USAGE}`);
				rows = rowsOfCsv(await readFile(rest[0], 'utf8'));
			} else if (action !== 'list' && action !== 'remove') {
				throw new CliError(`Unknown action "${action}". Usage: ${USAGE}`);
			}
		} catch (err) {
			if (err instanceof NdcError) throw new CliError(err.message);
			throw err;
		}
		const format = parseFormat(values.format, ['json', 'table'], 'table');
		const db = await openDb();
		try {
			if (action === 'list') {
				const all = await listNdc(db);
				process.stdout.write(
					format === 'json'
						? JSON.stringify({ ndc: all }) + '\n'
						: textTable(
								['ndc', 'drug_name', 'drug_class'],
								all.map((r) => [shown(r.ndc), r.drugName, r.drugClass ?? '(by name)'])
							) + '\n'
				);
			} else if (action === 'remove') {
				if (rest.length !== 1) throw new CliError(`Usage: ${USAGE}`);
				if (!(await removeNdc(db, rest[0])))
					throw new CliError(`The NDC table has no entry ${rest[0]}.`);
				console.log(`Removed ${rest[0]}.`);
			} else {
				await setNdc(db, rows, actor);
				console.log(`Set ${rows.length} NDC ${rows.length === 1 ? 'entry' : 'entries'}.`);
			}
			return 0;
		} finally {
			await db.close();
		}
	}
} satisfies Command;
