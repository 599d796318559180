// The contract's value rules, one kind at a time: every reason, enums and lower-casing, the
// timestamp grammar, integers, numbers, booleans, trimming. Expectations are worked by hand.
import { describe, expect, it } from 'vitest';
import { INTERACTIONS_HEADER as H, createBench } from './test-helpers.ts';
import { rejectsToCsv } from './rejects.ts';

const at = (id: string, ts: string) => `${id},${ts},voice,,,A1,,refill,,,,,resolved,,`;

describe('timestamps', () => {
	const valid: [string, string][] = [
		['2025-03-04T05:06:07Z', '2025-03-04 05:06:07.000000'],
		['2025-03-04 05:06', '2025-03-04 05:06:00.000000'],
		['2025-03-04t05:06:07+02:00', '2025-03-04 03:06:07.000000'], // 05:06 at +2 h is 03:06 UTC
		['2025-03-04T05:06:07-0530', '2025-03-04 10:36:07.000000'], // 05:06:07 + 5 h 30
		['2025-03-04T05:06:07+01', '2025-03-04 04:06:07.000000'],
		['2025-03-04T05:06:07.123456789z', '2025-03-04 05:06:07.123456'], // truncated, not rounded
		['2025-03-04T05:06:07.5', '2025-03-04 05:06:07.500000'], // no offset means UTC
		['2025-03-04', '2025-03-04 00:00:00.000000'],
		['2025-03-04T23:30:00-01:00', '2025-03-05 00:30:00.000000'], // crosses midnight
		['2024-02-29T12:00:00Z', '2024-02-29 12:00:00.000000'], // leap day
		['  2025-03-04T05:06:07Z  ', '2025-03-04 05:06:07.000000'] // trimmed
	];
	const invalid = [
		'2025-02-29T00:00:00Z', // 2025 is not a leap year
		'2025-13-01',
		'2025-03-04T24:00',
		'2025-03-04T10:60',
		'2025-03-04T05:06:61',
		'04/03/2025',
		'2025-03-04Z', // an offset needs a time
		'2025-03-04T05',
		'2025-03-04T05:06:07+2',
		'20250304T050607Z',
		'yesterday'
	];

	it('stores valid forms as UTC and rejects the rest as invalid started_at', async () => {
		const b = await createBench();
		const rows = [
			...valid.map(([ts], i) => at(`V${i}`, ts)),
			...invalid.map((ts, i) => at(`X${i}`, ts))
		];
		const r = await b.load('interactions.csv', `${H}\n${rows.join('\n')}\n`);
		expect(r).toMatchObject({
			read: valid.length + invalid.length,
			accepted: valid.length,
			rejected: invalid.length
		});
		const stored = await b.db.all<{ id: string; ts: string }>(
			`SELECT interaction_id AS id, strftime(started_at, '%Y-%m-%d %H:%M:%S.%f') AS ts FROM interactions`
		);
		const byId = new Map(stored.map((s) => [s.id, s.ts]));
		valid.forEach(([source, expected], i) =>
			expect([source, byId.get(`V${i}`)]).toEqual([source, expected])
		);
		const rejects = await b.rejects();
		expect(rejects.map((x) => x.reasons)).toEqual(invalid.map(() => ['invalid started_at']));
		// Rejects come in line order: the invalid rows follow the valid ones (header is line 1).
		expect(rejects.map((x) => x.line)).toEqual(invalid.map((_, i) => valid.length + 2 + i));
	});
});

describe('interactions', () => {
	it('gives every reason that applies, and the agent rule follows the disposition', async () => {
		const b = await createBench();
		const rows = [
			// Abandoned needs no agent; direction and channel any case; campaign lower-cased.
			'A1,2025-01-06T09:00:00Z,Voice,Outbound,,,,Refill,0,0,0,0,Abandoned,Refill_Reminder,No_Answer',
			// Not abandoned without agent → missing agent_id; negative and unit-bearing seconds.
			'A2,2025-01-06T09:00:00Z,chat,,P1,,,billing,-1,12s,1.5,,resolved,,',
			// Everything required missing; an invalid disposition still requires an agent.
			',,,,,,,,,,,,,,',
			'A4,2025-01-06,app,sideways,P1,,T,other,1,1,1,1,maybe,,called'
		];
		const r = await b.load('interactions.csv', `${H}\n${rows.join('\n')}\n`);
		expect(r).toMatchObject({ read: 4, accepted: 1, rejected: 3 });
		expect((await b.rejects()).map((x) => x.reasons)).toEqual([
			['missing agent_id', 'out of range queue_seconds', 'invalid talk_seconds'],
			[
				'missing interaction_id',
				'missing started_at',
				'missing channel',
				'missing agent_id',
				'missing reason',
				'missing disposition'
			],
			['invalid direction', 'missing agent_id', 'invalid disposition', 'invalid outcome']
		]);
		const a1 = await b.db.one(
			'SELECT channel, direction, agent_id, reason, disposition, campaign, outcome FROM interactions'
		);
		expect(a1).toEqual({
			channel: 'voice',
			direction: 'outbound',
			agent_id: null,
			reason: 'refill',
			disposition: 'abandoned',
			campaign: 'refill_reminder',
			outcome: 'no_answer'
		});
	});
});

describe('one broken rule', () => {
	// Rows that break no rule skip building the reasons list (rules.ts): each row here breaks
	// exactly one rule of a valid row, so it must still be rejected with that one reason.
	const base = [
		'B',
		'2025-01-06T09:00:00Z',
		'voice',
		'inbound',
		'P1',
		'A1',
		'T1',
		'refill',
		'1',
		'2',
		'3',
		'4',
		'resolved',
		'c',
		'reached'
	];
	const broken: [number, string, string][] = [
		[0, '', 'missing interaction_id'],
		[1, '', 'missing started_at'],
		[1, '2025-02-30', 'invalid started_at'],
		[1, '2025-03-04 05:06:07+2', 'invalid started_at'],
		[2, '', 'missing channel'],
		[2, 'fax', 'invalid channel'],
		[3, 'sideways', 'invalid direction'],
		[5, '', 'missing agent_id'],
		[7, '', 'missing reason'],
		[8, '-0.5', 'out of range queue_seconds'],
		[9, '1e400', 'invalid talk_seconds'],
		[10, '3 s', 'invalid hold_seconds'],
		[11, '-1', 'out of range wrap_seconds'],
		[12, '', 'missing disposition'],
		[12, 'lost', 'invalid disposition'],
		[14, 'maybe', 'invalid outcome']
	];

	it('rejects an interaction for the one rule it breaks, and only that reason', async () => {
		const b = await createBench();
		const rows = broken.map(([at, value], i) => {
			const fields = [...base];
			fields[0] = `B${i}`;
			fields[at] = value;
			return fields.join(',');
		});
		// Still valid: no direction (inbound), and no agent when abandoned in any case.
		const valid = [
			base.map((f, i) => (i === 3 ? '' : f)).join(','),
			base.map((f, i) => (i === 0 ? 'V2' : i === 5 ? '' : i === 12 ? 'ABANDONED' : f)).join(',')
		];
		const r = await b.load('interactions.csv', `${H}\n${[...rows, ...valid].join('\n')}\n`);
		expect(r).toMatchObject({ read: 18, accepted: 2, rejected: 16 });
		// Row i of `broken` is on line i + 2 (the header is line 1).
		expect((await b.rejects()).map((x) => [x.line, x.reasons])).toEqual(
			broken.map(([, , reason], i) => [i + 2, [reason]])
		);
	});

	it('rejects a survey for one bad score, a missing id or no content at all', async () => {
		const b = await createBench();
		const header = 'survey_id,interaction_id,patient_id,submitted_at,csat,nps,ces,resolved,comment';
		const rows = [
			'S1,,,2025-01-06,0,,,,', // csat below 1
			'S2,,,2025-01-06,,10.5,,,', // not an integer
			'S3,,,2025-01-06,,,8,,', // ces above 7
			'S4,,,2025-01-06,,,,sometimes,ok',
			',,,2025-01-06,5,,,,',
			'S6,,,2025-01-06,,,,yes,', // a resolved flag alone is not content
			'S7,,,2025-01-06,,,,,fine' // a comment alone is
		];
		const r = await b.load('surveys.csv', `${header}\n${rows.join('\n')}\n`);
		expect(r).toMatchObject({ read: 7, accepted: 1, rejected: 6 });
		expect((await b.rejects()).map((x) => [x.line, x.reasons])).toEqual([
			[2, ['out of range csat']],
			[3, ['invalid nps']],
			[4, ['out of range ces']],
			[5, ['invalid resolved']],
			[6, ['missing survey_id']],
			[7, ['empty survey']]
		]);
	});
});

describe('surveys', () => {
	const header = 'survey_id,interaction_id,patient_id,submitted_at,csat,nps,ces,resolved,comment';
	it('checks integers, ranges, booleans and the empty-survey rule', async () => {
		const b = await createBench();
		const rows = [
			'S1,I1,P1,2025-01-06T10:00:00+02:00,5,10,1,Yes,"Great, thanks"',
			'S2,,,2025-01-06,4.0,0,7,no,',
			'S3,,,2025-01-06,4.5,11,0,maybe,x',
			'S4,,,2025-01-06,,,,TRUE,  ',
			'S5,,,2025-01-06,abc,,,,',
			',,,bad,6,,,1,c',
			'S7,,,,,,,,'
		];
		const r = await b.load('surveys.csv', `${header}\n${rows.join('\n')}\n`);
		// S1 and S2 pass; the five others are rejected.
		expect(r).toMatchObject({ read: 7, accepted: 2, rejected: 5 });
		expect((await b.rejects()).map((x) => [x.line, x.reasons])).toEqual([
			[4, ['invalid csat', 'out of range nps', 'out of range ces', 'invalid resolved']],
			[5, ['empty survey']],
			[6, ['invalid csat']], // an invalid score is present: only its own reason
			[7, ['missing survey_id', 'invalid submitted_at', 'out of range csat']],
			[8, ['missing submitted_at', 'empty survey']]
		]);
		const stored = await b.db.all(
			`SELECT survey_id, strftime(submitted_at, '%Y-%m-%d %H:%M') AS at, csat, nps, ces, resolved, comment
			FROM surveys ORDER BY survey_id`
		);
		expect(stored).toEqual([
			{
				survey_id: 'S1',
				at: '2025-01-06 08:00',
				csat: 5,
				nps: 10,
				ces: 1,
				resolved: true,
				comment: 'Great, thanks'
			},
			{
				survey_id: 'S2',
				at: '2025-01-06 00:00',
				csat: 4,
				nps: 0,
				ces: 7,
				resolved: false,
				comment: null
			}
		]);
	});
});

describe('fills', () => {
	it('checks dates, days_supply, numbers and the class enum; lower-cases drug_name', async () => {
		const b = await createBench();
		const rows = [
			'F1,P1,Atorvastatin,Statin,2024-02-29,30,30,S1',
			'F2,P1,metformin,,2025-02-29,0,x,',
			'F3,,,insulin,2025-01-06T00:00:00Z,366,,',
			'F4,P2,Lisinopril,,2025-01-06,30.0,,',
			'F5,P2,lisinopril,,2025-01-06,30.5,,'
		];
		const r = await b.load(
			'fills.csv',
			`fill_id,patient_id,drug_name,drug_class,fill_date,days_supply,quantity,store\n${rows.join('\n')}\n`
		);
		expect(r).toMatchObject({ read: 5, accepted: 2, rejected: 3 });
		expect((await b.rejects()).map((x) => x.reasons)).toEqual([
			['invalid fill_date', 'out of range days_supply', 'invalid quantity'],
			[
				'missing patient_id',
				'missing drug_name',
				'invalid drug_class',
				'invalid fill_date',
				'out of range days_supply'
			],
			['invalid days_supply']
		]);
		const stored = await b.db.all(
			`SELECT fill_id, drug_name, drug_class, strftime(fill_date, '%Y-%m-%d') AS d, days_supply, quantity FROM fills ORDER BY 1`
		);
		expect(stored).toEqual([
			{
				fill_id: 'F1',
				drug_name: 'atorvastatin',
				drug_class: 'statin',
				d: '2024-02-29',
				days_supply: 30,
				quantity: 30
			},
			{
				fill_id: 'F4',
				drug_name: 'lisinopril',
				drug_class: null,
				d: '2025-01-06',
				days_supply: 30,
				quantity: null
			}
		]);
	});
});

describe('transcripts (NDJSON)', () => {
	it('reads native JSON values by their text form; arrays and objects are invalid', async () => {
		const b = await createBench();
		const lines = [
			'{"interaction_id":"I1","turn":0,"speaker":"Agent","offset_seconds":0,"text":"Hello"}',
			'{"Interaction_ID":"I1","TURN":"1","speaker":"patient","offset_seconds":"2.5","text":"  Hí 👋  ","extra":{"a":1}}',
			'{"interaction_id":"I1","turn":-1,"speaker":"bot","offset_seconds":-1,"text":""}',
			'{"interaction_id":"I1","turn":1.5,"speaker":"agent","text":["a"]}',
			'{"interaction_id":null,"turn":null,"speaker":null,"text":null}',
			'{"interaction_id":"I1","turn":2.0,"speaker":"system","text":{"t":1}}'
		];
		const r = await b.load('transcripts.ndjson', lines.join('\n') + '\n');
		expect(r).toMatchObject({ read: 6, accepted: 2, rejected: 4 });
		expect((await b.rejects()).map((x) => [x.line, x.reasons])).toEqual([
			[3, ['out of range turn', 'invalid speaker', 'out of range offset_seconds', 'missing text']],
			[4, ['invalid turn', 'invalid text']],
			[5, ['missing interaction_id', 'missing turn', 'missing speaker', 'missing text']],
			[6, ['invalid text']]
		]);
		const stored = await b.db.all(
			'SELECT turn, speaker, offset_seconds, text FROM transcripts ORDER BY turn'
		);
		expect(stored).toEqual([
			{ turn: 0, speaker: 'agent', offset_seconds: 0, text: 'Hello' },
			{ turn: 1, speaker: 'patient', offset_seconds: 2.5, text: 'Hí 👋' }
		]);
	});
});

describe('rejectsToCsv', () => {
	const reject = { file: '=cmd.csv', line: 3, reasons: ['invalid channel'], raw: '-2,"a,b"' };
	it('keeps raw text exact for the command line', () => {
		// file, line, reasons, raw — raw needs quoting for its comma and doubled quotes.
		expect(rejectsToCsv([reject as never])).toBe(
			'file,line,reasons,raw\r\n=cmd.csv,3,invalid channel,"-2,""a,b"""\r\n'
		);
	});
	it('defuses formula-like cells in the spreadsheet download', () => {
		expect(rejectsToCsv([reject as never], { spreadsheetSafe: true })).toBe(
			'file,line,reasons,raw\r\n\'=cmd.csv,3,invalid channel,"\'-2,""a,b"""\r\n'
		);
	});
});
