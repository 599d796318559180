// What a preset is: a named mapping for one vendor export, the fields that identify the export,
// and (for nested JSON) a step that flattens each record into fields the mapping can name.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Mapping } from './mapping.ts';
import type { SourceFormat, SourceTable } from './source.ts';

export interface Preset {
	name: string;
	label: string;
	formats: readonly SourceFormat[];
	/** Source fields that identify the export: all present → detected; any absent → wrong file. */
	signature: readonly string[];
	/** What the file must look like, in one sentence. */
	expects: string;
	mapping: Mapping;
	/** Nested records → flat fields (derived fields are added to each record's values). */
	prepare?(table: SourceTable): SourceTable;
	/** Extra facts the contract has no column for, written in the file's transaction. */
	afterApply?(conn: DuckDBConnection, table: SourceTable, importId: number): Promise<void>;
}
