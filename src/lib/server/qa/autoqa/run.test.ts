import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { createTestDb } from '../../db/testing.ts';
import { runAutoQa } from './run.ts';
import { addCall, GOOD_CALL, POOR_CALL } from './test-fixtures.ts';
import { getCurrentRules, RulesInvalidError, saveRuleVersion } from './versions.ts';
import { enqueueJob, getJobView, processJobs } from '../../jobs/index.ts';
import { postImportStepNames } from '../../post-import.ts';

let db: Db;
beforeEach(async () => {
	db = await createTestDb();
	await addCall(db, 'C1', GOOD_CALL);
	await addCall(db, 'C2', POOR_CALL);
});
afterEach(async () => {
	await db.close();
});

const outcomes = async () =>
	db.all<{ interaction_id: string; rule_key: string; outcome: string }>(
		`SELECT interaction_id, rule_key, outcome FROM autoqa_results
		WHERE rule_key IN ('greeting', 'identity', 'prohibited') ORDER BY 1, 2`
	);

describe('runAutoQa', () => {
	it('checks every transcript against the seeded rules and stores evidence', async () => {
		const r = await runAutoQa(db);
		// C1 passes or is N/A everywhere (no hold). C2 fails greeting, identity and prohibited
		// ("what do you need") → 3; closing and empathy are seeded switched off.
		expect(r).toEqual({ versionId: 1, transcripts: 2, checked: 2, unchanged: 0, failures: 3 });
		expect(await outcomes()).toEqual([
			{ interaction_id: 'C1', rule_key: 'greeting', outcome: 'pass' },
			{ interaction_id: 'C1', rule_key: 'identity', outcome: 'pass' },
			{ interaction_id: 'C1', rule_key: 'prohibited', outcome: 'pass' },
			{ interaction_id: 'C2', rule_key: 'greeting', outcome: 'fail' },
			{ interaction_id: 'C2', rule_key: 'identity', outcome: 'fail' },
			{ interaction_id: 'C2', rule_key: 'prohibited', outcome: 'fail' }
		]);
		// Five enabled seeded rules per transcript.
		const n = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM autoqa_results');
		expect(n?.n).toBe(10);
		const identity = await db.one<{ detail: string; evidence: string }>(
			`SELECT detail, evidence FROM autoqa_results WHERE interaction_id = 'C2' AND rule_key = 'identity'`
		);
		expect(identity?.detail).toBe('Health information at turn 2 after no identifier; 2 required.');
		// "prescription" and the drug name (seeded drug-class table) both count as health words.
		expect(JSON.parse(identity!.evidence)).toEqual([
			{ turn: 2, words: ['prescription', 'lisinopril'], note: 'health information' }
		]);
	});

	it('re-checks only what changed: a transcript, the rules, or everything on request', async () => {
		await runAutoQa(db);
		expect(await runAutoQa(db)).toMatchObject({ checked: 0, unchanged: 2 });
		await db.run(
			`UPDATE transcripts SET text = 'CareLoop Pharmacy, this is Sam.' WHERE interaction_id = 'C2' AND turn = 0`
		);
		expect(await runAutoQa(db)).toMatchObject({ checked: 1, unchanged: 1 });
		expect((await outcomes()).find((o) => o.interaction_id === 'C2')?.outcome).toBe('pass');
		const rules = (await getCurrentRules(db)).rules;
		await saveRuleVersion(
			db,
			rules.map((r) => (r.key === 'silence' ? { ...r, enabled: false } : r)),
			'lead',
			'no silence rule'
		);
		expect(await runAutoQa(db)).toMatchObject({ versionId: 2, checked: 2 });
		// The disabled rule leaves no result behind: 4 rules × 2 transcripts.
		const n = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM autoqa_results');
		expect(n?.n).toBe(8);
		expect(await runAutoQa(db, { all: true })).toMatchObject({ checked: 2 });
	});
});

describe('the AutoQA step of the post-import job', () => {
	it('runs after sentiment (empathy reads it) and before the QA sample (which targets failures)', () => {
		const steps = postImportStepNames();
		const at = (name: string) => steps.indexOf(name);
		expect(at('autoqa')).toBeGreaterThan(at('sentiment'));
		expect(at('sentiment')).toBeGreaterThanOrEqual(0);
		expect(at('qa-sample')).toBeGreaterThan(at('autoqa'));
	});

	it('checks the transcripts when a job runs it (as the rules page queues it)', async () => {
		const jobId = await enqueueJob(db, { kind: 'autoqa', steps: ['autoqa'], requestedBy: 'lead' });
		const runner = processJobs(db);
		await runner.drain();
		const job = await getJobView(db, runner, jobId);
		// Same two calls as above: 2 checked, 3 failures (C2: greeting, identity, prohibited).
		expect(job).toMatchObject({ state: 'done', stepsDone: 1 });
		expect(job?.message).toContain('2 transcripts checked, 3 rule failures');
		expect((await outcomes()).length).toBe(6);
		// A second job finds nothing new.
		const again = await enqueueJob(db, { kind: 'autoqa', steps: ['autoqa'], requestedBy: 'lead' });
		await runner.drain();
		expect((await getJobView(db, runner, again))?.message).toContain('0 transcripts checked');
	});
});

describe('saveRuleVersion', () => {
	it('refuses invalid rules and a save that changes nothing, naming each problem', async () => {
		const rules = (await getCurrentRules(db)).rules;
		await expect(saveRuleVersion(db, rules, 'lead', null)).rejects.toThrow(/Nothing changed/);
		const broken = rules.map((r) =>
			r.params.kind === 'silence'
				? { ...r, params: { ...r.params, maxGapSeconds: 1 } }
				: r.params.kind === 'greeting'
					? { ...r, key: 'Bad Key' }
					: r
		);
		const err = await saveRuleVersion(db, broken, 'lead', null).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(RulesInvalidError);
		expect((err as RulesInvalidError).problems).toEqual([
			'Rule "Bad Key": the key must be lower-case letters, digits or _.',
			'Rule "silence": gap (s) must be a number ≥ 2.',
			// The seeded ignored gap (2 s) is now longer than the threshold (1 s).
			'Rule "silence": the ignored gap must be shorter than the silence threshold.'
		]);
	});
});
