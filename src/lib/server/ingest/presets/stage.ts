// The seam into the contract path: mapped records become the same batch the contract readers
// stage (`ing_stage`: line, raw, malformed, nonscalar, one text column per contract column), so
// the staging, rules and apply steps of ingest/ run unchanged. A value the mapping could not
// convert is listed in `nonscalar`, which the rules report as `invalid <column>`.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindSpec } from '../spec.ts';
import type { StagedRecord } from './engine.ts';

const q = (name: string) => `"${name}"`;

export async function stageRecords(
	conn: DuckDBConnection,
	spec: KindSpec,
	records: StagedRecord[]
): Promise<void> {
	const cols = spec.columns.map((c) => c.name);
	await conn.run(`-- mapped records with their source text, one text column per contract column
CREATE OR REPLACE TEMP TABLE ing_mapped (line INTEGER, raw VARCHAR, malformed BOOLEAN, invalid VARCHAR, ${cols
		.map((c) => `${q(c)} VARCHAR`)
		.join(', ')})`);
	const stage = await conn.createAppender('ing_mapped', 'main', 'temp');
	try {
		for (const r of records) {
			stage.appendInteger(r.line);
			stage.appendVarchar(r.raw);
			stage.appendBoolean(r.malformed);
			if (r.invalid.length) stage.appendVarchar(r.invalid.join('|'));
			else stage.appendNull();
			for (const c of cols) {
				const value = r.values[c]?.trim();
				if (!value) stage.appendNull();
				else stage.appendVarchar(value);
			}
			stage.endRow();
		}
		stage.flushSync();
	} finally {
		stage.closeSync();
	}
	await conn.run(`-- the batch the staging step types
CREATE OR REPLACE TEMP VIEW ing_stage AS
SELECT line, raw, malformed, string_split(invalid, '|') AS nonscalar, ${cols.map(q).join(', ')} FROM ing_mapped`);
}

/** Rows of text and booleans into a temp table (the Appender; never a loop of INSERTs). */
export async function appendTemp(
	conn: DuckDBConnection,
	table: string,
	rows: (string | boolean | null)[][]
): Promise<void> {
	const appender = await conn.createAppender(table, 'main', 'temp');
	try {
		for (const row of rows) {
			for (const cell of row) {
				if (cell === null) appender.appendNull();
				else if (typeof cell === 'boolean') appender.appendBoolean(cell);
				else appender.appendVarchar(cell);
			}
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}
