// `careloop kpis`: contact-centre KPIs for a period, optionally grouped and filtered — a thin
// wrapper over the KPI engine, so the figures equal the web app's. A period bound without an
// offset is local time in the site time zone (or --tz), as the data contract says.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import {
	computeKpis,
	getSettings,
	GROUP_BYS,
	kpisToCsv,
	RESULT_FIELDS,
	type GroupBy,
	type KpiResult
} from '../../src/lib/server/kpi/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import { agentNames } from '../../src/lib/server/roster.ts';
import { agentLabel, type AgentNames } from '../../src/lib/agent-label.ts';
import { isTimeZone, parsePeriodBound, PeriodError } from '../../src/lib/server/time/index.ts';

const USAGE = `careloop kpis --from T --to T [--by ${GROUP_BYS.join('|')}] [--team X] [--channel X] [--reason X] [--agent X] [--tz ZONE] [--format json|csv|table]`;

function instant(name: string, value: string | undefined, tz: string): Date {
	if (value === undefined)
		throw new CliError(
			`--${name} is required (a date such as 2024-03-01, local to the site, or a timestamp such as 2024-03-01T08:00:00Z). Usage: ${USAGE}`
		);
	try {
		return parsePeriodBound(value, tz, `--${name}`);
	} catch (err) {
		if (err instanceof PeriodError) throw new CliError(err.message);
		throw err;
	}
}

/** The site time zone, or --tz when given (checked against both Intl and DuckDB's ICU). */
async function zoneFor(db: Db, given: string | undefined): Promise<string> {
	if (given === undefined) return (await getSettings(db)).siteTimeZone;
	const known = await db.one<{ n: number }>(
		`-- does DuckDB's ICU know this zone?
		SELECT count(*)::INTEGER AS n FROM pg_timezone_names() WHERE name = $tz`,
		{ tz: given }
	);
	if (!isTimeZone(given) || !known?.n)
		throw new CliError(
			`--tz "${given}" is not a known time zone (use e.g. America/New_York or UTC).`
		);
	return given;
}

function table(result: KpiResult, names: AgentNames): string {
	const key = (k: string | null) =>
		k === null ? '(none)' : result.by === 'agent' ? agentLabel(k, names) : k;
	const rows = [
		...result.rows.map((r) => [key(r.key), ...RESULT_FIELDS.map((f) => r[f])]),
		['TOTAL', ...RESULT_FIELDS.map((f) => result.total[f])]
	];
	const title = `KPIs ${result.from} → ${result.to}${result.by ? ` by ${result.by}` : ''}`;
	return `${title}\n${textTable([result.by ?? 'scope', ...RESULT_FIELDS], rows)}`;
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
				tz: { type: 'string' },
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
			const settings = await getSettings(db);
			const tz = await zoneFor(db, values.tz);
			const from = instant('from', values.from, tz);
			const to = instant('to', values.to, tz);
			if (to <= from) throw new CliError(`--to must be after --from (the period is [from, to)).`);
			const result = await computeKpis(
				db,
				{
					from,
					to,
					by,
					team: values.team ?? null,
					channel: lower(values.channel),
					reason: lower(values.reason),
					agent: values.agent ?? null
				},
				{ ...settings, siteTimeZone: tz }
			);
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
