// Independent audit of ingestion against /work/shared/spec/data-contract.md ("Files", "Values",
// "Rejects, duplicates, re-imports"). Every expectation is worked out by hand from the contract;
// the quoted sentence is the rule. Cases marked `it.fails` + `// BUG:` are known discrepancies.
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ingestCommand from '../../pipelines/commands/ingest.ts';
import type { Db } from '../../src/lib/server/db/index.ts';
import { createTestDb } from '../../src/lib/server/db/testing.ts';
import { ingestPaths, listRejects, type FileReport } from '../../src/lib/server/ingest/index.ts';

const IH =
	'interaction_id,started_at,channel,direction,patient_id,agent_id,team,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition,campaign,outcome';

let db: Db | null = null;
afterEach(async () => {
	await db?.close();
	db = null;
});

/** Writes the files into a fresh folder, ingests them (as one batch) and returns the reports. */
async function ingest(
	files: Record<string, string | Buffer>,
	opts: { replace?: boolean; into?: Db } = {}
): Promise<{ files: FileReport[]; dir: string }> {
	db = opts.into ?? db ?? (await createTestDb());
	const dir = await mkdtemp(join(tmpdir(), 'contract-ingest-'));
	for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
	const res = await ingestPaths(db, [dir], { importedBy: 'contract test', replace: opts.replace });
	return { files: res.files, dir };
}

const rejects = async () =>
	(await listRejects(db!)).map(({ file, line, reasons, raw }) => ({ file, line, reasons, raw }));
const counts = (f: FileReport) => ({
	read: f.read,
	accepted: f.accepted,
	rejected: f.rejected,
	unchanged: f.unchanged
});

describe('contract: rows read, lines and raw text', () => {
	it('CSV with BOM, CRLF, mixed-case header, quoted newline, blank line and final newline', async () => {
		// header = line 1; a1 line 2; blank line 3 (not a row); a2 starts line 4 and spans 4–5;
		// a3 line 6 (wrong field count → malformed record); final CRLF is not a row → read 3.
		const body =
			'\ufeffInteraction_ID,STARTED_AT,channel,direction,patient_id,agent_id,team,reason,queue_seconds,talk_seconds,hold_seconds,wrap_seconds,disposition,campaign,outcome\r\n' +
			'a1,2024-03-01T10:00:00+01:00,Voice,,p1,x1,t1,Refill,10,100,5,5,resolved,,\r\n' +
			'\r\n' +
			'a2,2024-03-01,chat,,p1,x1,,refill,,"1\r\n2",,,resolved,,\r\n' +
			'a3,2024-03-01,voice\r\n';
		const { files } = await ingest({ 'interactions_a.csv': body });
		expect(counts(files[0])).toEqual({ read: 3, accepted: 1, rejected: 2, unchanged: 0 });
		expect(await rejects()).toEqual([
			{
				file: 'interactions_a.csv',
				line: 4,
				reasons: ['invalid talk_seconds'],
				raw: 'a2,2024-03-01,chat,,p1,x1,,refill,,"1\r\n2",,,resolved,,'
			},
			{
				file: 'interactions_a.csv',
				line: 6,
				reasons: ['malformed record'],
				raw: 'a3,2024-03-01,voice'
			}
		]);
		// "+01:00" → 09:00Z; enums and reason lower-cased.
		expect(
			await db!.all(
				`SELECT strftime(started_at, '%Y-%m-%dT%H:%M:%S') AS t, channel, reason FROM interactions`
			)
		).toEqual([{ t: '2024-03-01T09:00:00', channel: 'voice', reason: 'refill' }]);
	});

	it('NDJSON: blank lines are not rows; bad JSON, non-objects are malformed records', async () => {
		const ok = '{"survey_id":"s1","submitted_at":"2024-01-01","csat":5}';
		// lines: 1 ok, 2 blank, 3 `[1]`, 4 `5`, 5 broken JSON, 6 ok(s2) → read 5, accepted 2.
		const body = `${ok}\n\n[1]\n5\n{"survey_id": broken\n${ok.replace('s1', 's2')}\n`;
		const { files } = await ingest({ 'surveys.ndjson': body });
		expect(counts(files[0])).toEqual({ read: 5, accepted: 2, rejected: 3, unchanged: 0 });
		expect((await rejects()).map((r) => [r.line, r.reasons[0], r.raw])).toEqual([
			[3, 'malformed record', '[1]'],
			[4, 'malformed record', '5'],
			[5, 'malformed record', '{"survey_id": broken']
		]);
	});

	it('JSON: line = element index, raw = compact element, null/string elements malformed', async () => {
		const body = `[\n {"survey_id":"j1", "submitted_at":"2024-01-01", "csat": 5},\n null,\n "x",\n {"survey_id":"j2","submitted_at":"2024-01-01","csat":[5]}\n]`;
		const { files } = await ingest({ 'surveys.json': body });
		expect(counts(files[0])).toEqual({ read: 4, accepted: 1, rejected: 3, unchanged: 0 });
		expect(await rejects()).toEqual([
			{ file: 'surveys.json', line: 2, reasons: ['malformed record'], raw: 'null' },
			{ file: 'surveys.json', line: 3, reasons: ['malformed record'], raw: '"x"' },
			// an array where a scalar is expected is invalid for that column (no "empty survey":
			// the value is present, "an invalid value gives only its own reason")
			{
				file: 'surveys.json',
				line: 4,
				reasons: ['invalid csat'],
				raw: '{"survey_id":"j2","submitted_at":"2024-01-01","csat":[5]}'
			}
		]);
	});

	it('header-only, empty, [] and blank NDJSON read 0 rows and import fine', async () => {
		const { files } = await ingest({
			'fills_a.csv': 'fill_id,patient_id,drug_name,fill_date,days_supply\n',
			'fills_b.csv': '',
			'fills_c.json': '[]',
			'fills_d.ndjson': '\n\n'
		});
		expect(files.map((f) => [f.read, f.error ?? null])).toEqual([
			[0, null],
			[0, null],
			[0, null],
			[0, null]
		]);
	});
});

describe('contract: whole-file failures, skipped files, order', () => {
	it('bad UTF-8, JSON not an array, duplicate headers, missing required column fail whole', async () => {
		const { files } = await ingest({
			'fills_1.csv': Buffer.from(
				'fill_id,patient_id,drug_name,fill_date,days_supply\nf1,p,caf\xe9,2024-01-01,30\n',
				'latin1'
			),
			'fills_2.json': '{"fill_id":"f2"}',
			'fills_3.csv':
				'fill_id,patient_id,drug_name,fill_date,days_supply,note,NOTE\nf3,p,x,2024-01-01,30,a,b\n',
			'fills_4.csv': 'fill_id,patient_id,drug_name,fill_date\nf4,p,x,2024-01-01\n',
			'notes.csv': 'a,b\n1,2\n'
		});
		expect(files.map((f) => [f.name, Boolean(f.error), f.skipped ?? false])).toEqual([
			['fills_1.csv', true, false],
			['fills_2.json', true, false],
			['fills_3.csv', true, false],
			['fills_4.csv', true, false],
			['notes.csv', false, true]
		]);
		expect(await db!.all('SELECT * FROM fills')).toEqual([]);
		expect(await rejects()).toEqual([]);
	});

	it('files apply in code-point order of their paths ("B" < "a"), so a\'s copy is the duplicate', async () => {
		const row = (agent: string) =>
			`i1,2024-03-01T00:00:00Z,voice,,p1,${agent},,refill,,,,,resolved,,`;
		const { files } = await ingest({
			'interactions_a.csv': `${IH}\n${row('from_a')}\n`,
			'interactions_B.csv': `${IH}\n${row('from_B')}\n`
		});
		expect(files.map((f) => [f.name, f.accepted, f.rejected])).toEqual([
			['interactions_B.csv', 1, 0],
			['interactions_a.csv', 0, 1]
		]);
		expect(await db!.all('SELECT agent_id FROM interactions')).toEqual([{ agent_id: 'from_B' }]);
	});

	it('ingest --format json lists every file; exit 1 when any file failed, 0 when none did', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'contract-cli-'));
		await writeFile(join(dir, 'fills_bad.json'), '{"fill_id":"f1"}');
		await writeFile(join(dir, 'readme.txt'), 'not data');
		const saved = process.env.CARELOOP_DB;
		process.env.CARELOOP_DB = join(dir, 'cli.duckdb');
		let text = '';
		const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
			text += String(chunk);
			return true;
		});
		try {
			const failed = await ingestCommand.run([
				join(dir, 'fills_bad.json'),
				join(dir, 'readme.txt'),
				'--format',
				'json'
			]);
			const skipped = await ingestCommand.run([join(dir, 'readme.txt'), '--format', 'json']);
			const [a, b] = text
				.trim()
				.split('\n')
				.map((l) => JSON.parse(l));
			expect([failed, skipped]).toEqual([1, 0]);
			expect(
				a.files.map((f: FileReport) => [f.file.endsWith('fills_bad.json'), typeof f.error])
			).toEqual([
				[true, 'string'],
				[false, 'undefined']
			]);
			for (const f of [...a.files, ...b.files])
				for (const k of ['file', 'kind', 'read', 'accepted', 'rejected', 'unchanged'])
					expect(f).toHaveProperty(k);
		} finally {
			spy.mockRestore();
			if (saved === undefined) delete process.env.CARELOOP_DB;
			else process.env.CARELOOP_DB = saved;
		}
	});

	// Was a bug (symlinks left out); fixed: a symlink is listed and imported like a file.
	it('every file found in a folder is listed, including a symlink to a file', async () => {
		const outside = await mkdtemp(join(tmpdir(), 'contract-link-'));
		await writeFile(join(outside, 'target.csv'), 'survey_id,submitted_at,csat\ns1,2024-01-01,5\n');
		const dir = await mkdtemp(join(tmpdir(), 'contract-ingest-'));
		await mkdir(join(dir, 'sub'));
		await symlink(join(outside, 'target.csv'), join(dir, 'surveys_link.csv'));
		db = await createTestDb();
		const { files } = await ingestPaths(db, [dir], { importedBy: 'contract test' });
		// "every file given (or found in a folder) is listed"; the folder is not recursive ("sub").
		expect(files.map((f) => f.name)).toEqual(['surveys_link.csv']);
	});
});

describe('contract: values', () => {
	it('integers, booleans, whitespace, enums, empty survey and every reason together', async () => {
		const body = [
			'survey_id,submitted_at,csat,nps,ces,resolved,comment',
			's1,2024-01-01, 4.0 ,10,7,YES,', // 4.0 is an integer, yes → true
			's2,2024-01-01,4.5,,,y,', // 4.5 invalid; "y" is no boolean spelling
			's3,2024-01-01,,,,TRUE,"   "', // whitespace-only comment = null → empty survey
			's4,2024-01-01,abc,,,,', // invalid csat only (an invalid value gives only its reason)
			',2024-02-30,6,11,0,maybe,x', // every reason at once
			's5,2024-01-01,,0,,0,', // nps 0 in range, "0" → false
			's6,2024-01-01,,,1,False,' // ces 1, False → false
		].join('\n');
		const { files } = await ingest({ 'surveys.csv': body });
		expect(counts(files[0])).toEqual({ read: 7, accepted: 3, rejected: 4, unchanged: 0 });
		expect((await rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[3, ['invalid csat', 'invalid resolved']],
			[4, ['empty survey']],
			[5, ['invalid csat']],
			[
				6,
				[
					'missing survey_id',
					'invalid submitted_at',
					'out of range csat',
					'out of range nps',
					'out of range ces',
					'invalid resolved'
				]
			]
		]);
		expect(
			await db!.all('SELECT survey_id, csat, nps, ces, resolved FROM surveys ORDER BY survey_id')
		).toEqual([
			{ survey_id: 's1', csat: 4, nps: 10, ces: 7, resolved: true },
			{ survey_id: 's5', csat: null, nps: 0, ces: null, resolved: false },
			{ survey_id: 's6', csat: null, nps: null, ces: 1, resolved: false }
		]);
	});

	it('timestamps: every offset form, fractions truncated to µs, impossible values invalid', async () => {
		const cases: [string, string | null][] = [
			['2024-03-01t10:00:00z', '2024-03-01 10:00:00'],
			['2024-03-01 10:00', '2024-03-01 10:00:00'],
			['2024-03-01T10:00:00.1234567+0100', '2024-03-01 09:00:00.123456'],
			['2024-03-01T10:00:00-01', '2024-03-01 11:00:00'],
			['2024-03-01T00:30+05:30', '2024-02-29 19:00:00'],
			['2024-03-01', '2024-03-01 00:00:00'],
			['2023-02-29', null],
			['2024-02-29T24:00', null],
			['2024-03-01T10:60', null],
			['2024-03-01T10:00:60', null],
			['2024-03-01T10', null],
			['2024-3-01', null],
			['2024-03-01T10:00:00+1', null]
		];
		const lines = cases.map(
			([t], i) => `{"survey_id":"t${i}","submitted_at":${JSON.stringify(t)},"csat":5}`
		);
		await ingest({ 'surveys.ndjson': lines.join('\n') });
		const stored = await db!.all<{ id: string; t: string }>(
			`SELECT survey_id AS id, CAST(submitted_at AS VARCHAR) AS t FROM surveys`
		);
		const got = new Map(stored.map((r) => [r.id, r.t]));
		expect(cases.map(([, _], i) => got.get(`t${i}`) ?? null)).toEqual(cases.map(([, e]) => e));
	});

	it('NDJSON "30" and 30 are the same value: re-import with native types is unchanged', async () => {
		await ingest({
			'interactions.csv': `${IH}\nn1,2024-03-01T00:00:00Z,voice,,p1,x,t,refill,30,1,,,resolved,,\n`
		});
		const { files } = await ingest({
			'interactions.ndjson':
				'{"interaction_id":"n1","started_at":"2024-03-01 00:00","channel":"VOICE","direction":null,"patient_id":"p1","agent_id":"x","team":"t","reason":"Refill","queue_seconds":"30.0","talk_seconds":1,"hold_seconds":"  ","disposition":"Resolved","extra":[1]}\n'
		});
		expect(counts(files[0])).toEqual({ read: 1, accepted: 1, rejected: 0, unchanged: 1 });
	});

	// Was a bug ("1e400" stored as +Infinity, then KPIs threw); fixed: non-finite numbers are invalid.
	it('a number too large for a double is invalid, not stored as Infinity', async () => {
		const { files } = await ingest({
			'interactions.csv': `${IH}\nb1,2024-01-01,voice,,,x,,general,,1e400,,,resolved,,\n`
		});
		expect(counts(files[0])).toEqual({ read: 1, accepted: 0, rejected: 1, unchanged: 0 });
	});

	// Was a bug (turn capped at 2^31 − 1); fixed: turn is a BIGINT, exact up to 2^53 − 1.
	it('transcript turn 2^31 is a valid integer ≥ 0', async () => {
		const { files } = await ingest({
			'transcripts.csv': 'interaction_id,turn,speaker,text\ni1,2147483648,agent,hello\n'
		});
		expect(counts(files[0])).toEqual({ read: 1, accepted: 1, rejected: 0, unchanged: 0 });
	});
});

describe('contract: duplicates, re-imports, --replace', () => {
	const row = (id: string, agent: string, when = '2024-03-01T00:00:00Z') =>
		`${id},${when},voice,,p1,${agent},t,refill,30,1,,,resolved,,`;

	it('in-file duplicates, rejected rows claim no key, same content unchanged', async () => {
		const body = [
			IH,
			row('d1', 'x'), // line 2 inserted
			row('d1', 'x'), // line 3 same content → unchanged
			row('d1', 'y'), // line 4 different → duplicate id
			row('d2', 'x', 'bad'), // line 5 invalid → claims no key
			row('d2', 'x', '2024-03-01T01:00:00+01:00') // line 6 inserted (same instant as 00:00Z)
		].join('\n');
		const first = await ingest({ 'interactions_1.csv': body });
		expect(counts(first.files[0])).toEqual({ read: 5, accepted: 3, rejected: 2, unchanged: 1 });
		expect((await rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[4, ['duplicate id']],
			[5, ['invalid started_at']]
		]);
		// Across files: d1 again identical (unchanged), d2 with another agent → duplicate id.
		const second = await ingest({
			'interactions_2.csv': [IH, row('d1', 'x'), row('d2', 'z')].join('\n')
		});
		expect(counts(second.files[0])).toEqual({ read: 2, accepted: 1, rejected: 1, unchanged: 1 });
	});

	it('--replace: the last copy wins, absent columns become null, accepted + rejected = read', async () => {
		await ingest({ 'interactions_1.csv': [IH, row('r1', 'x'), row('r2', 'x')].join('\n') });
		const { files } = await ingest(
			{
				'interactions_2.csv': [
					'interaction_id,started_at,channel,agent_id,reason,disposition',
					'r1,2024-03-01T00:00:00Z,voice,a5,refill,resolved',
					'r1,2024-03-01T00:00:00Z,voice,a6,refill,resolved',
					'r3,never,voice,a1,refill,resolved'
				].join('\n')
			},
			{ replace: true }
		);
		const f = files[0];
		expect([f.read, f.accepted, f.inserted, f.updated, f.unchanged, f.rejected]).toEqual([
			3, 2, 0, 2, 0, 1
		]);
		expect(
			await db!.all(
				`SELECT interaction_id AS id, agent_id, team, patient_id, queue_seconds FROM interactions ORDER BY id`
			)
		).toEqual([
			{ id: 'r1', agent_id: 'a6', team: null, patient_id: null, queue_seconds: null },
			{ id: 'r2', agent_id: 'x', team: 't', patient_id: 'p1', queue_seconds: 30 }
		]);
	});
});
