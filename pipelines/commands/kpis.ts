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
import { agentNames } from '../../src/lib/server/roster.ts';
import { agentLabel, type AgentNames } from '../../src/lib/agent-label.ts';

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

function table(result: KpiResult, names: AgentNames): string {
	const key = (k: string | null) =>
		k === null ? '(none)' : result.by === 'agent' ? agentLabel(k, names) : k;
	const rows = [
		...result.rows.map((r) => [key(r.key), ...TABLE_FIELDS.map((f) => r[f])]),
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
			// By agent, rows carry the roster name beside the id (null when the roster lacks it).
			const names =
				by === 'agent'
					? await agentNames(
							db,
							result.rows.map((r) => r.key)
						)
					: {};
			const shown =
				by === 'agent'
					? {
							...result,
							rows: result.rows.map((r) => ({ ...r, name: r.key ? (names[r.key] ?? null) : null }))
						}
					: result;
			const out =
				format === 'json'
					? JSON.stringify(shown) + '\n'
					: format === 'csv'
						? kpisToCsv(result)
						: table(result, names) + '\n';
			process.stdout.write(out);
		} finally {
			await db.close();
		}
		return 0;
	}
} satisfies Command;
