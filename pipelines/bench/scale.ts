// `npm run bench:scale -- --rows 10000000 [--format json]`: a year of a large contact centre on one
// box. Generates N interactions, N/5 surveys, N/2 fills and 100k transcript turns (deterministic,
// in DuckDB SQL), brings the maintained KPI facts up to date, then measures each page's server
// load cold (caches emptied) and warm beside its floor, measured in the same run: one plain grouped
// scan of the same rows (interactions by day, channel and agent with counts and sums; surveys
// joined to interactions; fills grouped by patient and drug). The import is measured on an
// interactions CSV of min(N, --import-rows) rows through the full contract path in a child
// process (rows/s, peak RSS) beside bare `read_csv` → table of the same file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CliError, parse, parseFormat } from '../lib/args.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { loadAdherence } from '../../src/lib/server/dashboard/adherence.ts';
import { loadAgent } from '../../src/lib/server/dashboard/agent-page.ts';
import { listAgentScorecards } from '../../src/lib/server/dashboard/agents.ts';
import { clearCache } from '../../src/lib/server/dashboard/cache.ts';
import { parseDrill, parseFilter } from '../../src/lib/server/dashboard/filters.ts';
import { runList } from '../../src/lib/server/dashboard/lists.ts';
import { loadOverview } from '../../src/lib/server/dashboard/overview.ts';
import { getSettings } from '../../src/lib/server/kpi/index.ts';
import { refreshDerived } from '../../src/lib/server/kpi/derived.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { GENERATE_FILLS, GENERATE_INTERACTIONS, GENERATE_SURVEYS } from './kpis.ts';

const USAGE =
	'npm run bench:scale -- [--rows 10000000] [--import-rows 10000000] [--runs 3] [--format table|json] [--keep]';

const GENERATE_TRANSCRIPTS = `-- 100k transcript turns: 10 a call for the first 10k interactions
INSERT INTO transcripts
SELECT 'i' || (t // 10), t % 10, ['agent', 'patient', 'system'][1 + (hash(t, 41) % 3)::INTEGER],
	(t % 10) * 12.0, 'Turn ' || t || ' about a refill and the copay', 0
FROM range(100000) r(t)`;

// The data spans 2024; pages look at the last 30 days of it, adherence at the year.
const AS_OF = '2024-12-31';
const PERIOD = { from: '2024-12-02', to: '2024-12-31' };
const at = (path: string) => new URL(`http://bench${path}`);

// Floors: plain grouped scans of the same rows a page reads, written by hand.
const CONTACTS_FLOOR = `-- interactions of the period by day, channel and agent: counts and sums
SELECT date_trunc('day', started_at) AS d, channel, agent_id, count(*) AS n,
	count_if(direction = 'inbound') AS inbound, count_if(disposition = 'resolved') AS resolved,
	sum(coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(wrap_seconds, 0)) AS handle,
	sum(queue_seconds) AS queue
FROM interactions WHERE started_at >= $from AND started_at < $to GROUP BY ALL`;
const SURVEYS_FLOOR = `-- surveys of the period joined to their interactions, by day, channel and agent
SELECT date_trunc('day', s.submitted_at) AS d, i.channel, i.agent_id, count(*) AS n,
	sum(s.csat) AS csat, sum(s.nps) AS nps, sum(s.ces) AS ces
FROM surveys s LEFT JOIN interactions i ON i.interaction_id = s.interaction_id
WHERE s.submitted_at >= $from AND s.submitted_at < $to GROUP BY ALL`;
const FILLS_FLOOR = `-- fills of the window grouped by patient and drug
SELECT patient_id, drug_name, count(*) AS n, sum(days_supply) AS supply, min(fill_date) AS first
FROM fills WHERE fill_date >= $from_date AND fill_date < $to_date GROUP BY ALL`;

interface PageResult {
	page: string;
	cold_ms: number;
	warm_ms: number;
	floor_ms: number;
	cold_ratio: number;
	warm_ratio: number;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The p-th percentile (0–100) by the nearest-rank method. */
const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];

/**
 * Another user's page while an import runs, in one process as in the server: the Interactions
 * list for one day after another (each a new query, never a cache hit), first idle, then while
 * `csv` is imported `imports` times into the same database. After each import the maintained
 * figures are brought up to date as the server's post-import job does first (kpi-facts), still
 * browsing, before the next import: until then pages derive the figures from raw rows, which
 * a server leaves behind within seconds. Returns the request times of all three.
 */
async function browseDuringImport(db: Db, csv: string, imports: number) {
	let day = 0;
	const browse = () => {
		const from = new Date(Date.UTC(2024, 0, 1 + (day++ % 360))).toISOString().slice(0, 10);
		const to = new Date(Date.UTC(2024, 0, 2 + ((day - 1) % 360))).toISOString().slice(0, 10);
		const url = at(`/interactions?from=${from}&to=${to}`);
		return timed(() => runList(db, parseFilter(url, AS_OF), parseDrill(url)));
	};
	/** Request times while `work` runs (one request after another, none in flight at its end). */
	const browseWhile = async (work: Promise<unknown>) => {
		let done = false;
		const settled = work.finally(() => {
			done = true;
		});
		const times: number[] = [];
		while (!done) times.push(await browse());
		await settled;
		return times;
	};
	const idle: number[] = [];
	for (let i = 0; i < 60; i++) idle.push(await browse());
	const during: number[] = [];
	const job: number[] = [];
	for (let r = 0; r < imports; r++) {
		const imported = ingestPaths(db, [csv], { importedBy: 'bench', replace: true }).then(
			(report) => {
				if (report.files[0]?.error) throw new Error(report.files[0].error);
			}
		);
		during.push(...(await browseWhile(imported)));
		job.push(...(await browseWhile(getSettings(db).then((s) => refreshDerived(db, s)))));
	}
	return { idle, during, job };
}

async function floorOf(db: Db, parts: ('contacts' | 'surveys' | 'fills')[], days: number) {
	const to = new Date('2025-01-01T00:00:00Z');
	const from = new Date(to.getTime() - days * 86_400_000);
	const p = { from: from.toISOString().slice(0, 19), to: to.toISOString().slice(0, 19) };
	for (const part of parts) {
		if (part === 'contacts')
			await db.all(
				CONTACTS_FLOOR.replaceAll('$from', `TIMESTAMP '${p.from}'`).replaceAll(
					'$to',
					`TIMESTAMP '${p.to}'`
				)
			);
		if (part === 'surveys')
			await db.all(
				SURVEYS_FLOOR.replaceAll('$from', `TIMESTAMP '${p.from}'`).replaceAll(
					'$to',
					`TIMESTAMP '${p.to}'`
				)
			);
		if (part === 'fills')
			await db.all(
				FILLS_FLOOR.replace('$from_date', `DATE '${p.from.slice(0, 10)}'`).replace(
					'$to_date',
					`DATE '${p.to.slice(0, 10)}'`
				)
			);
	}
}

/** The pages, each with the loads its server function runs and the floor of the rows it reads. */
function pages(agent: string) {
	const f = (path: string) => parseFilter(at(path), AS_OF);
	const q = `?from=${PERIOD.from}&to=${PERIOD.to}`;
	return [
		{
			page: 'Overview',
			load: (db: Db) => loadOverview(db, f(`/overview${q}`)),
			floor: ['contacts', 'surveys', 'fills'] as const,
			days: 365
		},
		{
			page: 'Agents',
			load: (db: Db) => listAgentScorecards(db, f(`/agents${q}`)),
			floor: ['contacts', 'surveys'] as const,
			days: 30
		},
		{
			page: `Agent ${agent}`,
			load: (db: Db) => loadAgent(db, f(`/agents/x${q}`), agent),
			floor: ['contacts', 'surveys'] as const,
			days: 30
		},
		{
			page: 'Interactions',
			load: (db: Db) => runList(db, f(`/interactions${q}`), parseDrill(at(`/interactions${q}`))),
			floor: ['contacts'] as const,
			days: 30
		},
		{
			page: 'Adherence',
			load: (db: Db) => loadAdherence(db, f(`/adherence?from=2024-01-01&to=${AS_OF}`), {}),
			floor: ['fills'] as const,
			days: 366
		}
	];
}

/** Imports an interactions CSV in a child process; returns its wall time and peak RSS. */
function importInChild(csv: string, dbPath: string): { ms: number; rssMb: number } {
	const script = `
		import { openDb } from './src/lib/server/db/index.ts';
		import { ingestPaths } from './src/lib/server/ingest/index.ts';
		const db = await openDb(process.env.BENCH_DB);
		const t = performance.now();
		const r = await ingestPaths(db, [process.env.BENCH_CSV], { importedBy: 'bench' });
		const ms = performance.now() - t;
		await db.close();
		if (r.files[0].error) throw new Error(r.files[0].error);
		console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));`;
	const out = spawnSync(
		process.execPath,
		['--import', 'tsx', '--input-type=module', '-e', script],
		{
			env: { ...process.env, BENCH_DB: dbPath, BENCH_CSV: csv },
			encoding: 'utf8',
			maxBuffer: 1 << 24
		}
	);
	if (out.status !== 0)
		throw new Error(`The import child failed: ${out.stderr.split('\n').slice(-5).join(' ')}`);
	return JSON.parse(out.stdout.trim().split('\n').pop() as string);
}

export default async function run(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			rows: { type: 'string' },
			'import-rows': { type: 'string' },
			runs: { type: 'string' },
			format: { type: 'string' },
			keep: { type: 'boolean' }
		},
		USAGE
	);
	const n = Number(values.rows ?? 10_000_000);
	const importRows = Math.min(n, Number(values['import-rows'] ?? n));
	const runs = Number(values.runs ?? 3);
	const format = parseFormat(values.format, ['table', 'json'], 'table');
	if (!Number.isInteger(n) || n < 10_000)
		throw new CliError('--rows must be a whole number of at least 10000.');
	if (!Number.isInteger(runs) || runs < 1)
		throw new CliError('--runs must be a whole number of at least 1.');
	const say = (line: string) => (format === 'table' ? console.log(line) : console.error(line));
	const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-scale-'));
	try {
		// 1. The import: a CSV of the generated interactions through the contract path, and bare.
		const gen = await openDb(join(dir, 'gen.duckdb'));
		await gen.run(GENERATE_INTERACTIONS, { n: importRows });
		const csv = join(dir, 'interactions.csv');
		await gen.run(`COPY (SELECT * EXCLUDE (import_id) FROM interactions) TO '${csv}' (HEADER)`);
		await gen.close();
		say(
			`Import: ${importRows.toLocaleString('en')} interactions, ${(statSync(csv).size / 1e6).toFixed(0)} MB CSV…`
		);
		// Import and bare read alternate, `--runs` times each on fresh files: the median of each
		// (one run of either swings by ±40 % on a shared machine).
		const importMs: number[] = [];
		const bareMs: number[] = [];
		let rssMb = 0;
		for (let r = 0; r < runs; r++) {
			const imported = importInChild(csv, join(dir, `import-${r}.duckdb`));
			importMs.push(imported.ms);
			rssMb = Math.max(rssMb, imported.rssMb);
			rmSync(join(dir, `import-${r}.duckdb`), { force: true });
			const bare = await openDb(join(dir, `bare-${r}.duckdb`));
			bareMs.push(
				await timed(() => bare.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv}')`))
			);
			await bare.close();
			rmSync(join(dir, `bare-${r}.duckdb`), { force: true });
		}
		const importResult = {
			rows_per_s: Math.round(importRows / (median(importMs) / 1000)),
			bare_ratio: median(bareMs) / median(importMs),
			peak_rss_mb: Math.round(rssMb),
			import_ms: importMs.map(Math.round),
			bare_ms: bareMs.map(Math.round)
		};
		say(
			`  ${importResult.rows_per_s.toLocaleString('en')} rows/s, ${(100 * importResult.bare_ratio).toFixed(0)} % of bare read_csv (median of ${runs}: import ${importResult.import_ms.join(' / ')} ms, bare ${importResult.bare_ms.join(' / ')} ms), peak RSS ${importResult.peak_rss_mb} MB`
		);

		// 2. The year of data, and the facts maintained at import.
		const path = join(dir, 'scale.duckdb');
		let db = await openDb(path);
		const genMs = await timed(async () => {
			await db.run(GENERATE_INTERACTIONS, { n });
			await db.run(GENERATE_SURVEYS, { n });
			await db.run(GENERATE_FILLS, { n });
			await db.run(GENERATE_TRANSCRIPTS);
		});
		say(
			`Generated ${n.toLocaleString('en')} interactions, ${(n / 5).toLocaleString('en')} surveys, ${(n / 2).toLocaleString('en')} fills, 100,000 turns in ${(genMs / 1000).toFixed(1)} s.`
		);
		const maintain = await timed(async () => refreshDerived(db, await getSettings(db)));
		say(`KPI facts built in ${(maintain / 1000).toFixed(1)} s.`);
		await db.close();

		// 3. Pages, cold (a fresh process's first view after new data) and warm, beside their floors.
		const agent = 'a7';
		const results: PageResult[] = [];
		for (const p of pages(agent)) {
			const cold: number[] = [];
			const warm: number[] = [];
			const floor: number[] = [];
			for (let r = 0; r < runs; r++) {
				db = await openDb(path);
				clearCache(db);
				floor.push(await timed(() => floorOf(db, [...p.floor], p.days)));
				await db.close();
				db = await openDb(path);
				cold.push(await timed(() => p.load(db)));
				warm.push(await timed(() => p.load(db)));
				await db.close();
			}
			const row = {
				page: p.page,
				cold_ms: median(cold),
				warm_ms: median(warm),
				floor_ms: median(floor)
			};
			results.push({
				...row,
				cold_ratio: row.cold_ms / row.floor_ms,
				warm_ratio: row.warm_ms / row.floor_ms
			});
			say(
				`  ${p.page}: cold ${Math.round(row.cold_ms)} ms, warm ${Math.round(row.warm_ms)} ms, floor ${Math.round(row.floor_ms)} ms`
			);
		}
		// 4. Another user's page during `--runs` imports (the import CSV again, --replace, into this data).
		db = await openDb(path);
		const browsing = await browseDuringImport(db, csv, runs);
		await db.close();
		const latency = {
			idle_p50_ms: Math.round(percentile(browsing.idle, 50)),
			idle_p99_ms: Math.round(percentile(browsing.idle, 99)),
			import_p50_ms: Math.round(percentile(browsing.during, 50)),
			import_p99_ms: Math.round(percentile(browsing.during, 99)),
			requests: browsing.during.length,
			p99_ratio: percentile(browsing.during, 99) / percentile(browsing.idle, 99),
			job_p50_ms: Math.round(percentile(browsing.job, 50)),
			job_p99_ms: Math.round(percentile(browsing.job, 99)),
			job_requests: browsing.job.length
		};
		say(
			`Another user during the import (${latency.requests} requests): p50 ${latency.import_p50_ms} ms, p99 ${latency.import_p99_ms} ms; idle p50 ${latency.idle_p50_ms} ms, p99 ${latency.idle_p99_ms} ms (${latency.p99_ratio.toFixed(2)}× idle p99)`
		);
		say(
			`…and while the job brings the figures up to date after each import (${latency.job_requests} requests): p50 ${latency.job_p50_ms} ms, p99 ${latency.job_p99_ms} ms`
		);
		const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
		const load = loadavg().map((x) => Number(x.toFixed(2)));
		if (format === 'json') {
			console.log(
				JSON.stringify({
					rows: n,
					machine,
					load_avg: load,
					import: importResult,
					browsing_during_import: { ...latency, p99_ratio: Number(latency.p99_ratio.toFixed(2)) },
					pages: results.map((r) => ({
						...r,
						cold_ms: Math.round(r.cold_ms),
						warm_ms: Math.round(r.warm_ms),
						floor_ms: Math.round(r.floor_ms)
					}))
				})
			);
		} else {
			console.log(
				`\n${n.toLocaleString('en')} interactions on ${machine}, load average ${load.join(' ')}:`
			);
			console.log(
				textTable(
					['page', 'cold ms', 'warm ms', 'floor ms', 'cold ÷ floor', 'warm ÷ floor'],
					results.map((r) => [
						r.page,
						Math.round(r.cold_ms),
						Math.round(r.warm_ms),
						Math.round(r.floor_ms),
						r.cold_ratio,
						r.warm_ratio
					]),
					2
				)
			);
			console.log(
				"Targets: warm ≤ 300 ms and ≤ 1× floor; cold ≤ 3× floor; adherence ≤ 2× its floor; import ≥ 60 % of bare read_csv with peak RSS ≤ 600 MB; another user's p99 during an import ≤ 2× idle."
			);
		}
		return 0;
	} finally {
		if (!values.keep) rmSync(dir, { recursive: true, force: true });
	}
}
