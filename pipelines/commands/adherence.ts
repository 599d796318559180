// `careloop adherence`: PDC adherence (PQA) per class and patient, refill on-time rate and the
// refill-reminder funnel for a period of dates [from, to) — over the same engine as the web app.
import type { Command } from '../cli.ts';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import {
	adherenceClassesToCsv,
	adherencePatientsToCsv,
	computeAdherence,
	type AdherenceResult
} from '../../src/lib/server/kpi/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import { parseDate } from '../../src/lib/server/time/index.ts';

const USAGE =
	'careloop adherence --period YYYY | --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv|table] [--rows classes|patients]';

function period(values: { period?: string; from?: string; to?: string }): {
	from: string;
	to: string;
} {
	if (values.period !== undefined) {
		if (values.from !== undefined || values.to !== undefined)
			throw new CliError('Give either --period or --from/--to, not both.');
		if (!/^\d{4}$/.test(values.period))
			throw new CliError(
				`--period "${values.period}" is not a year: use four digits such as 2024.`
			);
		return { from: `${values.period}-01-01`, to: `${Number(values.period) + 1}-01-01` };
	}
	if (values.from === undefined || values.to === undefined)
		throw new CliError(`Give --period YYYY or both --from and --to. Usage: ${USAGE}`);
	const from = parseDate(values.from);
	const to = parseDate(values.to);
	if (!from) throw new CliError(`--from "${values.from}" is not a date: use YYYY-MM-DD.`);
	if (!to) throw new CliError(`--to "${values.to}" is not a date: use YYYY-MM-DD.`);
	if (to <= from)
		throw new CliError('--to must be after --from (the period is [from, to), to exclusive).');
	return { from, to };
}

function table(r: AdherenceResult): string {
	const classes = textTable(
		['class', 'eligible', 'adherent', 'rate', 'band 60–79%'],
		r.classes.map((c) => [c.class, c.eligible, c.adherent, c.rate, c.band]),
		3
	);
	const refill = r.refill_on_time;
	const f = r.reminder_funnel;
	return [
		`Adherence ${r.from} → ${r.to} (to exclusive)`,
		classes,
		'',
		`Refills on time: ${refill.on_time} of ${refill.pairs} pairs${refill.rate === null ? '' : ` (${(refill.rate * 100).toFixed(1)}%)`}`,
		`Reminder funnel: reminded ${f.reminded} → reached ${f.reached} → refill requested ${f.refill_requested} → refilled ${f.refilled}`
	].join('\n');
}

export default {
	summary: 'PDC adherence, refill timeliness and the reminder funnel',
	async run(args) {
		const { values } = parse(
			args,
			{
				period: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				format: { type: 'string' },
				rows: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			USAGE
		);
		if (values.help) {
			console.log(`Usage: ${USAGE}`);
			return 0;
		}
		const format = parseFormat(values.format, ['json', 'csv', 'table'], 'table');
		const rows = values.rows ?? 'classes';
		if (rows !== 'classes' && rows !== 'patients')
			throw new CliError(`--rows must be classes or patients, not "${rows}".`);
		const { from, to } = period(values);
		const db = await openDb();
		try {
			const needPatients = format === 'json' || (format === 'csv' && rows === 'patients');
			const result = await computeAdherence(db, { from, to, patients: needPatients });
			let out: string;
			if (format === 'json') {
				out = JSON.stringify(result) + '\n';
			} else if (format === 'csv') {
				out =
					rows === 'patients'
						? adherencePatientsToCsv(result.patients)
						: adherenceClassesToCsv(result.classes);
			} else {
				out = table(result) + '\n';
			}
			process.stdout.write(out);
		} finally {
			await db.close();
		}
		return 0;
	}
} satisfies Command;
