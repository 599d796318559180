// Dashboards are read far more often than the data changes, and the KPI engine's full Overview set
// takes longer than a page may wait. So engine results are memoised per database, keyed by what
// they depend on: the contract tables' row counts, the import log, targets and drug classes, and
// the background jobs' finished steps, and the sentiment scores, model and corrections. Any import,
// --replace or target change moves the version and empties the cache, and so does each step of the
// job that follows an import (it writes the facts, scores and tasks pages read after the import
// itself has returned), a rescore or a QA lead's sentiment correction; a settings change empties it
// through the registry's onSettingsChanged hook.
import type { Db } from '../db/index.ts';
import { onSettingsChanged } from '../settings/index.ts';

const MAX_ENTRIES = 200;

// Each input's aggregates as one small query; a change in any of them invalidates cached figures.
const PARTS = [
	'SELECT count(*) AS interactions FROM interactions',
	'SELECT count(*) AS surveys FROM surveys',
	'SELECT count(*) AS fills FROM fills',
	'SELECT count(*) AS imports, max(import_id) AS last_import FROM import_log',
	'SELECT count(*) AS targets, max(updated_at) AS targets_at FROM kpi_targets',
	'SELECT count(*) AS classes, max(updated_at) AS classes_at FROM drug_classes',
	'SELECT count(*) AS scores, max(scored_at) AS scored_at FROM sentiment_scores',
	'SELECT count(*) AS models, max(activated_at) AS model_at FROM sentiment_model',
	'SELECT count(*) AS corrections FROM sentiment_corrections',
	'SELECT count(*) AS jobs, coalesce(sum(len(steps_done)), 0) AS job_steps, count(finished_at) AS jobs_ended FROM jobs'
];

// One row per input, stacked with UNION ALL: joined side by side (or as scalar subqueries) DuckDB
// planned ten of them into 100–300 ms on a busy machine, against a few ms stacked.
const VERSION = `-- everything cached figures depend on, one JSON row per input
${PARTS.map((p, i) => `SELECT ${i} AS part, to_json(x)::VARCHAR AS v FROM (${p}) x`).join('\nUNION ALL\n')}
ORDER BY part`;

interface Store {
	version: string;
	entries: Map<string, Promise<unknown>>;
}

const stores = new WeakMap<Db, Store>();

export async function dataVersion(db: Db): Promise<string> {
	const rows = await db.all<{ v: string }>(VERSION);
	return rows.map((r) => r.v).join('\n');
}

/** The engine result for `key` at the current data version; computed once, shared by concurrent loads. */
export async function cached<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
	const version = await dataVersion(db);
	let store = stores.get(db);
	if (!store || store.version !== version) {
		store = { version, entries: new Map() };
		stores.set(db, store);
	}
	const hit = store.entries.get(key);
	if (hit) {
		// Refresh recency so the oldest entry is the one evicted.
		store.entries.delete(key);
		store.entries.set(key, hit);
		return hit as Promise<T>;
	}
	const entries = store.entries;
	const promise = compute();
	entries.set(key, promise);
	promise.catch(() => entries.delete(key));
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	return promise;
}

/** Forget every cached result of this database (benchmarks measure cold loads with it). */
export function clearCache(db: Db): void {
	stores.delete(db);
}

onSettingsChanged((db) => clearCache(db));
