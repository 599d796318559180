// Test scaffolding: a fresh in-memory database and a temp folder to write small files into,
// both gone when the test finishes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Db } from '../db/index.ts';
import { createTestDb } from '../db/testing.ts';
import { ingestPaths, listRejects, type FileReport, type IngestOptions } from './index.ts';

export interface Bench {
	db: Db;
	dir: string;
	/** Writes a file into the temp folder and returns its path. */
	write(name: string, content: string | Uint8Array): string;
	/** Writes then imports one file; returns its report. */
	load(
		name: string,
		content: string | Uint8Array,
		opts?: Partial<IngestOptions>
	): Promise<FileReport>;
	ingest(paths: string[], opts?: Partial<IngestOptions>): Promise<FileReport[]>;
	rejects(): Promise<{ line: number; reasons: string[]; raw: string }[]>;
}

export async function createBench(): Promise<Bench> {
	const db = await createTestDb();
	const dir = mkdtempSync(join(tmpdir(), 'careloop-ingest-'));
	onTestFinished(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});
	const write = (name: string, content: string | Uint8Array) => {
		const path = join(dir, name);
		writeFileSync(path, content);
		return path;
	};
	const ingest = async (paths: string[], opts: Partial<IngestOptions> = {}) =>
		(await ingestPaths(db, paths, { importedBy: 'test@example.org', ...opts })).files;
	return {
		db,
		dir,
		write,
		ingest,
		load: async (name, content, opts) => (await ingest([write(name, content)], opts))[0],
		rejects: async () =>
			(await listRejects(db)).map(({ line, reasons, raw }) => ({ line, reasons, raw }))
	};
}

/** The contract columns of interactions, as a CSV header. */
export const INTERACTIONS_HEADER =
	'interaction_id,started_at,channel,direction,patient_id,agent_id,team,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition,campaign,outcome';

/** One valid interactions CSV row with the given id (15 fields). */
export const interactionRow = (id: string, talk = '120') =>
	`${id},2025-01-06T09:00:00Z,voice,inbound,P1,A1,Team A,refill,10,${talk},5,20,resolved,,`;
