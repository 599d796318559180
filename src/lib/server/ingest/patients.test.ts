// The optional patients kind through the ordinary import path, in each format: rows land with
// their date of birth typed; bad ones are kept with their reasons; a re-import changes nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBench } from './test-helpers.ts';

const stored = `SELECT patient_id, name, phone, strftime(date_of_birth, '%Y-%m-%d') AS dob
	FROM patients ORDER BY patient_id`;

describe('patients', () => {
	it('imports a CSV, keeps bad rows with reasons, and changes nothing on a second import', async () => {
		const b = await createBench();
		const csv = [
			'patient_id,name,phone,date_of_birth',
			'P1,Ana Diaz,(212) 555-0101,1950-02-03',
			'P2,Ben Okafor,,',
			',No Id,(212) 555-0102,1960-01-01',
			'P4,Bad Date,(212) 555-0103,1960-02-30'
		].join('\n');
		// 4 records: P1 and P2 land; the third lacks its id, the fourth's date does not exist.
		expect(await b.load('patients.csv', csv)).toMatchObject({
			kind: 'patients',
			read: 4,
			accepted: 2,
			rejected: 2
		});
		expect((await b.rejects()).map((r) => [r.line, r.reasons])).toEqual([
			[4, ['missing patient_id']],
			[5, ['invalid date_of_birth']]
		]);
		expect(await b.db.all(stored)).toEqual([
			{ patient_id: 'P1', name: 'Ana Diaz', phone: '(212) 555-0101', dob: '1950-02-03' },
			{ patient_id: 'P2', name: 'Ben Okafor', phone: null, dob: null }
		]);
		expect(await b.load('patients-again.csv', csv)).toMatchObject({ inserted: 0, unchanged: 2 });
	});

	it('reads NDJSON, a JSON array and Parquet the same way', async () => {
		const b = await createBench();
		await b.load(
			'patients.ndjson',
			'{"patient_id": "P1", "name": "Ana Diaz", "date_of_birth": "1950-02-03"}\n'
		);
		await b.load('patients.json', '[{"patient_id": "P2", "phone": "(312) 555-0199"}]');
		const parquet = join(b.dir, 'patients.parquet');
		await b.db.run(
			`COPY (SELECT 'P3' AS patient_id, 'Cy Lee' AS name, '1944-12-31' AS date_of_birth) TO '${parquet}' (FORMAT parquet)`
		);
		const [report] = await b.ingest([parquet]);
		expect(report).toMatchObject({ kind: 'patients', format: 'parquet', accepted: 1 });
		expect((await b.db.all(stored)).map((r) => [r.patient_id, r.dob])).toEqual([
			['P1', '1950-02-03'],
			['P2', null],
			['P3', '1944-12-31']
		]);
	});
});
