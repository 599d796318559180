// `npm run bench:ingest -- --rows 1000000`: a deterministic interactions CSV (every attribute a
// hash of the row number; 0.1% of rows break a rule) imported through ingestPaths into a fresh
// temp database, beside the same file loaded by bare DuckDB `read_csv` → CREATE TABLE (the
// floor: no validation, no rejects, no keys), alternating, median of --runs. Prints rows/s, CPU
// seconds, peak RSS and the speed ratio.
// --quoted adds a quoted team name with a comma, which takes the multi-line-aware CSV path.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CliError, parse } from '../lib/args.ts';
import { createProgress, rowsNote } from '../lib/progress.ts';
import { openDb } from '../../src/lib/server/db/index.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = 'npm run bench:ingest -- [--rows 1000000] [--runs 3] [--quoted] [--keep]';

const GENERATE_CSV = (
	quoted: boolean
) => `-- N interactions in the contract's CSV form; 1 in 1000 has a negative talk time
COPY (
	SELECT 'I' || lpad(i::VARCHAR, 9, '0') AS interaction_id,
		strftime(TIMESTAMP '2024-01-01' + to_seconds((hash(i, 1) % 31622400)::BIGINT), '%Y-%m-%dT%H:%M:%SZ') AS started_at,
		['voice', 'chat', 'sms', 'email', 'app'][1 + (hash(i, 2) % 5)::INTEGER] AS channel,
		CASE WHEN hash(i, 3) % 10 = 0 THEN 'outbound' ELSE 'inbound' END AS direction,
		'P' || (hash(i, 4) % 125000) AS patient_id,
		'A' || (hash(i, 6) % 400) AS agent_id,
		${quoted ? `'Team ' || (hash(i, 6) % 20) || ', North'` : `'T' || (hash(i, 6) % 20)`} AS team,
		['refill', 'insurance', 'billing', 'delivery', 'side_effects', 'prior_auth', 'general'][1 + (hash(i, 7) % 7)::INTEGER] AS reason,
		hash(i, 9) % 120 AS queue_seconds,
		CASE WHEN i % 1000 = 999 THEN -1 ELSE 60 + hash(i, 10) % 600 END AS talk_seconds,
		hash(i, 12) % 90 AS hold_seconds,
		hash(i, 13) % 120 AS wrap_seconds,
		['resolved', 'resolved', 'resolved', 'unresolved', 'escalated', 'transferred', 'callback'][1 + (hash(i, 17) % 7)::INTEGER] AS disposition,
		CASE WHEN hash(i, 3) % 10 = 0 THEN 'refill_reminder' END AS campaign,
		CASE WHEN hash(i, 3) % 10 = 0 THEN ['reached', 'voicemail', 'no_answer'][1 + (hash(i, 15) % 3)::INTEGER] END AS outcome
	FROM range($rows) t(i)
) TO '__PATH__' (FORMAT csv, HEADER true)`;

interface Timing {
	wall: number;
	cpu: number;
}

/** Wall and process CPU seconds (DuckDB's threads included): CPU is steadier on a shared machine. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, Timing]> {
	const start = performance.now();
	const cpu0 = process.cpuUsage();
	const result = await fn();
	const cpu = process.cpuUsage(cpu0);
	return [result, { wall: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 }];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function benchIngest(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			rows: { type: 'string' },
			runs: { type: 'string' },
			quoted: { type: 'boolean' },
			keep: { type: 'boolean' }
		},
		USAGE
	);
	const rows = Number(values.rows ?? 1_000_000);
	const runs = Number(values.runs ?? 3);
	if (!Number.isInteger(rows) || rows < 1)
		throw new CliError(`--rows must be a positive integer. Usage: ${USAGE}`);
	if (!Number.isInteger(runs) || runs < 1)
		throw new CliError(`--runs must be a positive integer. Usage: ${USAGE}`);
	const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-ingest-'));
	const csv = join(dir, 'interactions-bench.csv');
	try {
		console.error(`Generating ${rows.toLocaleString('en-US')} interactions in ${csv}…`);
		const gen = await DuckDBInstance.create(':memory:');
		const genConn = await gen.connect();
		// The path is ours (a temp folder), and COPY's target cannot be a bound parameter.
		await genConn.run(
			GENERATE_CSV(values.quoted ?? false).replace('__PATH__', csv.replace(/'/g, "''")),
			{ rows }
		);
		genConn.closeSync();
		gen.closeSync();
		const megabytes = statSync(csv).size / 1e6;

		// Alternate the two loads so that both see the same machine; each run gets fresh databases.
		const ingestRuns: Timing[] = [];
		const bareRuns: Timing[] = [];
		let accepted = 0;
		let rejected = 0;
		let peakRssMb = 0;
		for (let run = 0; run < runs; run++) {
			const db = await openDb(join(dir, `careloop-${run}.duckdb`));
			const bar = createProgress(`Importing (run ${run + 1}/${runs})`, 0, { bytes: true });
			const [report, t] = await timed(() =>
				ingestPaths(db, [csv], {
					importedBy: 'bench',
					onProgress: (p) => bar.update(p.bytesDone, p.bytesTotal, rowsNote(p.rowsDone))
				})
			);
			bar.finish();
			peakRssMb = Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024);
			await db.close();
			const file = report.files[0];
			if (file.error) throw new Error(`The benchmark file did not import: ${file.error}`);
			({ accepted, rejected } = file);
			ingestRuns.push(t);

			const bare = await DuckDBInstance.create(join(dir, `bare-${run}.duckdb`));
			const conn = await bare.connect();
			const [, b] = await timed(() =>
				conn.run('CREATE TABLE interactions AS SELECT * FROM read_csv($path)', { path: csv })
			);
			conn.closeSync();
			bare.closeSync();
			bareRuns.push(b);
		}
		const ingestSeconds = median(ingestRuns.map((t) => t.wall));
		const bareSeconds = median(bareRuns.map((t) => t.wall));
		const ingestCpu = median(ingestRuns.map((t) => t.cpu));
		const bareCpu = median(bareRuns.map((t) => t.cpu));
		console.log(
			`Ingest benchmark: ${rows.toLocaleString('en-US')} rows, ${megabytes.toFixed(0)} MB CSV${values.quoted ? ' (quoted fields)' : ''}, median of ${runs} run(s), ${cpus().length} cores, Node ${process.version}`
		);
		console.log(
			textTable(
				['load', 'wall s', 'rows/s', 'CPU s', 'accepted', 'rejected'],
				[
					[
						'careloop ingest (contract)',
						ingestSeconds,
						Math.round(rows / ingestSeconds),
						ingestCpu,
						accepted,
						rejected
					],
					['bare read_csv → table', bareSeconds, Math.round(rows / bareSeconds), bareCpu, rows, 0]
				],
				2
			)
		);
		console.log(`Peak RSS during the imports: ${peakRssMb.toFixed(0)} MB.`);
		console.log(
			`Contract import speed = ${((100 * bareSeconds) / ingestSeconds).toFixed(0)}% of the bare load by wall time, ${((100 * bareCpu) / ingestCpu).toFixed(0)}% by CPU time (target ≥ 60%).`
		);
		return 0;
	} finally {
		if (values.keep) console.error(`Kept ${dir}.`);
		else rmSync(dir, { recursive: true, force: true });
	}
}
