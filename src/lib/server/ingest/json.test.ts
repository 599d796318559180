// JSON arrays and NDJSON: element indexes and compact raw text, malformed records, whole-file
// failures, and formats told by extension or content.
import { describe, expect, it } from 'vitest';
import { createBench } from './test-helpers.ts';

const fill = (id: string, extra = '') =>
	`{"fill_id": "${id}", "patient_id": "P1", "drug_name": "Metformin", "fill_date": "2025-01-06", "days_supply": 30${extra}}`;

describe('JSON arrays', () => {
	it('numbers rejects by 1-based element index with the element serialised compactly', async () => {
		const b = await createBench();
		const f3 =
			'{ "fill_id" : "F3",\n "patient_id": "P1", "drug_name": "x", "fill_date": "2025-01-06", "days_supply": 0 }';
		const content = `[\n  ${fill('F1')},\n  42,\n  ${f3},\n  ["x"],\n  ${fill('F5', ', "store": null')}\n]`;
		const r = await b.load('fills.json', content);
		// 5 elements: 42 and ["x"] are not objects; F3 has days_supply 0 → out of range.
		expect(r).toMatchObject({ format: 'json', read: 5, accepted: 2, rejected: 3 });
		const rejects = await b.rejects();
		expect(rejects.map((x) => [x.line, x.reasons, x.raw])).toEqual([
			[2, ['malformed record'], '42'],
			[
				3,
				['out of range days_supply'],
				'{"fill_id":"F3","patient_id":"P1","drug_name":"x","fill_date":"2025-01-06","days_supply":0}'
			],
			[4, ['malformed record'], '["x"]']
		]);
	});

	it('reads [] and an empty file as 0 rows; fails a non-array and invalid JSON as a whole', async () => {
		const b = await createBench();
		expect(await b.load('fills-a.json', '[]')).toMatchObject({ read: 0, importId: 1 });
		expect(await b.load('fills-b.json', '')).toMatchObject({ read: 0, importId: 2 });
		const object = await b.load('fills-c.json', fill('F1'));
		expect(object.error).toMatch(/JSON but not an array/);
		const broken = await b.load('fills-d.json', `[${fill('F1')},`);
		expect(broken.error).toMatch(/not valid JSON/);
		const n = await b.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM fills');
		expect(n?.n).toBe(0);
	});
});

describe('NDJSON', () => {
	it('keeps invalid lines and non-objects as malformed records; blank lines are not rows', async () => {
		const b = await createBench();
		// Line 1 starts with a BOM; line 3 is blank; CRLF endings.
		const lines = [
			'\uFEFF' + fill('F1'),
			'{"fill_id": "F2",',
			'',
			'[1, 2]',
			'   ',
			fill('F6', ', "quantity": "90"')
		];
		const r = await b.load('fills.ndjson', lines.join('\r\n') + '\r\n');
		expect(r).toMatchObject({ format: 'ndjson', read: 4, accepted: 2, rejected: 2 });
		expect((await b.rejects()).map((x) => [x.line, x.reasons, x.raw])).toEqual([
			[2, ['malformed record'], '{"fill_id": "F2",'],
			[4, ['malformed record'], '[1, 2]']
		]);
	});

	it('tells the format from content when the extension says nothing', async () => {
		const b = await createBench();
		expect(await b.load('fills-export', fill('F1') + '\n' + fill('F2'))).toMatchObject({
			format: 'ndjson',
			inserted: 2
		});
		expect(await b.load('fills-array', `[${fill('F3')}]`)).toMatchObject({
			format: 'json',
			inserted: 1
		});
		expect(
			await b.load(
				'fills-table',
				'fill_id,patient_id,drug_name,fill_date,days_supply\nF4,P1,x,2025-01-01,1\n'
			)
		).toMatchObject({ format: 'csv', inserted: 1 });
	});
});
