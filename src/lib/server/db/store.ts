// The small interface modules write against, so a second store (for operational tables such as
// sessions or follow-ups) can sit beside DuckDB later: bound-parameter queries, bulk appends,
// transactions, and typed errors (errors.ts). The DuckDB store (index.ts) implements it.
import type { DuckDBValue } from '@duckdb/node-api';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

/** One appended value; its JS type decides the column type written (number → INTEGER). */
export type Cell = string | number | boolean | Date | null;

export interface Queries {
	/** Rows as plain objects (counts as numbers, never DuckDB values). */
	all<T extends object = Row>(sql: string, params?: Params): Promise<T[]>;
	one<T extends object = Row>(sql: string, params?: Params): Promise<T | null>;
	run(sql: string, params?: Params): Promise<unknown>;
	/** Rows built in code, in the table's column order: one bulk append, never a loop of INSERTs. */
	append(table: string, rows: Cell[][]): Promise<void>;
}

export interface Store extends Queries {
	/** All or nothing; errors come out as DbError kinds (a DbConflictError is worth a retry). */
	transaction<T>(fn: (tx: Queries) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}
