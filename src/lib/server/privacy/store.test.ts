import { describe, expect, it } from 'vitest';
import { listAudit } from '../auth/audit.ts';
import { createBench } from '../ingest/test-helpers.ts';
import { updateSettings } from '../settings/index.ts';
import { readOriginals, SensitiveAccessError } from './originals.ts';
import { countPending, redactPending } from './store.ts';

const CALL = [
	'interaction_id,turn,speaker,offset_seconds,text',
	'I1,0,agent,1,"Can I have your full name and date of birth, please?"',
	'I1,1,patient,5,"Carlos Garcia, April 15, 1964."',
	'I1,2,patient,9,"Call me at 617-555-0142, thanks."',
	'I1,3,agent,12,"Your refill is ready."'
].join('\n');
const SURVEYS = [
	'survey_id,interaction_id,patient_id,submitted_at,csat,comment',
	'S1,I1,P1,2026-03-02T10:00:00Z,2,"My Rx number is 4521873 and it was late"',
	'S2,I1,P1,2026-03-02T11:00:00Z,5,"Great service"'
].join('\n');

const admin = { id: 'u1', email: 'root@x', name: 'Root', role: 'admin' as const, agentId: null };
const manager = { ...admin, id: 'u2', email: 'mia@x', role: 'manager' as const };

const texts = async (db: import('../db/index.ts').Db) =>
	(await db.all<{ text: string }>('SELECT text FROM transcripts ORDER BY turn')).map((r) => r.text);

describe('redaction as text is imported', () => {
	it('rows land redacted; importing the same file again changes nothing', async () => {
		const b = await createBench();
		const first = await b.load('transcripts.csv', CALL);
		expect(first).toMatchObject({ accepted: 4, inserted: 4, rejected: 0 });
		// The DOB answer takes its context from the agent's question before it.
		expect(await texts(b.db)).toEqual([
			'Can I have your full name and date of birth, please?',
			'Carlos Garcia, [DOB].',
			'Call me at [PHONE], thanks.',
			'Your refill is ready.'
		]);
		const again = await b.load('transcripts.csv', CALL);
		expect(again).toMatchObject({ inserted: 0, unchanged: 4, rejected: 0 });
		await b.load('surveys.csv', SURVEYS);
		const comments = await b.db.all<{ comment: string }>(
			'SELECT comment FROM surveys ORDER BY survey_id'
		);
		expect(comments.map((c) => c.comment)).toEqual([
			'My Rx number is [RX NUMBER] and it was late',
			'Great service'
		]);
		// Nothing waits for the redactor afterwards, and no original was kept (the default).
		expect(await countPending(b.db)).toBe(0);
		expect(
			(await b.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM privacy_originals'))?.n
		).toBe(0);
	});

	it('with redaction off, text lands as it is and waits for a later run', async () => {
		const b = await createBench();
		await updateSettings(b.db, { privacyRedact: false }, 'test');
		await b.load('transcripts.csv', CALL);
		expect((await texts(b.db))[1]).toBe('Carlos Garcia, April 15, 1964.');
		// Pending: the 4 turns (never checked); redactPending does nothing while it is off.
		expect(await countPending(b.db)).toBe(4);
		expect(await redactPending(b.db)).toEqual({ skipped: true, checked: 0, redacted: 0, found: 0 });
		await updateSettings(b.db, { privacyRedact: true }, 'test');
		const progress: string[] = [];
		const s = await redactPending(b.db, {
			onProgress: (p) => progress.push(`${p.kind} ${p.done}/${p.total}`)
		});
		// 4 turns read, 2 changed (DOB, phone) with one identifier each.
		expect(s).toEqual({ skipped: false, checked: 4, redacted: 2, found: 2 });
		expect(progress).toEqual(['transcript 0/4', 'transcript 4/4', 'comment 0/0', 'follow_up 0/0']);
		expect((await texts(b.db))[1]).toBe('Carlos Garcia, [DOB].');
		expect(await redactPending(b.db)).toEqual({
			skipped: false,
			checked: 0,
			redacted: 0,
			found: 0
		});
	});
});

describe('originals', () => {
	it('kept only while the setting is on, read only by an admin, every reading audited', async () => {
		const b = await createBench();
		await b.db.run(
			"INSERT INTO interactions (interaction_id, started_at, channel, direction, patient_id, agent_id, reason, disposition, import_id) VALUES ('I1', '2026-03-02 09:00', 'voice', 'inbound', 'P7', 'A1', 'refill', 'resolved', 1)"
		);
		await updateSettings(b.db, { privacyKeepOriginals: true }, 'test');
		await b.load('transcripts.csv', CALL);
		const shown = await readOriginals(b.db, admin, 'I1', '10.0.0.1');
		expect(shown).toEqual([
			{
				kind: 'transcript',
				where: 'turn 1',
				redacted: 'Carlos Garcia, [DOB].',
				original: 'Carlos Garcia, April 15, 1964.'
			},
			{
				kind: 'transcript',
				where: 'turn 2',
				redacted: 'Call me at [PHONE], thanks.',
				original: 'Call me at 617-555-0142, thanks.'
			}
		]);
		await expect(readOriginals(b.db, manager, 'I1', '10.0.0.2')).rejects.toBeInstanceOf(
			SensitiveAccessError
		);
		const log = await listAudit(b.db, { action: 'privacy.original_view' });
		expect(log.rows.map((r) => [r.actor, r.patientId, r.detail])).toEqual([
			['root@x', 'P7', { texts: ['turn 1', 'turn 2'] }]
		]);
	});
});
