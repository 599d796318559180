// Durable post-import work, end to end with real processes: `careloop ingest` is killed with
// SIGKILL once its job has committed a quarter of the sentiment scores, and again while the
// follow-up rules run; the next process to start its job runner (what the server does at
// start-up) finishes the work: no unscored text is left and the follow-ups are opened, each once.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/lib/server/db/index.ts';
import { generateDemo } from '../../src/lib/server/demo/index.ts';
import { processJobs } from '../../src/lib/server/jobs/index.ts';
import { getJob } from '../../src/lib/server/jobs/store.ts';

let dir = '';
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'careloop-durable-'));
	// 30 demo days: a few thousand texts to score, and contacts in the rules' 3-day look-back.
	const end = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
	await generateDemo({ days: 30, seed: 42, end, out: join(dir, 'demo') });
}, 120_000);
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** Runs `careloop ingest` and SIGKILLs it as soon as its log shows `line`. */
function ingestKilledAt(db: string, line: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['pipelines/careloop.mjs', 'ingest', join(dir, 'demo')], {
			env: { ...process.env, CARELOOP_DB: db },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let log = '';
		child.stderr.on('data', (chunk: Buffer) => {
			log += chunk.toString();
			if (log.includes(line)) child.kill('SIGKILL');
		});
		child.on('exit', (code, signal) =>
			signal === 'SIGKILL'
				? resolve(log)
				: reject(new Error(`ingest ended (${code}) before it could be killed:\n${log}`))
		);
	});
}

// Texts the scorer owes an answer: comments and patient or agent turns (system turns are never
// scored) with neither a score nor a "not scored" record (a language the model does not handle).
const UNSCORED = `SELECT count(*)::INTEGER AS n FROM (
	SELECT md5(comment) AS h FROM surveys WHERE comment IS NOT NULL AND trim(comment) <> ''
	UNION SELECT md5(text) FROM transcripts WHERE trim(text) <> '' AND speaker <> 'system'
) t WHERE h NOT IN (SELECT text_hash FROM sentiment_scores)
	AND h NOT IN (SELECT text_hash FROM sentiment_unscored)`;

const UNCHECKED = `SELECT count(DISTINCT interaction_id)::INTEGER AS n FROM transcripts
	WHERE interaction_id NOT IN (SELECT interaction_id FROM autoqa_results)`;

const count = async (db: Db, sql: string) => (await db.one<{ n: number }>(sql))?.n ?? -1;

async function restartAndFinish(path: string) {
	const db = await openDb(path);
	const before = {
		unscored: await count(db, UNSCORED),
		scored: await count(db, 'SELECT count(*)::INTEGER AS n FROM sentiment_scores'),
		followUps: await count(db, 'SELECT count(*)::INTEGER AS n FROM follow_ups'),
		state: (await getJob(db, 1))?.state
	};
	// What the server's start-up does: its runner takes up every queued or interrupted job.
	await processJobs(db).drain();
	const after = {
		unscored: await count(db, UNSCORED),
		followUps: await count(db, 'SELECT count(*)::INTEGER AS n FROM follow_ups'),
		uncheckedTranscripts: await count(db, UNCHECKED),
		// One open task per kind and group: a re-run never opens a second one for the same group.
		doubled: await count(
			db,
			`SELECT count(*)::INTEGER AS n FROM (SELECT group_key FROM follow_ups WHERE status <> 'closed'
				GROUP BY kind, group_key HAVING count(*) > 1)`
		),
		job: await getJob(db, 1)
	};
	await db.close();
	return { before, after };
}

describe('kill -9 during the post-import job', () => {
	it('while scoring: the restarted runner scores the rest and runs the rules', async () => {
		const path = join(dir, 'scoring.duckdb');
		// The first quarter's scores are committed; three quarters are still to score.
		await ingestKilledAt(path, 'Sentiment scores 25%');
		const { before, after } = await restartAndFinish(path);
		// The rows landed with their job; the kill left it running with texts unscored.
		expect(before.state).toBe('running');
		expect(before.scored).toBeGreaterThan(0);
		expect(before.unscored).toBeGreaterThan(0);
		expect(before.followUps).toBe(0);
		expect(after.unscored).toBe(0);
		// The AutoQA step ran after the scores it reads: every transcript has its results.
		expect(after.uncheckedTranscripts).toBe(0);
		expect(after.followUps).toBeGreaterThan(0);
		expect(after.doubled).toBe(0);
		expect(after.job).toMatchObject({ state: 'done', attempts: 2 });
	}, 300_000);

	it('while the follow-up rules run: the restarted runner opens the follow-ups', async () => {
		const path = join(dir, 'rules.duckdb');
		await ingestKilledAt(path, ', Follow-up and outreach rules…');
		const { before, after } = await restartAndFinish(path);
		// Scoring had finished (its step is done); the rules' one transaction never committed.
		expect(before.state).toBe('running');
		expect(before.unscored).toBe(0);
		expect(before.followUps).toBe(0);
		expect(after.followUps).toBeGreaterThan(0);
		expect(after.doubled).toBe(0);
		expect(after.job?.stepsDone).toEqual([
			'kpi-facts',
			'privacy',
			'sentiment',
			'autoqa',
			'follow-ups',
			'coaching',
			'qa-sample'
		]);
		expect(after.job).toMatchObject({ state: 'done', attempts: 2 });
	}, 300_000);
});
