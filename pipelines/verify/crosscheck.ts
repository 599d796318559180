// Cross-checks the KPI engine against pipelines/verify/reference.ts on whatever a DB holds.
// Usage: npx tsx pipelines/verify/crosscheck.ts <path>... --from T --to T --afrom D --ato D
import type { Db } from '../../src/lib/server/db/index.ts';
import { createTestDb } from '../../src/lib/server/db/testing.ts';
import { ingestPaths } from '../../src/lib/server/ingest/index.ts';
import { computeAdherence, computeKpis } from '../../src/lib/server/kpi/index.ts';
import { parseTimestamp } from '../../src/lib/server/time/index.ts';
import {
	refAdherence,
	refKpis,
	type RefBy,
	type RefFill,
	type RefInteraction,
	type RefSurvey
} from './reference.ts';

export const BYS: RefBy[] = ['agent', 'team', 'channel', 'reason', 'day', 'week', 'month'];
export const KPI_FIELDS = [
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

const LOAD_INTERACTIONS = `-- stored interactions with instants in µs
SELECT * EXCLUDE (started_at, import_id), epoch_us(started_at)::DOUBLE AS started_us FROM interactions`;
const LOAD_SURVEYS = `-- stored surveys with instants in µs
SELECT survey_id, interaction_id, csat, nps, ces, epoch_us(submitted_at)::DOUBLE AS submitted_us FROM surveys`;
const LOAD_FILLS = `-- stored fills with dates as text
SELECT fill_id, patient_id, drug_name, drug_class, strftime(fill_date, '%Y-%m-%d') AS fill_date, days_supply FROM fills`;

export async function loadAll(db: Db) {
	return {
		interactions: await db.all<RefInteraction>(LOAD_INTERACTIONS),
		surveys: await db.all<RefSurvey>(LOAD_SURVEYS),
		fills: await db.all<RefFill>(LOAD_FILLS)
	};
}

/** Differences between actual and expected (numbers to 1e-9), as readable lines. */
export function diff(actual: unknown, expected: unknown, path = ''): string[] {
	if (typeof expected === 'number' && typeof actual === 'number')
		return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
			? []
			: [`${path}: ${actual} ≠ ${expected}`];
	if (expected === null || typeof expected !== 'object')
		return actual === expected
			? []
			: [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual) || actual.length !== expected.length)
			return [
				`${path}: length ${Array.isArray(actual) ? actual.length : 'n/a'} ≠ ${expected.length}`
			];
		return expected.flatMap((e, i) => diff(actual[i], e, `${path}[${i}]`));
	}
	if (actual === null || typeof actual !== 'object')
		return [`${path}: ${JSON.stringify(actual)} is not an object`];
	return Object.entries(expected).flatMap(([k, v]) =>
		diff((actual as Record<string, unknown>)[k], v, `${path}.${k}`)
	);
}

/** Runs every --by and adherence on the DB, returning the differences. */
export async function crossCheck(db: Db, from: string, to: string, afrom: string, ato: string) {
	const data = await loadAll(db);
	const f = parseTimestamp(from)!;
	const t = parseTimestamp(to)!;
	const out: string[] = [];
	for (const by of [undefined, ...BYS]) {
		const actual = await computeKpis(db, { from: f, to: t, by });
		const ref = refKpis(
			data.interactions,
			data.surveys,
			f.getTime() * 1000,
			t.getTime() * 1000,
			by
		);
		out.push(...diff(actual, ref, `kpis[${by ?? '-'}]`));
	}
	const adh = await computeAdherence(db, { from: afrom, to: ato, patients: true });
	out.push(...diff(adh, refAdherence(data.fills, data.interactions, afrom, ato), 'adherence'));
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const args = process.argv.slice(2);
	const opt = (n: string) => args[args.indexOf(`--${n}`) + 1];
	const paths = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
	const db = await createTestDb();
	const { files } = await ingestPaths(db, paths, { importedBy: 'verify' });
	for (const file of files)
		console.error(file.name, file.read, file.accepted, file.rejected, file.error ?? '');
	const d = await crossCheck(db, opt('from'), opt('to'), opt('afrom'), opt('ato'));
	console.log(
		d.length ? d.slice(0, 80).join('\n') + `\n${d.length} differences` : 'no differences'
	);
	await db.close();
}
