// Keys, duplicates and re-imports; --replace; file order; atomicity; accepted + rejected = read.
import { describe, expect, it } from 'vitest';
import { INTERACTIONS_HEADER as H, createBench, interactionRow as row } from './test-helpers.ts';

const csv = (...rows: string[]) => `${H}\n${rows.join('\n')}\n`;
const talk = async (b: Awaited<ReturnType<typeof createBench>>) =>
	b.db.all<{ id: string; talk: number; import_id: number }>(
		'SELECT interaction_id AS id, talk_seconds AS talk, import_id FROM interactions ORDER BY 1'
	);

describe('duplicates', () => {
	it('within a file: same content is unchanged, different content is a duplicate id', async () => {
		const b = await createBench();
		// I1 inserted (line 2); line 3 same → unchanged; line 4 differs → duplicate; line 5 is
		// invalid (never claims I2), so line 6's I2 is inserted.
		const r = await b.load(
			'interactions.csv',
			csv(row('I1', '100'), row('I1', '100'), row('I1', '200'), row('I2', 'x'), row('I2', '300'))
		);
		expect(r).toMatchObject({
			read: 5,
			accepted: 3,
			inserted: 2,
			updated: 0,
			unchanged: 1,
			rejected: 2
		});
		expect(r.accepted + r.rejected).toBe(r.read);
		expect((await b.rejects()).map((x) => [x.line, x.reasons])).toEqual([
			[4, ['duplicate id']],
			[5, ['invalid talk_seconds']]
		]);
		expect((await talk(b)).map((x) => [x.id, x.talk])).toEqual([
			['I1', 100],
			['I2', 300]
		]);
	});

	it('across files: re-importing changes nothing; changed rows are duplicates without --replace', async () => {
		const b = await createBench();
		const first = await b.load('interactions-1.csv', csv(row('I1', '100'), row('I2', '100')));
		expect(first).toMatchObject({ inserted: 2, importId: 1 });
		const again = await b.load('interactions-1.csv', csv(row('I1', '100'), row('I2', '100')));
		expect(again).toMatchObject({ read: 2, accepted: 2, inserted: 0, unchanged: 2, rejected: 0 });
		// Same key, other content: I2 with talk 999 is a duplicate; I3 is new.
		const changed = await b.load('interactions-2.csv', csv(row('I2', '999'), row('I3', '100')));
		expect(changed).toMatchObject({ read: 2, accepted: 1, inserted: 1, unchanged: 0, rejected: 1 });
		expect((await talk(b)).map((x) => [x.id, x.talk, x.import_id])).toEqual([
			['I1', 100, 1],
			['I2', 100, 1],
			['I3', 100, 3]
		]);
	});

	it('compares normalised typed values: case of enums, spacing, 4 vs 4.0 and offsets do not count', async () => {
		const b = await createBench();
		await b.load(
			'interactions.csv',
			csv('I1,2025-01-06T09:00:00Z,voice,,P1,A1,T,Refill,10,120,5,20,resolved,,')
		);
		const r = await b.load(
			'interactions-again.csv',
			csv(' I1 ,2025-01-06T10:00:00+01:00,VOICE,inbound,P1,A1,T,refill,10.0,120,5,20,Resolved,,')
		);
		expect(r).toMatchObject({ unchanged: 1, rejected: 0 });
	});
});

describe('--replace', () => {
	it('replaces whole rows (absent columns become null); the last copy in a file wins', async () => {
		const b = await createBench();
		await b.load('interactions.csv', csv(row('I1', '100'), row('I2', '100')));
		// A file without the team column: I1 changes (talk 200, then 300 — last wins), I2 same
		// values but team absent → null, so it changed too; I3 new then repeated unchanged.
		const header =
			'interaction_id,started_at,channel,direction,patient_id,agent_id,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition';
		const line = (id: string, t: string) =>
			`${id},2025-01-06T09:00:00Z,voice,inbound,P1,A1,refill,10,${t},5,20,resolved`;
		const r = await b.load(
			'interactions-fix.csv',
			`${header}\n${[line('I1', '200'), line('I1', '300'), line('I2', '100'), line('I3', '1'), line('I3', '1')].join('\n')}\n`,
			{ replace: true }
		);
		// I1: updated, updated; I2: updated; I3: inserted, unchanged.
		expect(r).toMatchObject({
			read: 5,
			accepted: 5,
			inserted: 1,
			updated: 3,
			unchanged: 1,
			rejected: 0
		});
		const rows = await b.db.all(
			'SELECT interaction_id AS id, talk_seconds AS talk, team, import_id FROM interactions ORDER BY 1'
		);
		expect(rows).toEqual([
			{ id: 'I1', talk: 300, team: null, import_id: 2 },
			{ id: 'I2', talk: 100, team: null, import_id: 2 },
			{ id: 'I3', talk: 1, team: null, import_id: 2 }
		]);
		// Re-importing the same file with --replace now changes nothing.
		const again = await b.load('interactions-fix.csv', `${header}\n${line('I1', '300')}\n`, {
			replace: true
		});
		expect(again).toMatchObject({ unchanged: 1, updated: 0, inserted: 0 });
	});

	it('keys transcripts by (interaction_id, turn)', async () => {
		const b = await createBench();
		const t = (id: string, turn: number, text: string) => ({
			interaction_id: id,
			turn,
			speaker: 'agent',
			text
		});
		const first = await b.load(
			'transcripts.json',
			JSON.stringify([t('I1', 0, 'a'), t('I1', 1, 'b'), t('I2', 0, 'a')])
		);
		expect(first).toMatchObject({ format: 'json', inserted: 3 });
		const dup = await b.load(
			'transcripts-2.json',
			JSON.stringify([t('I1', 1, 'changed'), t('I2', 1, 'new')])
		);
		expect(dup).toMatchObject({ inserted: 1, rejected: 1 });
		const rep = await b.load('transcripts-3.json', JSON.stringify([t('I1', 1, 'changed')]), {
			replace: true
		});
		expect(rep).toMatchObject({ updated: 1 });
		const texts = await b.db.all(
			'SELECT interaction_id AS id, turn, text FROM transcripts ORDER BY 1, 2'
		);
		expect(texts).toEqual([
			{ id: 'I1', turn: 0, text: 'a' },
			{ id: 'I1', turn: 1, text: 'changed' },
			{ id: 'I2', turn: 0, text: 'a' },
			{ id: 'I2', turn: 1, text: 'new' }
		]);
	});
});

describe('batches', () => {
	it('applies a folder in code-point order, lists unknown kinds as skipped, honours --kind', async () => {
		const b = await createBench();
		// "Interactions-b" sorts before "interactions-a" (uppercase first in code points), so the
		// talk 100 copy claims I1 and the later file's talk 200 copy is the duplicate.
		b.write('interactions-a.csv', csv(row('I1', '200')));
		b.write('Interactions-b.csv', csv(row('I1', '100')));
		b.write('notes.txt', 'not data');
		const files = await b.ingest([b.dir]);
		expect(files.map((f) => [f.name, f.kind, f.skipped ?? false, f.inserted, f.rejected])).toEqual([
			['Interactions-b.csv', 'interactions', false, 1, 0],
			['interactions-a.csv', 'interactions', false, 0, 1],
			['notes.txt', null, true, 0, 0]
		]);
		const forced = await b.load('export.csv', csv(row('I9')), { kind: 'interactions' });
		expect(forced).toMatchObject({ kind: 'interactions', inserted: 1 });
	});

	it('records the import log with counts, hash and who', async () => {
		const b = await createBench();
		const r = await b.load('interactions.csv', csv(row('I1'), row('I2', '-5')));
		const log = await b.db
			.one(`SELECT file_name, kind, format, rows_read, accepted, inserted, updated, unchanged, rejected,
			imported_by, length(sha256) AS hash_len, finished_at >= started_at AS ordered FROM import_log`);
		expect(log).toEqual({
			file_name: 'interactions.csv',
			kind: 'interactions',
			format: 'csv',
			rows_read: 2,
			accepted: 1,
			inserted: 1,
			updated: 0,
			unchanged: 0,
			rejected: 1,
			imported_by: 'test@example.org',
			hash_len: 64,
			ordered: true
		});
		expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('atomicity', () => {
	it('a statement failing after rows were staged and written leaves nothing of the file', async () => {
		const b = await createBench();
		await b.load('interactions-ok.csv', csv(row('I0')));
		// Without the rejects table the file's INSERT into interactions succeeds, then the
		// rejects statement fails inside the same transaction, which must roll everything back.
		await b.db.run('ALTER TABLE rejects RENAME TO rejects_away');
		const r = await b.load('interactions.csv', csv(row('I1'), row('I2', 'bad')));
		expect(r.error).toMatch(/nothing of the file was kept/);
		await b.db.run('ALTER TABLE rejects_away RENAME TO rejects');
		const counts = await b.db.one(`SELECT (SELECT count(*) FROM interactions)::INTEGER AS rows,
			(SELECT count(*) FROM import_log)::INTEGER AS logs`);
		expect(counts).toEqual({ rows: 1, logs: 1 });
		// The same file imports cleanly afterwards.
		expect(await b.load('interactions.csv', csv(row('I1'), row('I2', 'bad')))).toMatchObject({
			inserted: 1,
			rejected: 1
		});
	});
});
