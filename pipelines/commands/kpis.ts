// `careloop kpis`: contact-centre KPIs for a period, optionally grouped and filtered — a thin
// wrapper over the KPI engine, so the figures equal the web app's.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import {
	computeKpis,
	GROUP_BYS,
	kpisToCsv,
	parseTimestamp,
	type GroupBy,
	type KpiResult
} from '../../src/lib/server/kpi/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = `careloop kpis --from T --to T [--by ${GROUP_BYS.join('|')}] [--team X] [--channel X] [--reason X] [--agent X] [--format json|csv|table]`;

const TABLE_FIELDS = [
	'contacts',
	'handled_inbound',
	'surveys',
	'csat',
	'nps',
	'ces',
	'aht_seconds',
	'asa_seconds',
	'abandon_rate',
	'fcr',
	'response_rate'
] as const;

function instant(name: string, value: string | undefined): Date {
	if (value === undefined)
		throw new CliError(
			`--${name} is required (a timestamp such as 2024-03-01 or 2024-03-01T08:00:00Z). Usage: ${USAGE}`
		);
	const date = parseTimestamp(value);
	if (!date)
		throw new CliError(
			`--${name} "${value}" is not a timestamp: use YYYY-MM-DD or RFC 3339 such as 2024-03-01T08:00:00+01:00.`
		);
	return date;
}

function table(result: KpiResult): string {
	const rows = [
		...result.rows.map((r) => [r.key ?? '(none)', ...TABLE_FIELDS.map((f) => r[f])]),
		['TOTAL', ...TABLE_FIELDS.map((f) => result.total[f])]
	];
	const title = `KPIs ${result.from} → ${result.to}${result.by ? ` by ${result.by}` : ''}`;
	return `${title}\n${textTable([result.by ?? 'scope', ...TABLE_FIELDS], rows)}`;
}

export default {
	summary: 'contact-centre KPIs for a period, optionally grouped',
	async run(args) {
		const { values } = parse(
			args,
			{
				from: { type: 'string' },
				to: { type: 'string' },
				by: { type: 'string' },
				team: { type: 'string' },
				channel: { type: 'string' },
				reason: { type: 'string' },
				agent: { type: 'string' },
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
		const from = instant('from', values.from);
		const to = instant('to', values.to);
		if (to <= from) throw new CliError(`--to must be after --from (the period is [from, to)).`);
		let by: GroupBy | undefined;
		if (values.by !== undefined) {
			if (!(GROUP_BYS as readonly string[]).includes(values.by)) {
				throw new CliError(`--by must be one of ${GROUP_BYS.join(', ')}, not "${values.by}".`);
			}
			by = values.by as GroupBy;
		}
		const lower = (v: string | undefined) => (v === undefined ? null : v.trim().toLowerCase());
		const db = await openDb();
		try {
			const result = await computeKpis(db, {
				from,
				to,
				by,
				team: values.team ?? null,
				channel: lower(values.channel),
				reason: lower(values.reason),
				agent: values.agent ?? null
			});
			const out =
				format === 'json'
					? JSON.stringify(result) + '\n'
					: format === 'csv'
						? kpisToCsv(result)
						: table(result) + '\n';
			process.stdout.write(out);
		} finally {
			await db.close();
		}
		return 0;
	}
} satisfies Command;
