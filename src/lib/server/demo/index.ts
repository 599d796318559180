// `careloop demo`: a seeded synthetic pharmacy contact centre written in the data contract's
// formats, mixed on purpose (CSV, NDJSON, a JSON array) so an import exercises every reader.
// Deterministic for a seed and end date: every draw comes from named sfc32 streams (random.ts),
// rows are ordered by time with ids given in that order, and no clock is read except for the
// default end date. Bad rows (bad-rows.ts) give the Import page's rejects something to show.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAgents, createPatients } from './world.ts';
import { generateFills, FILL_COLUMNS, fillRecord } from './fills.ts';
import { generateInbound } from './inbound.ts';
import { generateOutbound } from './outbound.ts';
import { generateSurveys, SURVEY_COLUMNS, surveyRecord } from './surveys.ts';
import { generateTranscripts, TRANSCRIPT_COLUMNS, turnRecord } from './transcripts.ts';
import { generateMessages } from './messages.ts';
import { PATIENT_COLUMNS, patientRecords } from './patients.ts';
import { INTERACTION_COLUMNS, interactionRecord } from './story.ts';
import { buildBadRows, interleave } from './bad-rows.ts';
import {
	DAY_MS,
	formatDay,
	parseDay,
	todayUtc,
	toCsv,
	toJsonArray,
	toNdjson,
	type Row
} from './format.ts';

export interface DemoOptions {
	days: number;
	seed: number;
	out: string;
	/** Last day of data, `YYYY-MM-DD` (UTC); default today's UTC date. */
	end?: string;
	/**
	 * The moment the data stops (epoch ms, within the last day): contacts after it are left out,
	 * so a demo written at setup ends now rather than at midnight. Default: the end of the day.
	 */
	until?: number;
	onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
	files: string[];
	/** Rows written per file name (bad rows included), plus `bad_rows`. */
	counts: Record<string, number>;
}

export const DEMO_FILES = {
	interactions: 'interactions.csv',
	outbound: 'interactions-outbound.json',
	surveys: 'surveys.ndjson',
	transcripts: 'transcripts.csv',
	messages: 'transcripts-messages.csv',
	fills: 'fills.csv',
	patients: 'patients.csv'
} as const;

const STEPS = 7;

export async function generateDemo(opts: DemoOptions): Promise<DemoResult> {
	const { days, seed } = opts;
	if (!Number.isInteger(days) || days < 1 || days > 3650) {
		throw new Error(`days must be a whole number from 1 to 3650, not ${days}.`);
	}
	if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number, not ${seed}.`);
	const end = opts.end === undefined ? todayUtc() : parseDay(opts.end);
	if (end === null) throw new Error(`end must be a calendar date YYYY-MM-DD, not "${opts.end}".`);
	const start = end - days + 1;
	let step = 0;
	const progress = () => opts.onProgress?.(++step, STEPS);

	const agents = createAgents(seed);
	const patients = createPatients(seed);
	progress();
	const { fills, reminders } = generateFills(seed, { end, contactStart: start });
	progress();
	const lastInstant = Math.min((end + 1) * DAY_MS - 1000, opts.until ?? Infinity);
	const inbound = generateInbound(seed, { start, days }, agents).filter((c) => c.at <= lastInstant);
	const outbound = generateOutbound(seed, { start, days }, agents, reminders).filter(
		(c) => c.at <= lastInstant
	);
	progress();

	const drugsOf = new Map<string, string[]>();
	for (const f of fills) {
		const list = drugsOf.get(f.patientId) ?? drugsOf.set(f.patientId, []).get(f.patientId)!;
		if (!list.includes(f.drug)) list.push(f.drug);
	}
	const surveys = generateSurveys(seed, inbound, patients, drugsOf, lastInstant);
	progress();
	const turns = generateTranscripts(seed, inbound, patients, drugsOf, days);
	const messages = generateMessages(seed, inbound, patients, drugsOf);
	progress();

	const rows = {
		interactions: inbound.map(interactionRecord) as Row[],
		outbound: outbound.map(interactionRecord) as Row[],
		surveys: surveys.map(surveyRecord) as Row[],
		transcripts: turns.map(turnRecord) as Row[],
		messages: messages.map(turnRecord) as Row[],
		patients: patientRecords(seed, patients) as Row[],
		fills: fills.map(fillRecord) as Row[]
	};
	const interactionTemplate = inbound.find((c) => c.disposition === 'resolved') ?? inbound[0];
	const bad = buildBadRows(
		{
			interaction: interactionRecord(interactionTemplate),
			outbound: outbound.length
				? interactionRecord(outbound[0])
				: { ...interactionRecord(inbound[0]), direction: 'outbound' },
			// A one-day run can lack surveys or transcripts: the bad rows then start from stand-ins.
			survey: surveys.length
				? surveyRecord(surveys[0])
				: { survey_id: '', submitted_at: `${formatDay(end)}T12:00:00Z`, csat: 4, comment: null },
			turn: turns.length
				? turnRecord(turns[0])
				: { interaction_id: interactionTemplate.id, turn: 0, speaker: 'agent', text: 'Hello.' },
			fill: fillRecord(fills[0])
		},
		Number(formatDay(end).slice(0, 4))
	);
	progress();

	await mkdir(opts.out, { recursive: true });
	const write = async (name: string, text: string) => {
		await writeFile(join(opts.out, name), text, 'utf8');
		return join(opts.out, name);
	};
	const merged = {
		interactions: interleave(rows.interactions, bad.interactions),
		outbound: interleave(rows.outbound, bad.outbound),
		surveys: interleave(rows.surveys, bad.surveys),
		transcripts: interleave(rows.transcripts, bad.transcripts),
		messages: rows.messages,
		patients: rows.patients,
		fills: interleave(rows.fills, bad.fills)
	};
	const files = await Promise.all([
		write(DEMO_FILES.interactions, toCsv(INTERACTION_COLUMNS, merged.interactions)),
		write(DEMO_FILES.outbound, toJsonArray(INTERACTION_COLUMNS, merged.outbound)),
		write(DEMO_FILES.surveys, toNdjson(SURVEY_COLUMNS, merged.surveys)),
		write(DEMO_FILES.transcripts, toCsv(TRANSCRIPT_COLUMNS, merged.transcripts)),
		write(DEMO_FILES.messages, toCsv(TRANSCRIPT_COLUMNS, merged.messages)),
		write(DEMO_FILES.fills, toCsv(FILL_COLUMNS, merged.fills)),
		write(DEMO_FILES.patients, toCsv(PATIENT_COLUMNS, merged.patients))
	]);
	progress();

	const counts: Record<string, number> = {};
	for (const key of Object.keys(DEMO_FILES) as (keyof typeof DEMO_FILES)[]) {
		counts[DEMO_FILES[key]] = merged[key].length;
	}
	counts.bad_rows = Object.values(bad).reduce((n, list) => n + list.length, 0);
	return { files, counts };
}
