import { describe, expect, it } from 'vitest';
import { createBench } from '../ingest/test-helpers.ts';
import { JobRunner, enqueueJob } from '../jobs/index.ts';
import { getJob } from '../jobs/store.ts';
import { POST_IMPORT_STEPS } from '../post-import.ts';
import { updateSettings } from '../settings/index.ts';
import { countPending } from './store.ts';

// Turns deliberately out of order in the file: the DOB answer (turn 1) comes first and the
// agent's question it answers (turn 0) last, so only reading in (call, turn) order gives the
// answer its context — "April 15, 1964" alone is a full date 62 years back, which counts as a
// birth date anyway, so the answer here is a bare "04 15 64" that needs the question.
const CALL = [
	'interaction_id,turn,speaker,offset_seconds,text',
	'I1,1,patient,5,"It is 04 15 64."',
	'I2,0,agent,1,"Thanks for calling."',
	'I1,2,patient,9,"Call me at 617-555-0142, thanks."',
	'I1,0,agent,1,"Can I have your date of birth, please?"'
].join('\n');

const n = async (b: Awaited<ReturnType<typeof createBench>>, sql: string) =>
	(await b.db.one<{ n: number }>(sql))?.n;

describe('redaction of a file as it imports', () => {
	it('reads each turn after the one before it, across tiny chunks and out-of-order lines', async () => {
		const b = await createBench();
		// 64-byte chunks: every line is its own batch (the shortest data line is 33 bytes).
		const r = await b.load('transcripts.csv', CALL, { chunkBytes: 64 });
		expect(r).toMatchObject({ accepted: 4, inserted: 4, rejected: 0 });
		const rows = await b.db.all<{ id: string; turn: number; text: string }>(
			'SELECT interaction_id AS id, turn, text FROM transcripts ORDER BY id, turn'
		);
		expect(rows.map((x) => x.text)).toEqual([
			'Can I have your date of birth, please?',
			'It is [DOB].',
			'Call me at [PHONE], thanks.',
			'Thanks for calling.'
		]);
		expect(await countPending(b.db)).toBe(0);
	});

	it('keeps one original per text however often the file is imported', async () => {
		const b = await createBench();
		await updateSettings(b.db, { privacyKeepOriginals: true }, 'test');
		await b.load('transcripts.csv', CALL);
		const again = await b.load('transcripts.csv', CALL);
		expect(again).toMatchObject({ inserted: 0, unchanged: 4 });
		// Two turns changed (DOB, phone): two originals, not four.
		expect(await n(b, 'SELECT count(*)::INTEGER AS n FROM privacy_originals')).toBe(2);
	});
});

describe('redaction of stored text as a job step', () => {
	it('runs before sentiment, so the model and the rules only read redacted text', () => {
		const names = POST_IMPORT_STEPS.map((s) => s.name);
		expect(names.indexOf('privacy')).toBeGreaterThanOrEqual(0);
		expect(names.indexOf('privacy')).toBeLessThan(names.indexOf('sentiment'));
		expect(names.indexOf('privacy')).toBeLessThan(names.indexOf('follow-ups'));
	});

	it('a queued privacy job redacts text imported while redaction was off', async () => {
		const b = await createBench();
		await updateSettings(b.db, { privacyRedact: false }, 'test');
		await b.load('transcripts.csv', CALL);
		expect(await countPending(b.db)).toBe(4);
		await updateSettings(b.db, { privacyRedact: true }, 'test');
		const runner = new JobRunner(b.db, POST_IMPORT_STEPS);
		const jobId = await enqueueJob(b.db, {
			kind: 'privacy',
			steps: ['privacy'],
			requestedBy: 'test'
		});
		runner.kick();
		await runner.drain();
		const job = await getJob(b.db, jobId);
		// 4 turns read; 2 changed (the DOB answer and the phone number).
		expect(job).toMatchObject({ state: 'done', stepsDone: ['privacy'] });
		expect(job?.message).toBe('Identifier redaction: 4 texts checked, 2 redacted.');
		expect(await countPending(b.db)).toBe(0);
	});
});
