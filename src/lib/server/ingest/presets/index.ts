// Import presets and mappings: a layer in front of the data contract. It reads a vendor file
// (CSV, JSON, NDJSON, xlsx) into source records, maps them onto contract columns, and stages them
// where the contract readers would (stage.ts); rules.ts and apply.ts then run unchanged, inside
// the file's one transaction. Used by ingest/index.ts through `openSource`, by the Import page's
// mapping step through `previewFile`, and by `careloop ingest --preset NAME | --mapping FILE`.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Counts } from '../apply.ts';
import { FileError } from '../read.ts';
import { SPECS, requiredColumns, type Format, type Kind, type KindSpec } from '../spec.ts';
import { all, type Db } from '../../db/index.ts';
import { amazonConnect } from './amazon-connect.ts';
import { applyMapping, missingFields, type MapContext, type MapResult } from './engine.ts';
import { five9 } from './five9.ts';
import { genesys } from './genesys.ts';
import { parseMapping, type Mapping } from './mapping.ts';
import { ncpdp } from './ncpdp.ts';
import { ndcLookup, type NdcRow } from './ndc.ts';
import { niceCxone } from './nice-cxone.ts';
import { qualtrics } from './qualtrics.ts';
import { readCsv, readJson, readNdjson, type SourceTable } from './source.ts';
import { appendTemp, stageRecords } from './stage.ts';
import type { Preset } from './types.ts';
import { readXlsx } from './xlsx.ts';
import { zendeskSatisfaction, zendeskTickets } from './zendesk.ts';

export type { Preset } from './types.ts';
export type { Mapping } from './mapping.ts';
export { parseMapping } from './mapping.ts';

export const PRESETS: readonly Preset[] = [
	amazonConnect,
	genesys,
	niceCxone,
	five9,
	zendeskTickets,
	zendeskSatisfaction,
	qualtrics,
	ncpdp
];

export const getPreset = (name: string) => PRESETS.find((p) => p.name === name) ?? null;

/** How to read a file: a preset by name or a mapping (a preset's, edited, or a site's own). */
export interface SourceChoice {
	preset?: string;
	mapping?: Mapping;
	/** The xlsx sheet to read (default: the first). */
	sheet?: string;
	/** Overrides the mapping's source time zone. */
	sourceTimeZone?: string;
}

/** What ingest/index.ts needs to stage and land one mapped file. */
export interface Stager {
	kind: Kind;
	stage(conn: DuckDBConnection): Promise<void>;
	/** In the file's transaction, after its rows landed: reversals, extra facts, the record. */
	afterApply(conn: DuckDBConnection, importId: number, counts: Counts): Promise<Counts>;
	report: { preset: string | null; sheet: string | null; merged: number; reversed: number };
}

/** The contract's own columns read by name: a plain xlsx (or a mapping's starting point). */
export function identityMapping(kind: Kind): Mapping {
	const spec = SPECS[kind];
	return {
		kind,
		optional: spec.columns.filter((c) => !c.required).map((c) => c.name),
		columns: Object.fromEntries(spec.columns.map((c) => [c.name, { from: c.name }]))
	};
}

export async function readSource(
	bytes: Uint8Array,
	format: Format,
	mapping: Mapping | null,
	sheet?: string
): Promise<SourceTable> {
	const headerRows = mapping?.headerRows ?? 1;
	if (format === 'xlsx') return readXlsx(bytes, sheet, headerRows);
	if (format === 'parquet')
		throw new FileError('Presets and mappings read CSV, JSON, NDJSON or xlsx files, not Parquet.');
	const text = Buffer.from(bytes).toString('utf8');
	if (format === 'json') return readJson(text, mapping?.wrapper);
	if (format === 'ndjson') return readNdjson(text);
	return readCsv(text, headerRows);
}

const lower = (s: string) => s.toLowerCase();

/** The preset whose signature fields the file has (the most specific when several do). */
export function detectPreset(fields: string[]): Preset | null {
	const have = new Set(fields.map(lower));
	const hits = PRESETS.filter((p) => p.signature.every((f) => have.has(lower(f))));
	return hits.sort((a, b) => b.signature.length - a.signature.length)[0] ?? null;
}

const quoteList = (xs: string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Resolves the choice to a mapping and the preset behind it; throws FileError for bad choices. */
export function resolveChoice(choice: SourceChoice): { mapping: Mapping; preset: Preset | null } {
	let mapping = choice.mapping ?? null;
	const preset = getPreset(choice.preset ?? mapping?.preset ?? '');
	if (choice.preset && !preset) {
		throw new FileError(
			`There is no preset "${choice.preset}"; the presets are ${PRESETS.map((p) => p.name).join(', ')}.`
		);
	}
	mapping ??= preset!.mapping;
	if (choice.sourceTimeZone) mapping = { ...mapping, sourceTimeZone: choice.sourceTimeZone };
	try {
		return { mapping: parseMapping(mapping), preset };
	} catch (err) {
		throw new FileError((err as Error).message);
	}
}

/** Reads, prepares and checks a file for a mapping: a wrong file fails whole, in one sentence. */
export async function loadTable(
	bytes: Uint8Array,
	format: Format,
	mapping: Mapping,
	preset: Preset | null,
	sheet?: string
): Promise<SourceTable> {
	if (preset && !preset.formats.includes(format as never)) {
		throw new FileError(
			`The ${preset.label} preset reads ${preset.formats.join(', ')} files, not ${format}.`
		);
	}
	let table = await readSource(bytes, format, mapping, sheet);
	if (preset?.prepare) table = preset.prepare(table);
	if (table.records.length === 0 && table.fields.length === 0) return table;
	const have = new Set(table.fields.map(lower));
	const lacking = preset ? preset.signature.filter((f) => !have.has(lower(f))) : [];
	if (preset && lacking.length > 0) {
		throw new FileError(
			`The file does not look like ${preset.label}: it lacks ${quoteList(lacking)} (expected ${preset.expects}).`
		);
	}
	const missing = missingFields(mapping, table.fields);
	if (missing.length > 0) {
		const required = new Set(requiredColumns(SPECS[mapping.kind]));
		const plain = !preset && !mapping.preset && missing.every((m) => required.has(m));
		throw new FileError(
			plain
				? `The file lacks the required ${mapping.kind} column${missing.length > 1 ? 's' : ''} ${quoteList(missing)}.`
				: `The file lacks the column${missing.length > 1 ? 's' : ''} ${quoteList(missing)} that the mapping reads.`
		);
	}
	return table;
}

/** The kind of rows a choice makes (the CLI and the page pass it on as the file's kind). */
export function choiceKind(choice: SourceChoice): Kind {
	return resolveChoice(choice).mapping.kind;
}

/** The NDC table, when the mapping looks values up in it. */
async function contextFor(conn: DuckDBConnection, mapping: Mapping): Promise<MapContext> {
	if (!Object.values(mapping.columns).some((r) => r.lookup)) return {};
	const rows = await all<NdcRow>(
		conn,
		'SELECT ndc, drug_name AS "drugName", drug_class AS "drugClass" FROM ndc_products'
	);
	return { ndc: ndcLookup(rows) };
}

const SOURCE_LOG_SQL = `-- what the import was read with
INSERT INTO import_sources (import_id, preset, mapping_name, mapping, sheet, merged, reversed)
VALUES ($importId, $preset, $name, $mapping, $sheet, $merged, $reversed)`;

/**
 * The stager for one file, or null when the contract's own readers take it (no preset or
 * mapping, and not an xlsx). Throws FileError for a wrong file or a bad mapping.
 */
export async function openSource(
	db: Db,
	bytes: Uint8Array,
	format: Format,
	kind: Kind,
	choice: SourceChoice | undefined
): Promise<Stager | null> {
	if (!choice?.preset && !choice?.mapping && format !== 'xlsx') return null;
	const { mapping, preset } =
		choice?.preset || choice?.mapping
			? resolveChoice(choice)
			: { mapping: identityMapping(kind), preset: null };
	if (mapping.kind !== kind)
		throw new FileError(
			`The mapping makes ${mapping.kind} rows, but the file was given as ${kind}.`
		);
	const table = await loadTable(bytes, format, mapping, preset, choice?.sheet);
	const result: MapResult = await db.withConnection(async (conn) =>
		applyMapping(table, mapping, await contextFor(conn, mapping), 0)
	);
	const spec: KindSpec = SPECS[mapping.kind];
	return {
		kind: mapping.kind,
		stage: (conn) => stageRecords(conn, spec, result.records),
		async afterApply(conn, importId, counts) {
			if (result.reversedKeys.length > 0) {
				await conn.run('CREATE OR REPLACE TEMP TABLE ing_reversed (k VARCHAR)');
				await appendTemp(
					conn,
					'ing_reversed',
					result.reversedKeys.map((k) => [k])
				);
				await conn.run(`-- reversals remove the fill they reverse
DELETE FROM "${spec.table}" WHERE "${spec.key[0]}" IN (SELECT k FROM ing_reversed)`);
			}
			await preset?.afterApply?.(conn, table, importId);
			await conn.run(SOURCE_LOG_SQL, {
				importId,
				preset: preset?.name ?? null,
				name: mapping.name ?? null,
				mapping: choice?.mapping ? JSON.stringify(mapping) : null,
				sheet: table.sheet ?? null,
				merged: result.merged,
				reversed: result.reversed
			});
			return {
				...counts,
				read: counts.read + result.reversed,
				accepted: counts.accepted + result.reversed
			};
		},
		report: {
			preset: preset?.name ?? null,
			sheet: table.sheet ?? null,
			merged: result.merged,
			reversed: result.reversed
		}
	};
}
