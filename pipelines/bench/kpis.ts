// `npm run bench:kpis -- --rows 10000000`: synthetic interactions (N), surveys (N/5) and fills
// (N/2) generated in DuckDB SQL into a fresh temp database, then the Overview's full set (totals +
// by channel + by agent + daily trend + adherence by class) through the KPI engine, cold (fresh
// instance each run) and warm, median of --runs, beside one hand-written statement per KPI (the
// floor). Data is deterministic: every attribute is a hash of the row number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, parse } from '../lib/args.ts';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { computeAdherence, getSettings, overviewFigures } from '../../src/lib/server/kpi/index.ts';
import { textTable } from '../../src/lib/server/kpi/text-table.ts';

const USAGE = 'npm run bench:kpis -- [--rows 10000000] [--runs 5] [--detail] [--keep]';

export const GENERATE_INTERACTIONS = `-- N synthetic interactions over 2024 (5% abandoned, 10% outbound)
INSERT INTO interactions
SELECT 'i' || i,
	TIMESTAMP '2024-01-01' + to_seconds((hash(i, 1) % 31622400)::BIGINT),
	['voice', 'chat', 'sms', 'email', 'app'][1 + (hash(i, 2) % 5)::INTEGER],
	CASE WHEN hash(i, 3) % 10 = 0 THEN 'outbound' ELSE 'inbound' END,
	CASE WHEN hash(i, 4) % 20 = 0 THEN NULL ELSE 'p' || (hash(i, 5) % ($n // 8 + 1)) END,
	CASE WHEN d = 'abandoned' THEN NULL ELSE 'a' || (hash(i, 6) % 400) END,
	CASE WHEN d = 'abandoned' THEN NULL ELSE 't' || (hash(i, 6) % 400 % 20) END,
	['refill', 'insurance', 'billing', 'delivery', 'side_effects', 'prior_auth', 'transfer_rx',
		'complaint', 'medication_error', 'general', 'other'][1 + (hash(i, 7) % 11)::INTEGER],
	CASE WHEN hash(i, 8) % 50 = 0 THEN NULL ELSE (hash(i, 9) % 120)::DOUBLE END,
	(60 + hash(i, 10) % 600)::DOUBLE,
	CASE WHEN hash(i, 11) % 3 = 0 THEN (hash(i, 12) % 90)::DOUBLE END,
	(hash(i, 13) % 120)::DOUBLE,
	d,
	CASE WHEN hash(i, 3) % 10 = 0 THEN ['refill_reminder', 'med_sync'][1 + (hash(i, 14) % 2)::INTEGER] END,
	CASE WHEN hash(i, 3) % 10 = 0
		THEN ['reached', 'voicemail', 'no_answer', 'refill_requested', 'declined'][1 + (hash(i, 15) % 5)::INTEGER] END,
	0
FROM (
	SELECT range AS i,
		CASE WHEN hash(range, 16) % 20 = 0 THEN 'abandoned'
			ELSE ['resolved', 'resolved', 'resolved', 'unresolved', 'escalated', 'transferred', 'callback']
				[1 + (hash(range, 17) % 7)::INTEGER] END AS d
	FROM range($n)
)`;

export const GENERATE_SURVEYS = `-- N/5 surveys: 90% linked to an interaction, submitted over 2024
INSERT INTO surveys
SELECT 's' || j,
	CASE WHEN hash(j, 21) % 10 = 0 THEN NULL ELSE 'i' || (hash(j, 22) % $n) END,
	NULL,
	TIMESTAMP '2024-01-01' + to_seconds((hash(j, 23) % 31622400)::BIGINT),
	CASE WHEN hash(j, 24) % 5 = 0 THEN NULL ELSE 1 + (hash(j, 25) % 5)::INTEGER END,
	CASE WHEN hash(j, 26) % 4 = 0 THEN NULL ELSE (hash(j, 27) % 11)::INTEGER END,
	CASE WHEN hash(j, 28) % 2 = 0 THEN NULL ELSE 1 + (hash(j, 29) % 7)::INTEGER END,
	NULL, 'ok', 0
FROM range($n // 5) t(j)`;

export const GENERATE_FILLS = `-- N/2 fills over 2024: ~12 a patient, statins, RAS, diabetes and other drugs
INSERT INTO fills
SELECT 'f' || k,
	'p' || (k % ($n // 24 + 1)),
	['atorvastatin', 'rosuvastatin', 'lisinopril', 'losartan', 'metformin', 'glipizide',
		'amlodipine', 'omeprazole'][1 + (hash(k % ($n // 24 + 1), 31) % 8)::INTEGER],
	NULL,
	DATE '2024-01-01' + (hash(k, 32) % 366)::INTEGER,
	[30, 30, 90][1 + (hash(k, 33) % 3)::INTEGER],
	NULL, NULL, 0
FROM range($n // 2) t(k)`;

// The floor: one hand-written statement per KPI, each with the Overview's four groupings.
const SETS = `GROUPING SETS ((), (channel), (agent_id), (date_trunc('day', ts)))`;
const PERIOD = `ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2025-01-01'`;
const IX = `(SELECT *, started_at AS ts FROM interactions)`;
const SV = `(SELECT s.*, s.submitted_at AS ts, i.channel, i.agent_id FROM surveys s LEFT JOIN interactions i USING (interaction_id))`;
const FLOOR: Record<string, string> = {
	csat: `SELECT 100.0 * count_if(csat >= 4) / count(csat) FROM ${SV} WHERE ${PERIOD} GROUP BY ${SETS}`,
	nps: `SELECT 100.0 * (count_if(nps >= 9) - count_if(nps <= 6)) / count(nps) FROM ${SV} WHERE ${PERIOD} GROUP BY ${SETS}`,
	ces: `SELECT avg(ces) FROM ${SV} WHERE ${PERIOD} GROUP BY ${SETS}`,
	aht: `SELECT avg(coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0) + coalesce(wrap_seconds, 0)) FROM ${IX}
		WHERE ${PERIOD} AND direction = 'inbound' AND disposition <> 'abandoned' GROUP BY ${SETS}`,
	asa: `SELECT avg(queue_seconds) FROM ${IX} WHERE ${PERIOD} AND direction = 'inbound' AND disposition <> 'abandoned' GROUP BY ${SETS}`,
	abandon: `SELECT 100.0 * count_if(disposition = 'abandoned') / count(*) FROM ${IX} WHERE ${PERIOD} AND direction = 'inbound' GROUP BY ${SETS}`,
	fcr: `SELECT 100.0 * count_if(disposition = 'resolved' AND NOT coalesce(nxt <= ts + INTERVAL 168 HOUR, false)) / count(*)
		FROM (SELECT a.*, b.started_at AS nxt FROM ${IX} a ASOF LEFT JOIN
			(SELECT patient_id, reason, started_at FROM interactions WHERE direction = 'inbound') b
			ON a.patient_id = b.patient_id AND a.reason = b.reason AND b.started_at > a.ts
			WHERE a.direction = 'inbound' AND a.disposition <> 'abandoned' AND a.patient_id IS NOT NULL)
		WHERE ${PERIOD} GROUP BY ${SETS}`,
	response: `SELECT 100.0 * count_if(interaction_id IN (SELECT interaction_id FROM surveys)) / count(*) FROM ${IX}
		WHERE ${PERIOD} AND direction = 'inbound' AND disposition <> 'abandoned' GROUP BY ${SETS}`,
	adherence: `WITH f AS (SELECT patient_id, drug_name, dc.drug_class AS class, fill_date - DATE '2024-01-01' AS d, days_supply AS s, fill_id
			FROM fills JOIN drug_classes dc USING (drug_name) WHERE fill_date >= DATE '2024-01-01' AND fill_date < DATE '2025-01-01'),
		c AS (SELECT *, sum(s) OVER w AS cs FROM f WINDOW w AS (PARTITION BY patient_id, class, drug_name ORDER BY d, fill_id)),
		st AS (SELECT patient_id, class, cs - s + max(d + s - cs) OVER (PARTITION BY patient_id, class, drug_name ORDER BY d, fill_id) AS a, s FROM c),
		iv AS (SELECT patient_id, class, a, least(a + s, 366) AS b FROM st WHERE a < 366),
		m AS (SELECT *, max(b) OVER (PARTITION BY patient_id, class ORDER BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS r FROM iv),
		e AS (SELECT patient_id, class FROM f GROUP BY ALL HAVING count(DISTINCT d) >= 2),
		p AS (SELECT patient_id, class, sum(greatest(0, b - greatest(a, coalesce(r, a)))) / (366 - min(a)) AS pdc
			FROM m SEMI JOIN e USING (patient_id, class) GROUP BY ALL)
		SELECT class, count(*), count_if(pdc >= 0.8) FROM p GROUP BY class`
};

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

const WHOLE_YEAR = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') };

async function engine(db: Db) {
	return overviewFigures(db, WHOLE_YEAR, await getSettings(db));
}

async function floor(db: Db) {
	for (const sql of Object.values(FLOOR)) await db.all(sql);
}

export default async function run(args: string[]): Promise<number> {
	const { values } = parse(
		args,
		{
			rows: { type: 'string' },
			runs: { type: 'string' },
			detail: { type: 'boolean' },
			keep: { type: 'boolean' }
		},
		USAGE
	);
	const n = Number(values.rows ?? 10_000_000);
	const runs = Number(values.runs ?? 5);
	if (!Number.isInteger(n) || n < 1000)
		throw new CliError('--rows must be a whole number of at least 1000.');
	if (!Number.isInteger(runs) || runs < 1)
		throw new CliError('--runs must be a whole number of at least 1.');
	const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-kpis-'));
	const path = join(dir, 'bench.duckdb');
	try {
		let db = await openDb(path);
		const gen = await timed(async () => {
			await db.run(GENERATE_INTERACTIONS, { n });
			await db.run(GENERATE_SURVEYS, { n });
			await db.run(GENERATE_FILLS, { n });
		});
		console.log(
			`Generated ${n.toLocaleString('en-US')} interactions, ${(n / 5).toLocaleString('en-US')} surveys, ${(n / 2).toLocaleString('en-US')} fills in ${(gen / 1000).toFixed(1)} s (${path}).`
		);
		await db.close();

		const cold = { engine: [] as number[], floor: [] as number[], adherence: [] as number[] };
		for (let r = 0; r < runs; r++) {
			for (const key of ['engine', 'floor', 'adherence'] as const) {
				db = await openDb(path);
				const fn =
					key === 'engine'
						? () => engine(db)
						: key === 'floor'
							? () => floor(db)
							: () => adherenceOnly(db);
				cold[key].push(await timed(fn));
				await db.close();
			}
		}
		db = await openDb(path);
		await engine(db);
		await floor(db);
		const warm = { engine: [] as number[], floor: [] as number[], adherence: [] as number[] };
		for (let r = 0; r < runs; r++) {
			warm.engine.push(await timed(() => engine(db)));
			warm.floor.push(await timed(() => floor(db)));
			warm.adherence.push(await timed(() => adherenceOnly(db)));
		}
		const perKpi: [string, number][] = [];
		for (const [name, sql] of values.detail ? Object.entries(FLOOR) : []) {
			const ts: number[] = [];
			for (let r = 0; r < 3; r++) ts.push(await timed(() => db.all(sql)));
			perKpi.push([name, median(ts)]);
		}
		await db.close();

		const ms = (x: number) => Math.round(x);
		console.log(
			`\nOverview full set over 2024 (totals + channel + agent + day + adherence by class), median of ${runs}:`
		);
		console.log(
			textTable(
				['what', 'cold ms', 'warm ms'],
				[
					['KPI engine (overviewFigures)', ms(median(cold.engine)), ms(median(warm.engine))],
					['floor: one statement per KPI', ms(median(cold.floor)), ms(median(warm.floor))],
					[
						'engine ÷ floor',
						median(cold.engine) / median(cold.floor),
						median(warm.engine) / median(warm.floor)
					],
					[
						`adherence alone (${(n / 2).toLocaleString('en-US')} fills)`,
						ms(median(cold.adherence)),
						ms(median(warm.adherence))
					]
				],
				2
			)
		);
		if (perKpi.length) {
			console.log(
				`\nFloor per statement (warm, median of 3):\n${textTable(
					['kpi', 'ms'],
					perKpi.map(([k, v]) => [k, ms(v)])
				)}`
			);
		}
		console.log(
			`\nTargets: overview ≤ 250 ms warm at 10M within 2× of the floor; adherence for 5M fills ≤ 3000 ms.`
		);
		return 0;
	} finally {
		if (!values.keep) rmSync(dir, { recursive: true, force: true });
	}
}

async function adherenceOnly(db: Db) {
	return computeAdherence(db, { from: '2024-01-01', to: '2025-01-01', patients: false });
}
