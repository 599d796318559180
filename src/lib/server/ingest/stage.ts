// The seam between readers and the contract rules.
//
// A reader (read.ts for CSV, NDJSON, JSON and Parquet; a preset or mapping layer likewise) hands
// over a file one batch at a time as the temporary relation `ing_stage` on the import's
// connection, with these columns:
//   line       INTEGER    1-based physical line where the record starts (JSON: element index)
//   raw        VARCHAR    the record's exact source text (for rejects)
//   malformed  BOOLEAN    the record cannot be a row (wrong field count, not an object …)
//   nonscalar  VARCHAR[]  columns that held an array or object (JSON); NULL otherwise
//   one VARCHAR per contract column (spec.ts), trimmed source text, empty → NULL
// Readers that build records in JavaScript can call stageRecords() to write that relation.
//
// Each batch is typed by the contract rules (rules.ts) and appended to the file's staging table,
// a temporary table on the import's connection: nothing reaches the contract tables until the
// file's single final transaction (apply.ts) moves it over, and the staging rows are written
// once, uncompressed, with no log (a real table cost a compressed, logged write of every row
// before the move wrote them again). DuckDB spills temporary tables to its temp directory under
// the import's memory cap (file.ts), so memory stays bounded whatever the file's size. A
// staging table goes with its connection; earlier versions staged in real tables of the
// `ingest_stage` schema, and any such table left by a process that died is dropped at start.
import type { DuckDBConnection } from '@duckdb/node-api';
import { all, type Db } from '../db/index.ts';
import { typedSelect } from './rules.ts';
import type { KindSpec } from './spec.ts';

export const STAGE_SCHEMA = 'ingest_stage';

let counter = 0;

/** A fresh staging table name (identifiers are ours: the temp catalog and a counter). */
export function newStagingName(): string {
	counter += 1;
	return `temp.main.ing_file_${counter}`;
}

/** Creates the staging table for one file (empty, with the typed columns). */
export async function createStagingTable(
	conn: DuckDBConnection,
	name: string,
	spec: KindSpec
): Promise<void> {
	await conn.run(EMPTY_STAGE_SQL(spec));
	await conn.run(`-- the file's typed rows, batch by batch
CREATE TEMP TABLE ${name} AS ${typedSelect(spec)} LIMIT 0`);
}

/** Types the batch in ing_stage and appends it; returns its row count. */
export async function appendBatch(
	conn: DuckDBConnection,
	name: string,
	spec: KindSpec
): Promise<number> {
	const reader =
		await conn.runAndReadAll(`-- type one staged batch by the contract rules and keep it
INSERT INTO ${name} ${typedSelect(spec)}`);
	// An INSERT answers with one row: how many rows it wrote.
	return Number(reader.getRows()[0]?.[0] ?? 0);
}

const STAGE_OBJECTS = `-- staging tables and views left in the schema of earlier versions
SELECT table_name AS name, 'TABLE' AS type FROM duckdb_tables() WHERE schema_name = $schema AND database_name = current_database()
UNION ALL
SELECT view_name, 'VIEW' FROM duckdb_views() WHERE schema_name = $schema AND database_name = current_database()`;

/** Drops every staging object: at start-up, any that exists belongs to a process that died. */
export async function dropOrphanStaging(db: Db): Promise<number> {
	return db.withConnection(async (conn) => {
		const objects = await all<{ name: string; type: string }>(conn, STAGE_OBJECTS, {
			schema: STAGE_SCHEMA
		});
		let dropped = 0;
		// Classifications (views over the rows) first, then the rows.
		for (const o of objects.sort((a, b) => b.name.length - a.name.length)) {
			// Only names this module made are ever spliced into the DROP.
			if (!/^file_\d+_\d+(_class)?$/.test(o.name)) continue;
			await conn.run(
				`DROP ${o.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${STAGE_SCHEMA}.${o.name}`
			);
			dropped++;
		}
		return dropped;
	});
}

const IS_TEMP_VIEW = `-- is the classification a view (first load) or a table?
SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE database_name = 'temp' AND view_name = $name`;

/** Drops one file's staging table and its classification (a view or a table), at once. */
export async function dropStaging(conn: DuckDBConnection, name: string): Promise<void> {
	const cls = `${name}_class`;
	const [view] = await all<{ n: number }>(conn, IS_TEMP_VIEW, {
		name: cls.slice(cls.lastIndexOf('.') + 1)
	});
	await conn.run(`DROP ${view.n > 0 ? 'VIEW' : 'TABLE'} IF EXISTS ${cls}`);
	await conn.run(`DROP TABLE IF EXISTS ${name}`);
}

const EMPTY_STAGE_SELECT = (spec: KindSpec) =>
	`SELECT 0 AS line, '' AS raw, false AS malformed, NULL::VARCHAR[] AS nonscalar,
	${spec.columns.map((c) => `NULL::VARCHAR AS "${c.name}"`).join(', ')} LIMIT 0`;

/** An empty batch (an empty file reads 0 rows). ing_stage is always a view. */
export const EMPTY_STAGE_SQL = (spec: KindSpec) => `-- an empty batch
CREATE OR REPLACE TEMP VIEW ing_stage AS ${EMPTY_STAGE_SELECT(spec)}`;

export interface StagedRecord {
	line: number;
	raw: string;
	malformed?: boolean;
	/** Contract column → source text (trimmed by the rules; empty and missing are null). */
	fields: Record<string, string | null | undefined>;
}

/** Writes records built in JavaScript as the batch ing_stage (through the Appender). */
export async function stageRecords(
	conn: DuckDBConnection,
	spec: KindSpec,
	records: readonly StagedRecord[]
): Promise<void> {
	await conn.run(`-- the batch's records, appended from JavaScript
CREATE OR REPLACE TEMP TABLE ing_js_records AS SELECT * FROM (${EMPTY_STAGE_SELECT(spec)})`);
	await conn.run('CREATE OR REPLACE TEMP VIEW ing_stage AS SELECT * FROM ing_js_records');
	const appender = await conn.createAppender('ing_js_records', 'main', 'temp');
	for (const r of records) {
		appender.appendInteger(r.line);
		appender.appendVarchar(r.raw);
		appender.appendBoolean(r.malformed ?? false);
		appender.appendNull();
		for (const c of spec.columns) {
			const v = r.fields[c.name];
			if (v === null || v === undefined) appender.appendNull();
			else appender.appendVarchar(v);
		}
		appender.endRow();
	}
	appender.flushSync();
	appender.closeSync();
}
