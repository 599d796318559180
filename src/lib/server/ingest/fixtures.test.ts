// The hand-checked batch in tests/fixtures/ingest/batch: one file per kind and format, each with
// its rejects worked out by hand (see the comments), imported as a folder and then again.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createBench } from './test-helpers.ts';

const BATCH = join(
	dirname(fileURLToPath(import.meta.url)),
	'../../../../tests/fixtures/ingest/batch'
);

describe('fixture batch', () => {
	it('imports every kind and format with hand-computed counts, then re-imports as unchanged', async () => {
		const b = await createBench();
		const first = await b.ingest([BATCH]);
		// Code-point order of the paths; readme.md has no known kind.
		// fills.csv: F-3 2025-02-30 is no date, F-4 days_supply 0 → 4 read, 2 accepted.
		// interactions.csv (BOM, CRLF): 8 records (I-004 spans lines 5–6); I-005 hour 25 is
		// invalid; line 8 repeats I-001 exactly and line 9 is I-002 in another spelling
		// (08:15Z = 09:15+01:00, enum case, direction null = inbound) → unchanged; line 10 is
		// I-003 with talk 61 instead of 60 → duplicate id. 4 inserted + 2 unchanged, 2 rejected.
		// surveys.ndjson: 6 non-blank lines; S-3 empty, S-4 csat is an array, line 6 is not JSON.
		// transcripts.json: element 3 reuses key (I-001, 1) with other text, element 4 has speaker
		// pharmacist, element 5 is a string.
		expect(
			first.map((f) => [
				f.name,
				f.kind,
				f.format,
				f.read,
				f.inserted,
				f.unchanged,
				f.rejected,
				f.skipped ?? false
			])
		).toEqual([
			['fills.csv', 'fills', 'csv', 4, 2, 0, 2, false],
			['interactions.csv', 'interactions', 'csv', 8, 4, 2, 2, false],
			['readme.md', null, null, 0, 0, 0, 0, true],
			['surveys.ndjson', 'surveys', 'ndjson', 6, 3, 0, 3, false],
			['transcripts.json', 'transcripts', 'json', 5, 2, 0, 3, false]
		]);
		expect((await b.rejects()).map((r) => [r.line, r.reasons, r.raw])).toEqual([
			[4, ['invalid fill_date'], 'F-3,P-2,Metformin,DIABETES,2025-02-30,90,180,'],
			[5, ['out of range days_supply'], 'F-4,P-2,metformin,diabetes,2025-03-01,0,180,'],
			[
				7,
				['invalid started_at'],
				'I-005,2025-01-31T25:00:00Z,voice,inbound,P-5,A-3,Team North,billing,1,1,1,1,resolved,,'
			],
			[
				10,
				['duplicate id'],
				'I-003,2025-01-06T10:00:00Z,voice,outbound,P-3,A-1,"Outreach ""Rx""",refill,,61,,10,resolved,Refill_Reminder,Reached'
			],
			[4, ['empty survey'], '{"survey_id":"S-3","submitted_at":"2025-01-07T10:00:00Z"}'],
			[5, ['invalid csat'], '{"survey_id":"S-4","submitted_at":"2025-01-07T10:00:00Z","csat":[5]}'],
			[6, ['malformed record'], 'not json'],
			[
				3,
				['duplicate id'],
				'{"interaction_id":"I-001","turn":1,"speaker":"patient","offset_seconds":4,"text":"Different text"}'
			],
			[
				4,
				['invalid speaker'],
				'{"interaction_id":"I-001","turn":2,"speaker":"pharmacist","text":"..."}'
			],
			[5, ['malformed record'], '"oops"']
		]);
		const i004 = await b.db.one(
			`SELECT reason, agent_id, team FROM interactions WHERE interaction_id = 'I-004'`
		);
		expect(i004).toEqual({ reason: 'wrong\r\ndose', agent_id: null, team: null });
		const s1 = await b.db.one(`SELECT comment, resolved FROM surveys WHERE survey_id = 'S-1'`);
		expect(s1).toEqual({ comment: 'The pharmacist was very kind 😊', resolved: true });

		const again = await b.ingest([BATCH]);
		expect(
			again.map((f) => [f.name, f.read, f.inserted, f.updated, f.unchanged, f.rejected])
		).toEqual([
			['fills.csv', 4, 0, 0, 2, 2],
			['interactions.csv', 8, 0, 0, 6, 2],
			['readme.md', 0, 0, 0, 0, 0],
			['surveys.ndjson', 6, 0, 0, 3, 3],
			['transcripts.json', 5, 0, 0, 2, 3]
		]);
		// The same content again supersedes its earlier rejects instead of listing them twice.
		expect((await b.rejects()).length).toBe(10);
	});

	it('with --replace, the later different copy in a file wins instead of being rejected', async () => {
		const b = await createBench();
		const files = await b.ingest([BATCH], { replace: true });
		// interactions: line 10 (I-003, talk 61) now updates the row line 4 inserted; transcripts:
		// element 3 updates (I-001, 1). Everything else as without --replace.
		expect(
			files.map((f) => [f.name, f.read, f.inserted, f.updated, f.unchanged, f.rejected])
		).toEqual([
			['fills.csv', 4, 2, 0, 0, 2],
			['interactions.csv', 8, 4, 1, 2, 1],
			['readme.md', 0, 0, 0, 0, 0],
			['surveys.ndjson', 6, 3, 0, 0, 3],
			['transcripts.json', 5, 2, 1, 0, 2]
		]);
		const talk = await b.db.one(
			`SELECT talk_seconds AS t FROM interactions WHERE interaction_id = 'I-003'`
		);
		expect(talk).toEqual({ t: 61 });
		const text = await b.db.one(
			`SELECT text FROM transcripts WHERE interaction_id = 'I-001' AND turn = 1`
		);
		expect(text).toEqual({ text: 'Different text' });
	});

	it('reads Parquet by column names, any case, with rejects as compact JSON rows', async () => {
		const b = await createBench();
		const path = join(b.dir, 'fills-export.parquet');
		await b.db.run(`COPY (SELECT * FROM (VALUES
			('F-1', 'P-1', 'Lisinopril', DATE '2025-01-02', 30, 30.0),
			('F-2', 'P-1', 'lisinopril', DATE '2025-02-01', 400, NULL)
		) t("FILL_ID", "Patient_Id", "drug_name", "fill_date", "days_supply", "quantity")) TO '${path}' (FORMAT parquet)`);
		const [r] = await b.ingest([path]);
		expect(r).toMatchObject({ format: 'parquet', read: 2, inserted: 1, rejected: 1 });
		const [reject] = await b.rejects();
		expect(reject.line).toBe(2);
		expect(reject.reasons).toEqual(['out of range days_supply']);
		expect(JSON.parse(reject.raw)).toMatchObject({ FILL_ID: 'F-2', days_supply: 400 });
	});
});
