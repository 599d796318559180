// The queue pages' trust boundary: URL filters and form posts checked with valibot, loop errors
// mapped to one sentence and a status, and the list as CSV (exactly what the filters show).
import * as v from 'valibot';
import { parseId, readFormData } from '../http/input.ts';
import { CATEGORIES, SEVERITIES } from './categorize.ts';
import {
	TaskConflictError,
	TaskForbiddenError,
	TaskNotFoundError,
	TaskRuleError
} from './actions.ts';
import { STATUSES, type QueueFilter, type TaskSummary } from './queue.ts';

const oneOf = <T extends readonly string[]>(values: T) =>
	v.optional(v.union([v.literal(''), v.picklist(values)]), '');

const FilterSchema = v.object({
	kind: oneOf(['complaint', 'outreach'] as const),
	category: oneOf([...CATEGORIES, 'outreach'] as const),
	severity: oneOf(SEVERITIES),
	assignee: v.optional(v.pipe(v.string(), v.maxLength(200)), ''),
	status: oneOf(STATUSES)
});

export type UrlFilter = v.InferOutput<typeof FilterSchema>;

/** Unknown or malformed filter values fall back to "any" rather than failing the page. */
export function filterFromUrl(url: URL): { filter: QueueFilter; raw: UrlFilter } {
	const input: Record<string, string> = {};
	for (const key of ['kind', 'category', 'severity', 'assignee', 'status'])
		input[key] = url.searchParams.get(key) ?? '';
	const parsed = v.safeParse(FilterSchema, input);
	const raw: UrlFilter = parsed.success
		? parsed.output
		: { kind: '', category: '', severity: '', assignee: '', status: '' };
	return {
		raw,
		filter: {
			kind: raw.kind || null,
			category: raw.category || null,
			severity: raw.severity || null,
			assignee: raw.assignee || null,
			status: raw.status || 'active'
		}
	};
}

/** Form posts: every field a string ('' when absent). */
export async function formFields(
	request: Request
): Promise<{ get(name: string): string; all(name: string): string[] }> {
	const form = await readFormData(request);
	return {
		get: (name) => {
			const value = form.get(name);
			return typeof value === 'string' ? value.trim() : '';
		},
		all: (name) => form.getAll(name).filter((x): x is string => typeof x === 'string')
	};
}

export function intField(value: string, label: string): number {
	const n = parseId(value);
	if (n === null) throw new TaskRuleError(`${label} is missing; reload the page.`);
	return n;
}

/** "12:3" checkbox values from the bulk form → task id and the version the person saw. */
export function parseSelection(values: string[]): { id: number; version: number }[] {
	return values
		.map((s) => /^(\d+):(\d+)$/.exec(s))
		.map((m) => m && { id: parseId(m[1]), version: parseId(m[2]) })
		.filter(
			(x): x is { id: number; version: number } => !!x && x.id !== null && x.version !== null
		);
}

/** HTTP status and message for an expected failure; null for a bug (rethrow). */
export function describeFailure(err: unknown): { status: number; message: string } | null {
	if (err instanceof TaskConflictError) return { status: 409, message: err.message };
	if (err instanceof TaskRuleError) return { status: 400, message: err.message };
	if (err instanceof TaskForbiddenError) return { status: 403, message: err.message };
	if (err instanceof TaskNotFoundError) return { status: 404, message: err.message };
	return null;
}

const CSV_COLUMNS = [
	'id',
	'kind',
	'patient_id',
	'category',
	'severity',
	'queue',
	'status',
	'assignee',
	'opened_at',
	'due_at',
	'overdue',
	'attempts',
	'resolution',
	'outcome',
	'summary'
];

/** Quotes when needed and defuses spreadsheet formulas (summaries hold patients' own words). */
function cell(value: string | number | boolean | null): string {
	if (value === null) return '';
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tasksToCsv(rows: TaskSummary[], now: Date): string {
	const lines = [CSV_COLUMNS.join(',')];
	for (const t of rows) {
		lines.push(
			[
				t.id,
				t.kind,
				t.patientId,
				t.category,
				t.severity,
				t.queue,
				t.status,
				t.assigneeName,
				t.openedAt.toISOString(),
				t.dueAt.toISOString(),
				t.status !== 'closed' && t.dueAt < now,
				t.attempts,
				t.resolution,
				t.outcome,
				t.summary
			]
				.map(cell)
				.join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
