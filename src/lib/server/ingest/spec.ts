// The data contract's kinds as data: columns, types, rules and keys. Every identifier that
// reaches SQL comes from these tables, never from a file's header or a request.
import { basename, extname } from 'node:path';
import { CHANNELS, DIRECTIONS } from '../../vocabulary.ts';

export const KINDS = [
	'interactions',
	'surveys',
	'transcripts',
	'fills',
	'agents',
	'patients'
] as const;
export type Kind = (typeof KINDS)[number];
export type Format = 'csv' | 'ndjson' | 'json' | 'parquet' | 'xlsx';

export type ColumnType =
	'string' | 'enum' | 'timestamp' | 'date' | 'integer' | 'number' | 'boolean';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	/** Null is `missing <name>`; a file without the column fails as a whole. */
	required?: boolean;
	/** Allowed values of an enum (already lower-case). */
	values?: readonly string[];
	/** Stored lower-cased (enums always are). */
	lower?: boolean;
	min?: number;
	max?: number;
	/** Value stored when the source is null (direction → inbound). */
	fallback?: string;
}

export interface KindSpec {
	kind: Kind;
	/** Table the rows land in (also the kind's name). */
	table: Kind;
	key: readonly string[];
	columns: readonly ColumnSpec[];
}

const SECONDS = { type: 'number', min: 0 } as const;

export const SPECS: Record<Kind, KindSpec> = {
	interactions: {
		kind: 'interactions',
		table: 'interactions',
		key: ['interaction_id'],
		columns: [
			{ name: 'interaction_id', type: 'string', required: true },
			{ name: 'started_at', type: 'timestamp', required: true },
			{
				name: 'channel',
				type: 'enum',
				required: true,
				values: [...CHANNELS]
			},
			{ name: 'direction', type: 'enum', values: [...DIRECTIONS], fallback: 'inbound' },
			{ name: 'patient_id', type: 'string' },
			// Required unless the disposition is abandoned: see AGENT_RULE in rules.ts.
			{ name: 'agent_id', type: 'string' },
			{ name: 'team', type: 'string' },
			{ name: 'reason', type: 'string', required: true, lower: true },
			{ name: 'queue_seconds', ...SECONDS },
			{ name: 'talk_seconds', ...SECONDS },
			{ name: 'hold_seconds', ...SECONDS },
			{ name: 'wrap_seconds', ...SECONDS },
			{
				name: 'disposition',
				type: 'enum',
				required: true,
				values: ['resolved', 'unresolved', 'escalated', 'transferred', 'callback', 'abandoned']
			},
			{ name: 'campaign', type: 'string', lower: true },
			{
				name: 'outcome',
				type: 'enum',
				values: ['reached', 'voicemail', 'no_answer', 'refill_requested', 'declined']
			}
		]
	},
	surveys: {
		kind: 'surveys',
		table: 'surveys',
		key: ['survey_id'],
		columns: [
			{ name: 'survey_id', type: 'string', required: true },
			{ name: 'interaction_id', type: 'string' },
			{ name: 'patient_id', type: 'string' },
			{ name: 'submitted_at', type: 'timestamp', required: true },
			{ name: 'csat', type: 'integer', min: 1, max: 5 },
			{ name: 'nps', type: 'integer', min: 0, max: 10 },
			{ name: 'ces', type: 'integer', min: 1, max: 7 },
			{ name: 'resolved', type: 'boolean' },
			{ name: 'comment', type: 'string' }
		]
	},
	transcripts: {
		kind: 'transcripts',
		table: 'transcripts',
		key: ['interaction_id', 'turn'],
		columns: [
			{ name: 'interaction_id', type: 'string', required: true },
			// No upper bound in the contract; 2^53 − 1 keeps every turn exact as a JS number.
			{ name: 'turn', type: 'integer', required: true, min: 0, max: Number.MAX_SAFE_INTEGER },
			{ name: 'speaker', type: 'enum', required: true, values: ['agent', 'patient', 'system'] },
			{ name: 'offset_seconds', ...SECONDS },
			{ name: 'text', type: 'string', required: true }
		]
	},
	fills: {
		kind: 'fills',
		table: 'fills',
		key: ['fill_id'],
		columns: [
			{ name: 'fill_id', type: 'string', required: true },
			{ name: 'patient_id', type: 'string', required: true },
			{ name: 'drug_name', type: 'string', required: true, lower: true },
			{ name: 'drug_class', type: 'enum', values: ['diabetes', 'ras', 'statin', 'other'] },
			{ name: 'fill_date', type: 'date', required: true },
			{ name: 'days_supply', type: 'integer', required: true, min: 1, max: 365 },
			{ name: 'quantity', type: 'number' },
			{ name: 'store', type: 'string' }
		]
	},
	// The agent roster: names beside ids on pages, exports and the CLI. Null active = active.
	agents: {
		kind: 'agents',
		table: 'agents',
		key: ['agent_id'],
		columns: [
			{ name: 'agent_id', type: 'string', required: true },
			{ name: 'name', type: 'string', required: true },
			{ name: 'team', type: 'string' },
			{ name: 'site', type: 'string' },
			{ name: 'active', type: 'boolean' }
		]
	},
	// Optional: who a patient id is, for the staff who call them. Phone is kept as written.
	patients: {
		kind: 'patients',
		table: 'patients',
		key: ['patient_id'],
		columns: [
			{ name: 'patient_id', type: 'string', required: true },
			{ name: 'name', type: 'string' },
			{ name: 'phone', type: 'string' },
			{ name: 'date_of_birth', type: 'date' }
		]
	}
};

/** Columns a file must have (by header or schema) or it fails as a whole. */
export function requiredColumns(spec: KindSpec): string[] {
	return spec.columns.filter((c) => c.required).map((c) => c.name);
}

export function isKind(value: string): value is Kind {
	return (KINDS as readonly string[]).includes(value);
}

/** Kind from the start of the base name, case-insensitive; null when none matches. */
export function kindFromName(path: string): Kind | null {
	const name = basename(path).toLowerCase();
	return KINDS.find((k) => name.startsWith(k)) ?? null;
}

/** Format from the extension; null means "look at the content" (see sniffFormat). */
export function formatFromName(path: string): Format | null {
	const ext = extname(path).toLowerCase();
	if (ext === '.csv' || ext === '.txt') return 'csv';
	if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
	if (ext === '.json') return 'json';
	if (ext === '.parquet') return 'parquet';
	if (ext === '.xlsx') return 'xlsx';
	return null;
}

/** Parquet and xlsx (a zip) by magic number, JSON by its first character, CSV otherwise. */
export function sniffFormat(bytes: Uint8Array): Format {
	if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1')
		return 'parquet';
	if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PK\x03\x04')
		return 'xlsx';
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (
		i < bytes.length &&
		(bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
	)
		i++;
	if (bytes[i] === 0x5b) return 'json';
	if (bytes[i] === 0x7b) return 'ndjson';
	return 'csv';
}
