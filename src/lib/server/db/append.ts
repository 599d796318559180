// JS-built rows go into DuckDB through the Appender (never a loop of INSERTs). Values are typed by
// their JS type; the column order is the table's.
import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Cell } from './store.ts';

export async function appendRows(
	conn: DuckDBConnection,
	table: string,
	rows: Cell[][]
): Promise<void> {
	if (rows.length === 0) return;
	const appender = await conn.createAppender(table);
	try {
		for (const row of rows) {
			for (const cell of row) {
				if (cell === null) appender.appendNull();
				else if (typeof cell === 'string') appender.appendVarchar(cell);
				else if (typeof cell === 'boolean') appender.appendBoolean(cell);
				else if (typeof cell === 'number') appender.appendInteger(cell);
				else appender.appendTimestamp(new DuckDBTimestampValue(BigInt(cell.getTime()) * 1000n));
			}
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}
