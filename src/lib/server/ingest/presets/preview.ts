// The Import page's mapping step: detect what a file is, map its first rows, and judge every
// cell with the contract's own rules (the same SQL an import runs, on temp tables only), so the
// preview shows exactly what an import would accept or reject.
import { isUtf8 } from 'node:buffer';
import { FileError } from '../read.ts';
import { MACROS_SQL, typedSelect } from '../rules.ts';
import { formatFromName, requiredColumns, sniffFormat, SPECS, KINDS, type Kind } from '../spec.ts';
import { all, type Db } from '../../db/index.ts';
import { applyMapping } from './engine.ts';
import {
	detectPreset,
	identityMapping,
	loadTable,
	PRESETS,
	readSource,
	resolveChoice,
	type SourceChoice
} from './index.ts';
import type { Mapping } from './mapping.ts';
import { ndcLookup, type NdcRow } from './ndc.ts';
import { stageRecords } from './stage.ts';

export const PREVIEW_ROWS = 20;

export interface PreviewCell {
	source: string | null;
	value: string | null;
	/** The contract's verdict: null when the value is accepted, else the reason. */
	problem: string | null;
}

export interface Preview {
	preset: string | null;
	presetLabel: string | null;
	kind: Kind;
	fields: string[];
	sheet: string | null;
	mapping: Mapping;
	columns: string[];
	rows: { line: number; legs: number; cells: Record<string, PreviewCell> }[];
	total: number;
}

const UNKNOWN = `The file matches no preset and lacks CareLoop's own columns: expected CareLoop's columns (for interactions: ${requiredColumns(SPECS.interactions).join(', ')}) or an export of ${PRESETS.map((p) => p.label).join(', ')}.`;

/** The contract kind whose required columns the file has, if any. */
function ownKind(fields: string[]): Kind | null {
	const have = new Set(fields.map((f) => f.toLowerCase()));
	return KINDS.find((k) => requiredColumns(SPECS[k]).every((c) => have.has(c))) ?? null;
}

async function detect(bytes: Uint8Array, format: ReturnType<typeof sniffFormat>, sheet?: string) {
	for (const wrapper of [undefined, 'conversations', 'tickets', 'satisfaction_ratings']) {
		const base = { kind: 'interactions' as Kind, wrapper, columns: {} };
		let table;
		try {
			table = await readSource(bytes, format, base, sheet);
		} catch (err) {
			if (wrapper === undefined && !(err instanceof FileError && /not an array/.test(err.message)))
				throw err;
			continue;
		}
		const preset = detectPreset(table.fields);
		if (preset) return { choice: { preset: preset.name, sheet } as SourceChoice };
		const kind = ownKind(table.fields);
		if (kind) return { choice: { mapping: identityMapping(kind), sheet } as SourceChoice };
		if (format !== 'json') break;
	}
	throw new FileError(UNKNOWN);
}

/** Detects (when no choice is given), maps and judges the first rows of an uploaded file. */
export async function previewFile(
	db: Db,
	file: { name: string; bytes: Uint8Array },
	given?: SourceChoice
): Promise<Preview> {
	const format = formatFromName(file.name) ?? sniffFormat(file.bytes);
	if (format === 'parquet')
		throw new FileError('The mapping step reads CSV, JSON, NDJSON or xlsx files.');
	if (format !== 'xlsx' && !isUtf8(file.bytes))
		throw new FileError('The file is not valid UTF-8 text: save it as UTF-8 and import it again.');
	const choice =
		given?.preset || given?.mapping
			? given
			: (await detect(file.bytes, format, given?.sheet)).choice;
	const { mapping, preset } = resolveChoice(choice);
	const table = await loadTable(file.bytes, format, mapping, preset, choice.sheet);
	const spec = SPECS[mapping.kind];
	return db.withConnection(async (conn) => {
		const needsNdc = Object.values(mapping.columns).some((r) => r.lookup);
		const ndc = needsNdc
			? ndcLookup(
					await all<NdcRow>(
						conn,
						'SELECT ndc, drug_name AS "drugName", drug_class AS "drugClass" FROM ndc_products'
					)
				)
			: undefined;
		// Legs and versions need the whole file; the preview shows the first rows after that.
		const mapped = applyMapping(table, mapping, { ndc }, PREVIEW_ROWS);
		const shown = mapped.records.slice(0, PREVIEW_ROWS);
		for (const sql of MACROS_SQL) await conn.run(sql);
		await stageRecords(conn, spec, shown);
		await conn.run(`-- the preview rows typed by the contract rules
CREATE OR REPLACE TEMP TABLE ing_typed AS ${typedSelect(spec)}`);
		const verdicts = await all<{ line: number; reasons: string[] }>(
			conn,
			'SELECT line, reasons FROM ing_typed'
		);
		const byLine = new Map(verdicts.map((v) => [v.line, [...v.reasons]]));
		const columns = spec.columns.map((c) => c.name);
		const rows = shown.map((r) => {
			const reasons = byLine.get(r.line) ?? [];
			const cells: Record<string, PreviewCell> = {};
			for (const c of columns) {
				const own = reasons.find((x) => x.endsWith(` ${c}`));
				const cell = r.cells[c];
				cells[c] = {
					source: cell?.source ?? null,
					value: r.values[c],
					problem: own ? (cell?.error ? `${own}: ${cell.error}` : own) : null
				};
			}
			if (r.malformed) cells[columns[0]].problem = 'malformed record';
			const rowWide = reasons.filter((x) => !columns.some((c) => x.endsWith(` ${c}`)));
			if (rowWide.length) cells[columns[0]].problem = rowWide.join('; ');
			return { line: r.line, legs: r.legs, cells };
		});
		return {
			preset: preset?.name ?? null,
			presetLabel: preset?.label ?? null,
			kind: mapping.kind,
			fields: table.fields,
			sheet: table.sheet ?? null,
			mapping,
			columns,
			rows,
			total: table.records.length
		};
	});
}
