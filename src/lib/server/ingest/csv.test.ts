// CSV by RFC 4180 and the contract's record rules: BOM, CRLF, quoting, line numbers, raw text,
// blank lines, malformed records and whole-file failures.
import { describe, expect, it } from 'vitest';
import { INTERACTIONS_HEADER as H, createBench, interactionRow as row } from './test-helpers.ts';

describe('CSV records', () => {
	it('reads a BOM + CRLF file with quoted commas, quotes and newlines; lines count physical lines', async () => {
		const b = await createBench();
		const content =
			'\uFEFF' +
			[
				H,
				row('I1'),
				// Quoted comma and doubled quotes in team; the record is one physical line (line 3).
				'I2,2025-01-06T09:00:00Z,chat,inbound,P1,A1,"Team ""B"", north",refill,1,2,3,4,resolved,,',
				// A quoted newline: this record spans lines 4–5, so the next one starts on line 6.
				'I3,2025-01-06T09:00:00Z,sms,inbound,P1,A1,"two\r\nlines",refill,1,2,3,4,resolved,,',
				'I4,2025-01-06T09:00:00Z,fax,inbound,P1,A1,t,refill,1,2,3,4,resolved,,'
			].join('\r\n') +
			'\r\n';
		const r = await b.load('interactions.csv', content);
		// 4 records after the header; I4 has channel fax → 3 accepted, 1 rejected.
		expect(r).toMatchObject({ read: 4, accepted: 3, inserted: 3, rejected: 1 });
		expect(r.error).toBeUndefined();
		expect(await b.rejects()).toEqual([
			{
				line: 6,
				reasons: ['invalid channel'],
				raw: 'I4,2025-01-06T09:00:00Z,fax,inbound,P1,A1,t,refill,1,2,3,4,resolved,,'
			}
		]);
		const teams = await b.db.all<{ id: string; team: string }>(
			'SELECT interaction_id AS id, team FROM interactions ORDER BY 1'
		);
		expect(teams).toEqual([
			{ id: 'I1', team: 'Team A' },
			{ id: 'I2', team: 'Team "B", north' },
			{ id: 'I3', team: 'two\r\nlines' }
		]);
	});

	it('gives the start line and exact raw text of a multi-line malformed record', async () => {
		const b = await createBench();
		// Line 2 is fine; the record on lines 3–4 has a quoted newline but only 3 fields.
		const content = `${H}\n${row('I1')}\nI2,"a\nb",x\n${row('I3')}\n`;
		const r = await b.load('interactions.csv', content);
		expect(r).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		expect(await b.rejects()).toEqual([
			{ line: 3, reasons: ['malformed record'], raw: 'I2,"a\nb",x' }
		]);
	});

	it('skips blank lines and the final newline; a stray quote makes a malformed record', async () => {
		const b = await createBench();
		// Lines: 1 header, 2 row, 3 blank, 4 row, 5 bad quoting, 6 blank, then the final newline.
		const content = `${H}\n${row('I1')}\n\n${row('I2')}\nI3,2025-01-06,voice,in"bound,P1,A1,t,refill,1,2,3,4,resolved,,"x\n\n`;
		const r = await b.load('interactions.csv', content);
		// The stray quote opens a field that the trailing `"x` closes: one record, bad quoting.
		expect(r).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
		const [reject] = await b.rejects();
		expect(reject.line).toBe(5);
		expect(reject.reasons).toEqual(['malformed record']);
	});

	it('reads quote-everything records, and a quoted comma never passes for a field boundary', async () => {
		const b = await createBench();
		// Line 2: 14 real fields (outcome missing), but splitting at every comma would give 15.
		const short =
			'I1,2025-01-06T09:00:00Z,voice,inbound,P1,A1,"North, east",refill,1,2,3,4,resolved,x';
		const all =
			'"I2","2025-01-06T09:00:00Z","voice","inbound","P1","A1","Team ""A""","refill","1","2","3","4","resolved","",""';
		const r = await b.load('interactions.csv', `${H}\n${short}\n${all}\n`);
		expect(r).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
		expect(await b.rejects()).toEqual([{ line: 2, reasons: ['malformed record'], raw: short }]);
		const i2 = await b.db.one(`SELECT team, campaign, talk_seconds FROM interactions`);
		expect(i2).toEqual({ team: 'Team "A"', campaign: null, talk_seconds: 2 });
	});

	it('wrong field counts are malformed records, never fatal', async () => {
		const b = await createBench();
		const content = `${H}\n${row('I1')},extra\nI2,2025-01-06\n${row('I3')}\n`;
		const r = await b.load('interactions.csv', content);
		expect(r).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
		expect(await b.rejects()).toEqual([
			{ line: 2, reasons: ['malformed record'], raw: `${row('I1')},extra` },
			{ line: 3, reasons: ['malformed record'], raw: 'I2,2025-01-06' }
		]);
	});

	it('matches columns case-insensitively in any order, ignores unknown ones, keeps Unicode', async () => {
		const b = await createBench();
		const content =
			'Reason,DISPOSITION,Channel,Started_At,Interaction_ID,Agent_Id,Notes\n' +
			'Refill,Resolved,VOICE,2025-01-06T09:00:00Z,Ñandú-1 ✓,Agënt 7,anything\n';
		const r = await b.load('Interactions-2025.CSV', content);
		expect(r).toMatchObject({ kind: 'interactions', read: 1, accepted: 1 });
		const stored = await b.db.one(
			'SELECT interaction_id, agent_id, channel, disposition, reason, direction FROM interactions'
		);
		// Enums and reason lower-cased; direction defaults to inbound; ids keep their case.
		expect(stored).toEqual({
			interaction_id: 'Ñandú-1 ✓',
			agent_id: 'Agënt 7',
			channel: 'voice',
			disposition: 'resolved',
			reason: 'refill',
			direction: 'inbound'
		});
	});

	it('a header-only file and an empty file read 0 rows', async () => {
		const b = await createBench();
		for (const [name, content] of [
			['interactions-a.csv', `${H}\r\n`],
			['interactions-b.csv', '']
		]) {
			const r = await b.load(name, content);
			expect(r).toMatchObject({ read: 0, accepted: 0, rejected: 0 });
			expect(r.error).toBeUndefined();
		}
		const logged = await b.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM import_log');
		expect(logged?.n).toBe(2);
	});
});

describe('CSV whole-file failures land nothing', () => {
	const cases: [string, string | Uint8Array, RegExp][] = [
		[
			'duplicate header names',
			'interaction_id,started_at,channel,reason,disposition,Channel\n',
			/more than once/
		],
		[
			'a missing required column',
			'interaction_id,started_at,channel,disposition\nI1,2025-01-06,voice,resolved\n',
			/"reason"/
		],
		[
			'invalid UTF-8',
			Buffer.concat([Buffer.from(`${H}\n`), Buffer.from([0x49, 0xff, 0xfe, 0x0a])]),
			/UTF-8/
		]
	];
	it.each(cases)('%s', async (_, content, message) => {
		const b = await createBench();
		const r = await b.load('interactions.csv', content);
		expect(r.error).toMatch(message);
		expect(r.error?.split('. ').length).toBe(1);
		expect(r).toMatchObject({ read: 0, accepted: 0, importId: null });
		const counts = await b.db.one(`SELECT (SELECT count(*) FROM interactions)::INTEGER AS rows,
			(SELECT count(*) FROM import_log)::INTEGER AS logs, (SELECT count(*) FROM rejects)::INTEGER AS rejects`);
		expect(counts).toEqual({ rows: 0, logs: 0, rejects: 0 });
	});
});
