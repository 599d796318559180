// The pieces presets are made of: local times in a zone across DST, durations, NDC forms, the
// mapping format's checks, and Excel rows through the contract path.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listRejects } from '../rejects.ts';
import { createBench } from '../test-helpers.ts';
import { parseMapping } from './mapping.ts';
import { ndc11Candidates, ndcKey, ndcLookup } from './ndc.ts';
import { parseWall, toSeconds, toUtcText } from './time.ts';

const utc = (text: string, format: string, zone: string) =>
	toUtcText(parseWall(text, format)!, zone);

describe('local times', () => {
	it.each([
		// New York: 2025-03-09 02:00 EST jumps to 03:00 EDT; 2025-11-02 02:00 EDT falls to 01:00 EST.
		['2025-03-09 01:59:59', '2025-03-09T06:59:59Z'],
		['2025-03-09 03:00:00', '2025-03-09T07:00:00Z'],
		// 02:30 does not exist: the instant the gap ends (03:00 EDT), the site's one rule.
		['2025-03-09 02:30:00', '2025-03-09T07:00:00Z'],
		// 01:30 happens twice: the first (EDT, UTC−4).
		['2025-11-02 01:30:00', '2025-11-02T05:30:00Z'],
		['2025-11-02 02:30:00', '2025-11-02T07:30:00Z']
	])('%s in America/New_York is %s', (text, expected) => {
		expect(utc(text, 'YYYY-MM-DD HH:mm:ss', 'America/New_York')).toBe(expected);
	});

	it('reads offsets, 12-hour clocks, month names and rejects impossible dates', () => {
		expect(utc('2025-03-09T10:00:00-05:00', 'iso', 'Asia/Tokyo')).toBe('2025-03-09T15:00:00Z');
		expect(utc('03/09/2025 1:05:00 PM', 'MM/DD/YYYY h:mm:ss A', 'UTC')).toBe(
			'2025-03-09T13:05:00Z'
		);
		expect(utc('Thu, 27 Oct 2016 14:51:34', 'ddd, DD MMM YYYY HH:mm:ss', 'UTC')).toBe(
			'2016-10-27T14:51:34Z'
		);
		expect(parseWall('20250230', 'CCYYMMDD')).toBeNull();
		expect(parseWall('2025-02-29T00:00:00Z')).toBeNull();
	});

	it('converts durations', () => {
		expect(toSeconds('1:02:03', 'hms')).toBe(3723);
		expect(toSeconds('02:03', 'hms')).toBe(123);
		expect(toSeconds('90', 'hms')).toBe(90);
		expect(toSeconds('1500', 'ms')).toBe(1.5);
		expect(toSeconds('2.5', 'min')).toBe(150);
		expect(toSeconds('4 min', 's')).toBeNull();
	});
});

describe('NDC', () => {
	it.each([
		['0071-0155-23', ['00071015523']],
		['00006-277-31', ['00006027731']],
		['00006-0277-1', ['00006027701']],
		['00006-0277-31', ['00006027731']],
		['00006027731', ['00006027731']],
		// Bare 10 digits: 0 + all (4-4-2), 00060 + 0 + 27731 (5-3-2), 000602773 + 0 + 1 (5-4-1).
		['0006027731', ['00006027731', '00060027731', '00060277301']],
		['012345678905', []]
	])('%s → %j', (text, expected) => {
		expect(ndc11Candidates(text)).toEqual(expected);
	});

	it('looks a 10-digit code up only when exactly one reading is known', () => {
		const find = ndcLookup([{ ndc: '000060277', drugName: 'sitagliptin', drugClass: null }]);
		expect(find('0006027731')?.drugName).toBe('sitagliptin');
		expect(find('0071015523')).toBeNull();
		expect(ndcKey('0006-0277')).toBe('000060277');
		expect(ndcKey('00006-0277-31')).toBe('00006027731');
	});
});

describe('mapping format', () => {
	it.each([
		[{ kind: 'calls', columns: {} }, /^The mapping is not valid at kind: /],
		[
			{ kind: 'interactions', columns: { caller: { from: 'ANI' } } },
			/"caller", which is not a interactions column/
		],
		[
			{ kind: 'interactions', columns: { talk_seconds: { expr: 'avg(A, B)' } } },
			/"avg" is not one of/
		],
		[
			{ kind: 'interactions', sourceTimeZone: 'Mars/Olympus', columns: {} },
			/"Mars\/Olympus" is not a time zone name/
		]
	])('rejects %j in one sentence', (input, message) => {
		expect(() => parseMapping(input)).toThrow(message);
	});
});

describe('xlsx', () => {
	it('imports the first sheet, or a named one, with sheet rows as rejects lines', async () => {
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Notes').addRow(['nothing here']);
		const sheet = book.addWorksheet('Agents');
		sheet.addRow(['agent_id', 'name', 'team', 'active']);
		sheet.addRow(['A1', 'Ana Diaz', 'Team A', 'yes']);
		sheet.addRow(['A2', null, 'Team B', 'no']);
		sheet.addRow(['A3', 'Cara Lin', null, 'maybe']);
		const bytes = new Uint8Array(await book.xlsx.writeBuffer());
		const bench = await createBench();
		const first = await bench.load('agents.xlsx', bytes);
		expect(first.error).toBe('The file lacks the required agents columns "agent_id", "name".');
		const f = await bench.load('agents.xlsx', bytes, { source: { sheet: 'Agents' } });
		// Rows 2–4 of the sheet: A2 has no name, A3 an invalid active.
		expect([f.read, f.accepted, f.rejected, f.format]).toEqual([3, 1, 2, 'xlsx']);
		expect(f.source?.sheet).toBe('Agents');
		expect(await bench.rejects()).toEqual([
			{ line: 3, reasons: ['missing name'], raw: 'A2,,Team B,no' },
			{ line: 4, reasons: ['invalid active'], raw: 'A3,Cara Lin,,maybe' }
		]);
		const listed = await listRejects(bench.db);
		expect(listed.map((r) => [r.file, r.line])).toEqual([
			['agents.xlsx [Agents]', 3],
			['agents.xlsx [Agents]', 4]
		]);
		expect(await bench.db.all('SELECT agent_id, name, team, active FROM agents')).toEqual([
			{ agent_id: 'A1', name: 'Ana Diaz', team: 'Team A', active: true }
		]);
	});
});

describe('a hand-written mapping', () => {
	it('reads another platform through the same path (constants, units, value maps, when-rules)', async () => {
		const mapping = parseMapping({
			name: 'Talkdesk calls',
			kind: 'interactions',
			sourceTimeZone: 'Europe/London',
			columns: {
				interaction_id: { from: 'Interaction ID' },
				started_at: { from: 'Started At', date: 'DD/MM/YYYY HH:mm' },
				channel: { const: 'voice' },
				direction: { from: 'Direction', map: { in: 'inbound', out: 'outbound' } },
				agent_id: { from: 'User ID' },
				reason: { const: 'general' },
				talk_seconds: { from: 'Talk Time', unit: 'hms' },
				hold_seconds: { from: 'Hold Time', unit: 'hms' },
				disposition: {
					when: [{ column: 'Abandon Time', in: [''], value: 'resolved' }],
					const: 'abandoned'
				}
			}
		});
		const bench = await createBench();
		const csv = [
			'Interaction ID,Started At,Direction,User ID,Talk Time,Hold Time,Abandon Time',
			// 30 March 2025 01:30 does not exist in London (clocks go 01:00 → 02:00): the gap's end, 02:00 BST.
			'T1,30/03/2025 01:30,in,u1,00:02:00,00:00:30,',
			'T2,29/03/2025 23:00,in,,,,00:00:40',
			'T3,30/03/2025 10:00,sideways,u2,00:01:00,,'
		].join('\n');
		const f = await bench.load('calls.csv', csv, { kind: 'interactions', source: { mapping } });
		expect([f.read, f.accepted, f.rejected]).toEqual([3, 2, 1]);
		expect((await bench.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[4, ['invalid direction']]
		]);
		expect(
			await bench.db.all(
				`SELECT interaction_id AS id, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS at, talk_seconds AS talk,
					hold_seconds AS hold, disposition AS disp FROM interactions ORDER BY 1`
			)
		).toEqual([
			// 02:00 BST = 01:00Z.
			{ id: 'T1', at: '2025-03-30T01:00:00Z', talk: 120, hold: 30, disp: 'resolved' },
			// 23:00 GMT = 23:00Z.
			{ id: 'T2', at: '2025-03-29T23:00:00Z', talk: null, hold: null, disp: 'abandoned' }
		]);
	});
});
