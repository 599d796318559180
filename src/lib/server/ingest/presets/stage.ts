// The seam into the contract path: mapped records become the same staging relations the
// contract readers make (`ing_stage`: line, malformed, nonscalar, one text column per contract
// column; `ing_raw`: line, raw), so rules.ts and apply.ts run unchanged. A value the mapping could
// not convert is listed in `nonscalar`, which the rules report as `invalid <column>`.
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
	await conn.run(`-- mapped records, one text column per contract column
CREATE OR REPLACE TEMP TABLE ing_mapped (line INTEGER, malformed BOOLEAN, invalid VARCHAR, ${cols
		.map((c) => `${q(c)} VARCHAR`)
		.join(', ')})`);
	await conn.run(`-- the source text of each mapped record, for rejects
CREATE OR REPLACE TEMP TABLE ing_raw (line INTEGER, raw VARCHAR)`);
	const stage = await conn.createAppender('ing_mapped', 'main', 'temp');
	const raw = await conn.createAppender('ing_raw', 'main', 'temp');
	try {
		for (const r of records) {
			stage.appendInteger(r.line);
			stage.appendBoolean(r.malformed);
			if (r.invalid.length) stage.appendVarchar(r.invalid.join('|'));
			else stage.appendNull();
			for (const c of cols) {
				const value = r.values[c]?.trim();
				if (!value) stage.appendNull();
				else stage.appendVarchar(value);
			}
			stage.endRow();
			raw.appendInteger(r.line);
			raw.appendVarchar(r.raw);
			raw.endRow();
		}
		stage.flushSync();
		raw.flushSync();
	} finally {
		stage.closeSync();
		raw.closeSync();
	}
	await conn.run(`-- the staging view the contract rules read
CREATE OR REPLACE TEMP VIEW ing_stage AS
SELECT line, malformed, string_split(invalid, '|') AS nonscalar, ${cols.map(q).join(', ')} FROM ing_mapped`);
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
